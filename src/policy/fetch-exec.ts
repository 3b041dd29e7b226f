/**
 * Code fetched over plain http and run (ST2-SEC-019): `curl http://host/x | sh`,
 * `wget -qO- http://host/x | python3`, or the download written to a file that
 * the script then runs (`curl -o /tmp/i.sh http://…; sh /tmp/i.sh`, `./i.sh`).
 * Whoever sits on the path (or owns the name) runs code in st2's pod, with
 * its Secrets and its service account. Read from the commands shell-words.ts
 * cuts (command-effects.ts hands every script of a container here).
 */
import { programIndex, programName, type SimpleCommand } from './shell-words.js';

/** Programs that run what they read on standard input, or the file they are given. */
const RUNNERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'source', '.']);

export interface FetchedRun {
  /** The http URL's host. */
  readonly host: string;
}

interface Fetch {
  readonly host: string;
  /** Where the download was written: a file, '-' for standard output, '' for an unseen redirection. */
  readonly to: string;
}

/** An http:// download by curl or wget: its host and where it went; undefined for anything else. */
function plainFetch(cmd: SimpleCommand): Fetch | undefined {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  if (prog !== 'curl' && prog !== 'wget') return undefined;
  const args = cmd.words.slice(k + 1);
  const url = args.find((a) => /^http:\/\//i.test(a));
  if (url === undefined) return undefined;
  const host = /^http:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)/i.exec(url)?.[1] ?? '';
  const value = (names: readonly string[]): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      for (const n of names) {
        if (a === n) return args[i + 1];
        if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
        // A short option, alone or closing a cluster (-qO- , -fsSLo file).
        const m = n.length === 2 && !a.startsWith('--') ? new RegExp(`^-[A-Za-z]*${n[1] ?? ''}(.*)$`).exec(a) : null;
        if (m) return m[1] === '' ? args[i + 1] : m[1];
      }
    }
    return undefined;
  };
  const out = prog === 'curl' ? value(['-o', '--output']) : value(['-O', '--output-document']);
  // curl -O and wget without -O keep the URL's last segment as the file name.
  const remoteName = url.replace(/[?#].*$/, '').split('/').pop() ?? '';
  const to = out ?? (prog === 'curl' ? (args.some((a) => a === '-O' || a === '--remote-name') ? remoteName : '-') : remoteName);
  return { host, to: cmd.stdoutToFile && to === '-' ? '' : to };
}

/** A command that runs code from standard input (`sh`, `python3 -`) when piped into. */
function runsStdin(cmd: SimpleCommand): boolean {
  const k = programIndex(cmd.words);
  if (!RUNNERS.has(programName(cmd.words[k] ?? ''))) return false;
  const rest = cmd.words.slice(k + 1).filter((w) => w !== '-' && w !== '-s' && !/^-[a-zA-Z]$/.test(w));
  return rest.length === 0 || rest[0] === '--';
}

/** A command that runs this file (sh /tmp/i.sh, ./i.sh, python3 i.py); an unseen file: any file a runner is given. */
function runsFile(cmd: SimpleCommand, file: string): boolean {
  const k = programIndex(cmd.words);
  if (k < 0) return false;
  const program = cmd.words[k] ?? '';
  const base = (p: string): string => programName(p);
  if (file !== '' && (program === file || base(program) === base(file)) && program.includes('/')) return true;
  if (!RUNNERS.has(programName(program))) return false;
  const target = cmd.words.slice(k + 1).find((w) => !w.startsWith('-'));
  if (target === undefined) return false;
  return file === '' || target === file || base(target) === base(file);
}

/** The http downloads a script runs. */
export function fetchedRuns(lines: readonly (readonly SimpleCommand[])[]): FetchedRun[] {
  const out: FetchedRun[] = [];
  const saved: Fetch[] = [];
  for (const pipeline of lines) {
    pipeline.forEach((cmd, position) => {
      const fetched = plainFetch(cmd);
      if (fetched !== undefined) {
        if (fetched.to === '-' && pipeline.slice(position + 1).some(runsStdin)) out.push({ host: fetched.host });
        else if (fetched.to !== '-') saved.push(fetched);
        return;
      }
      for (const s of saved) if (runsFile(cmd, s.to)) out.push({ host: s.host });
    });
  }
  return out;
}
