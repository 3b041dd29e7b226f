/**
 * Code fetched and run without a pipe or a file (ST2-SEC-019, the fourteenth
 * red team): an interpreter's one-liner that downloads and evaluates
 * (`python3 -c "exec(urlopen(URL).read())"`, `node -e "fetch(URL)…then(eval)"`,
 * `perl -e 'eval HTTP::Tiny->new->get(URL)…'`) or prints the download into a
 * shell (`python3 -c "print(urlopen(URL).read())" | sh`); a download as the
 * code itself (`bash -c "$(curl URL)"`, `eval "$(wget -qO- URL)"`) or as the
 * file a shell sources (`source <(curl URL)`). fetch-exec.ts judges the pipe
 * and file forms; both report the URL's host, https or not, pinned or not.
 */
import { programIndex, programName, type SimpleCommand } from './shell-words.js';

type Lang = 'python' | 'node' | 'perl' | 'ruby' | 'php';

/** python, python3, python3.11, /opt/stackstorm/st2/bin/python → python. */
function langOf(prog: string): Lang | undefined {
  if (/^python[0-9.]*$/.test(prog)) return 'python';
  if (prog === 'node' || prog === 'nodejs') return 'node';
  if (prog === 'perl' || prog === 'ruby' || prog === 'php') return prog;
  return undefined;
}

/** The option whose value is the code to run. */
const CODE_FLAG: Readonly<Record<Lang, RegExp>> = {
  python: /^-[A-Za-z]*c$/,
  node: /^(?:-e|--eval|-p|--print)$/,
  perl: /^-[A-Za-z]*[eE]$/,
  ruby: /^-[A-Za-z]*e$/,
  php: /^-r$/,
};
/** Calls that download. */
const FETCHES: Readonly<Record<Lang, RegExp>> = {
  python: /\burlopen\b|\brequests\.(?:get|post|request)\b|\bhttpx\.|\bhttp\.client\b|\burlretrieve\b|\bpycurl\b/,
  node: /\bfetch\s*\(|\bhttps?\.get\s*\(|\baxios\b/,
  perl: /HTTP::Tiny|\bLWP\b|\bgetstore\b|Mojo::UserAgent/,
  ruby: /open-uri|\bURI\.open\b|Net::HTTP/,
  php: /\bfile_get_contents\b|\bcurl_exec\b/,
};
/** Calls that run a string as code. */
const EVALS: Readonly<Record<Lang, RegExp>> = {
  python: /\b(?:exec|eval)\s*\(|\bcompile\s*\(/,
  node: /\beval\b|\bFunction\s*\(|\bvm\.|\brunIn(?:This|New)?Context\b/,
  perl: /\beval\b/,
  ruby: /\b(?:instance_|class_|module_)?eval\b/,
  php: /\beval\s*\(/,
};
/** Calls that print (the download handed on to a pipe). */
const PRINTS: Readonly<Record<Lang, RegExp>> = {
  python: /\bprint\s*\(|\bsys\.stdout\.(?:buffer\.)?write\b/,
  node: /\bconsole\.log\b|\bprocess\.stdout\.write\b/,
  perl: /\bprint\b|\bsay\b/,
  ruby: /\bputs\b|\bprint\b/,
  php: /\becho\b|\bprint\b/,
};
/** The code checks what it fetched (a digest compared, a signature verified). */
const VERIFIES = /\bhashlib\b|\bsha(?:256|384|512)\b|\bcreateHash\b|Digest::|\bhexdigest\b|\bgpg\b|\bverify\b/i;
const URL = /https?:\/\/[^\s'"`)\\]+/i;

export interface CodeFetch {
  readonly host: string;
  readonly tls: boolean;
  readonly pinned: boolean;
  readonly program: string;
}

/** A commit or digest in the URL (40 or 64 hex digits), as fetch-exec.ts reads curl's. */
const pinnedUrl = (url: string): boolean => /[/=@:](?:[0-9a-f]{40}|[0-9a-f]{64})(?:[/?#.]|$)/i.test(url);

function fetchOf(url: string, program: string, checked: boolean): CodeFetch {
  const host = /^https?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)/i.exec(url)?.[1] ?? '';
  return { host, tls: /^https:/i.test(url), pinned: checked || pinnedUrl(url), program };
}

/**
 * An interpreter's one-liner that downloads: whether it evaluates the download
 * or prints it (for a pipe into a shell). Undefined for anything else.
 */
export function interpreterFetch(cmd: SimpleCommand): { fetch: CodeFetch; evaluates: boolean; prints: boolean } | undefined {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  const lang = langOf(prog);
  if (lang === undefined) return undefined;
  const flag = cmd.words.findIndex((w, i) => i > k && CODE_FLAG[lang].test(w));
  const code = flag > 0 ? cmd.words[flag + 1] : undefined;
  if (code === undefined || !FETCHES[lang].test(code)) return undefined;
  const url = URL.exec(code)?.[0];
  if (url === undefined) return undefined;
  return { fetch: fetchOf(url, prog, VERIFIES.test(code)), evaluates: EVALS[lang].test(code), prints: PRINTS[lang].test(code) };
}

/** `$(curl … URL)` or a backquoted one as the whole of a word, and the URL it downloads (standard output, not -o). */
const SUBSTITUTED = /^\s*(?:\$\(\s*((?:curl|wget)\s[^)]*)\)|`\s*((?:curl|wget)\s[^`]*)`)\s*$/;

function downloadToStdout(inner: string): string | undefined {
  const url = URL.exec(inner)?.[0];
  if (url === undefined) return undefined;
  const curl = inner.startsWith('curl');
  // curl writes to standard output unless -o/-O; wget only with -O - (or -qO-).
  if (curl && /(?:^|\s)(?:-[A-Za-z]*[oO]|--output|--remote-name)\b/.test(inner)) return undefined;
  if (!curl && !/(?:^|\s)-[A-Za-z]*O\s*-(?:\s|$)|--output-document(?:=|\s+)-(?:\s|$)/.test(inner)) return undefined;
  return url;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** `bash -c "$(curl URL)"`, `python3 -c "$(curl URL)"`, `eval "$(wget -qO- URL)"`: the download is the code. */
export function substitutedFetch(cmd: SimpleCommand): CodeFetch | undefined {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  let code: readonly string[] = [];
  if (prog === 'eval') code = cmd.words.slice(k + 1);
  else {
    const lang = SHELLS.has(prog) ? undefined : langOf(prog);
    const flagOk = (w: string): boolean => (lang === undefined ? SHELLS.has(prog) && /^-[A-Za-z]*c$/.test(w) : CODE_FLAG[lang].test(w));
    const flag = cmd.words.findIndex((w, i) => i > k && flagOk(w));
    const word = flag > 0 ? cmd.words[flag + 1] : undefined;
    if (word !== undefined) code = [word];
  }
  for (const w of code) {
    const m = SUBSTITUTED.exec(w);
    const url = m ? downloadToStdout((m[1] ?? m[2] ?? '').trim()) : undefined;
    if (url !== undefined) return fetchOf(url, prog, false);
  }
  return undefined;
}

/**
 * `source <(curl URL)`, `. <(wget -qO- URL)`, `bash <(curl URL)`: a process
 * substitution handed to a shell or interpreter as its file. Read on the
 * script's text: the word cutter does not keep `<(…)` whole.
 */
const PROCESS_SUBSTITUTION = /(?:^|[\n;&|({])\s*(?:[^\s;&|()]*\/)?(source|\.|sh|bash|ash|dash|zsh|ksh|python[0-9.]*|perl|ruby|node)\s+(?:-[^\s<]*\s+)*<\(\s*((?:curl|wget)\s[^)]*)\)/g;

export function processSubstitutedFetches(script: string): CodeFetch[] {
  if (!script.includes('<(')) return [];
  const out: CodeFetch[] = [];
  for (const m of script.matchAll(PROCESS_SUBSTITUTION)) {
    const url = downloadToStdout((m[2] ?? '').trim());
    if (url !== undefined) out.push(fetchOf(url, m[1] ?? '', false));
  }
  return out;
}
