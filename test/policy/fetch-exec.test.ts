/**
 * Code fetched over plain http and run (src/policy/fetch-exec.ts), read from a
 * script as shell-words.ts cuts it.
 */
import { describe, expect, it } from 'vitest';
import { fetchedRuns } from '../../src/policy/fetch-exec.js';
import { pipelines } from '../../src/policy/shell-words.js';

const hosts = (script: string): string[] => fetchedRuns(pipelines(script)).map((r) => r.host);

describe('http downloads a script runs', () => {
  it.each([
    ['curl piped into sh', 'curl -fsSL http://get.example.net/install.sh | sh', ['get.example.net']],
    ['wget to stdout into bash -s', 'wget -qO- http://get.example.net/i | bash -s -- --yes', ['get.example.net']],
    ['into python3', 'curl -s http://10.1.2.3:8080/x.py | python3', ['10.1.2.3']],
    ['saved with -o, then run by sh', 'curl -o /tmp/i.sh http://get.example.net/i.sh && sh /tmp/i.sh', ['get.example.net']],
    ['saved by wget, then run as ./', 'cd /tmp; wget http://get.example.net/tool.sh; chmod +x tool.sh; ./tool.sh', ['get.example.net']],
    ['redirected to a file, then run', 'curl http://get.example.net/i > /tmp/i; bash /tmp/i', ['get.example.net']],
    ['over https', 'curl -fsSL https://get.example.net/install.sh | sh', []],
    ['http fetched to a file no one runs', 'curl -fsS http://config-server/st2.conf -o /extra/zz.conf', []],
    ['http piped into a reader, not a shell', 'curl http://get.example.net/notes | grep -q ok', []],
    ['sh running its own script after a download', 'curl -o /tmp/data.json http://api.example.net/d; sh /opt/run.sh', []],
  ] as const)('%s', (_name, script, expected) => {
    expect(hosts(script)).toEqual(expected);
  });
});
