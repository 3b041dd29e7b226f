/**
 * Code fetched and run (ST2-SEC-019): `curl http://host/x | sh`,
 * `wget -qO- http://host/x | python3`, or the download written to a file that
 * the script then runs (`curl -o /tmp/i.sh http://…; sh /tmp/i.sh`, `./i.sh`).
 * Over plain http whoever sits on the path runs code in st2's pod, with its
 * Secrets and its service account; over https whoever can change what the
 * URL serves does (a branch's `install.sh`, the tenth red team), unless the
 * URL names an immutable commit or digest (40 or 64 hex digits) or the
 * script checks the saved file's hash or signature before running it. Read
 * from the commands shell-words.ts cuts (command-effects.ts hands every
 * script of a container here); fetch-eval.ts reads the interpreter and
 * substitution forms.
 */
import { interpreterFetch, processSubstitutedFetches, substitutedFetch } from './fetch-eval.js';
import { programIndex, programName, type SimpleCommand } from './shell-words.js';

/** Programs that run what they read on standard input, or the file they are given. */
const RUNNERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'source', '.']);

export interface FetchedRun {
  /** The URL's host. */
  readonly host: string;
  /** Fetched over https. */
  readonly tls: boolean;
  /** The URL names a commit or digest, or the saved file's hash or signature was checked. */
  readonly pinned: boolean;
  /** The program that downloads (curl, wget, python3, node, ...). */
  readonly program: string;
}

interface Fetch {
  readonly host: string;
  readonly tls: boolean;
  readonly pinned: boolean;
  /** Where the download was written: a file, '-' for standard output, '' for an unseen redirection. */
  readonly to: string;
  readonly program: string;
}

/** Programs that check a file's hash or signature (`sha256sum -c`, `gpg --verify`, `cosign verify-blob`). */
const CHECKERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|gpg|gpgv|cosign|minisign|signify)$/;

/** An http(s):// download by curl or wget: its host and where it went; undefined for anything else. */
function plainFetch(cmd: SimpleCommand): Fetch | undefined {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  if (prog !== 'curl' && prog !== 'wget') return undefined;
  const args = cmd.words.slice(k + 1);
  const url = args.find((a) => /^https?:\/\//i.test(a));
  if (url === undefined) return undefined;
  const host = /^https?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)/i.exec(url)?.[1] ?? '';
  const tls = /^https:/i.test(url);
  const pinned = /[/=@:](?:[0-9a-f]{40}|[0-9a-f]{64})(?:[/?#.]|$)/i.test(url);
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
  // curl -O (also in a cluster: -fsSLO) and wget without -O keep the URL's last segment as the file name.
  const remoteName = url.replace(/[?#].*$/, '').split('/').pop() ?? '';
  const to = out ?? (prog === 'curl' ? (args.some((a) => /^-[A-Za-z]*O[A-Za-z]*$/.test(a) || a === '--remote-name') ? remoteName : '-') : remoteName);
  return { host, tls, pinned, to: cmd.stdoutToFile && to === '-' ? '' : to, program: prog };
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

/** The downloads a script runs; its text for the forms the word cutter does not keep whole (`source <(curl URL)`). */
export function fetchedRuns(lines: readonly (readonly SimpleCommand[])[], script = ''): FetchedRun[] {
  const out: FetchedRun[] = processSubstitutedFetches(script);
  const saved: Fetch[] = [];
  let checked = false;
  for (const pipeline of lines) {
    pipeline.forEach((cmd, position) => {
      const piped = (f: { host: string; tls: boolean; pinned: boolean; program: string }): void => {
        // Piped straight in, nothing can check it first.
        if (pipeline.slice(position + 1).some(runsStdin)) out.push({ host: f.host, tls: f.tls, pinned: f.pinned, program: f.program });
      };
      const fetched = plainFetch(cmd);
      if (fetched !== undefined) {
        if (fetched.to === '-') piped(fetched);
        else saved.push(fetched);
        return;
      }
      // An interpreter's one-liner evaluating its download, or printing it into a pipe.
      const code = interpreterFetch(cmd);
      if (code?.evaluates === true) out.push(code.fetch);
      else if (code?.prints === true) piped(code.fetch);
      const substituted = substitutedFetch(cmd);
      if (substituted !== undefined) out.push(substituted);
      if (CHECKERS.test(programName(cmd.words[programIndex(cmd.words)] ?? ''))) checked = true;
      for (const s of saved) if (runsFile(cmd, s.to)) out.push({ host: s.host, tls: s.tls, pinned: s.pinned || checked, program: s.program });
    });
  }
  return out;
}

/**
 * `tar` (or bsdtar) extracting, `unzip`, or Python's own extractors
 * (`python -m tarfile -e ARCHIVE [DIR]`, `python -m zipfile -e ARCHIVE DIR`:
 * the tarfile and zipfile modules' command lines): the archive it reads
 * ('-' for standard input, or the file redirected into it).
 */
function extracts(cmd: SimpleCommand): string | undefined {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  const args = cmd.words.slice(k + 1);
  if (prog === 'unzip') return args.find((a) => !a.startsWith('-')) ?? '';
  if (/^python[0-9.]*$/.test(prog)) {
    const m = args.indexOf('-m');
    if (m < 0 || (args[m + 1] !== 'tarfile' && args[m + 1] !== 'zipfile')) return undefined;
    const e = args.findIndex((a, i) => i > m + 1 && (a === '-e' || a === '--extract'));
    return e < 0 ? undefined : (args[e + 1] ?? '');
  }
  if (prog !== 'tar' && prog !== 'bsdtar') return undefined;
  // Option bundles: `-xzf`, and tar's old style without a dash as the first word (`tar xzf FILE`).
  const bundle = (a: string, i: number): string | undefined => (/^-[A-Za-z]/.test(a) && !a.startsWith('--') ? a.slice(1) : i === 0 && /^[A-Za-z]+$/.test(a) ? a : undefined);
  if (!args.some((a, i) => a === '--extract' || a === '--get' || (bundle(a, i)?.includes('x') ?? false))) return undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--file') return args[i + 1] ?? '';
    if (a.startsWith('--file=')) return a.slice('--file='.length);
    const b = bundle(a, i);
    const at = b?.indexOf('f') ?? -1;
    if (b === undefined || at < 0) continue;
    // `-fFILE` holds the name; `-xzf FILE` and `xzf FILE` take the next word.
    const rest = b.slice(at + 1);
    return a.startsWith('-') && rest !== '' ? rest : (args[i + 1] ?? '');
  }
  // No -f: standard input (bsdtar(1), GNU tar's usual default), a file when redirected (`tar -x < pack.tgz`).
  return cmd.inputs[0] ?? '-';
}

/**
 * The downloads a script unpacks (`wget -qO- URL | tar xz -C DIR`, or saved
 * then `tar xzf FILE` / `unzip FILE`): pack trees fetched from a host
 * (install-sources.ts judges where they land). Pinned when the URL names a
 * commit or digest, or a hash or signature was checked before unpacking.
 */
export function fetchedArchives(lines: readonly (readonly SimpleCommand[])[]): FetchedRun[] {
  const out: FetchedRun[] = [];
  const saved: Fetch[] = [];
  let checked = false;
  for (const pipeline of lines) {
    pipeline.forEach((cmd, position) => {
      const fetched = plainFetch(cmd);
      if (fetched !== undefined) {
        if (fetched.to !== '-') saved.push(fetched);
        else if (pipeline.slice(position + 1).some((c) => extracts(c) === '-')) out.push({ host: fetched.host, tls: fetched.tls, pinned: fetched.pinned, program: fetched.program });
        return;
      }
      if (CHECKERS.test(programName(cmd.words[programIndex(cmd.words)] ?? ''))) checked = true;
      const archive = extracts(cmd);
      if (archive === undefined || archive === '-') return;
      for (const s of saved) if (s.to !== '' && (archive === s.to || programName(archive) === programName(s.to))) out.push({ host: s.host, tls: s.tls, pinned: s.pinned || checked, program: s.program });
    });
  }
  return out;
}
