/**
 * Channels out of the cluster beyond curl, wget, the cloud CLIs, scp and nc
 * (the tenth red team): Python's HTTP clients in a `python -c` script, ssh
 * with a file or a pipe on its standard input, and DNS lookups of names built
 * at run time under an outside zone (a secret cut into labels). Each answers
 * what command-effects.ts's sendOf answers for the others: where it sends and
 * what (files, `$VAR` words, '-' for standard input); command-effects.ts then
 * judges the payload (a Secret's file or variable, a store dump) and the
 * destination (in the cluster, a listed backup location) the same way.
 */
import type { SimpleCommand } from './shell-words.js';

export interface ChannelSend {
  /** A URL, `ssh://host` or `dns://zone`: command-effects.ts takes its host. */
  readonly destination: string;
  /** Files, words that may hold `$VAR`, '-' for standard input. */
  readonly payload: string[];
  /** A name looked up, not a body sent: only a secret read by the script can be in it. */
  readonly lookup?: boolean;
}

const PYTHONS = new Set(['python', 'python2', 'python3']);
/** Words of Python code that send a body somewhere. */
export const PY_SENDS = /\burlopen\s*\(|\brequests\.(?:post|put|patch)\b|\bhttpx\.(?:post|put|patch)\b|\.request\(\s*['"](?:POST|PUT|PATCH)|\bhttp\.client\b|\bsocket\.(?:socket|create_connection)\b|\bsmtplib\b|\bftplib\b|\bparamiko\b/;
// Quotes optional here too: `smtplib.SMTP(mx.example.net,25)` is what an argv's code reaches the cutter as.
const PY_CONNECT = /\b(?:SMTP(?:_SSL)?|LMTP|FTP(?:_TLS)?|HTTPS?Connection|create_connection|connect|sendto)\(\s*\(?\s*['"]?([A-Za-z0-9][A-Za-z0-9.:-]*\.[A-Za-z0-9.:-]*[A-Za-z0-9])['"]?\s*[,)]/;
const PY_URL = /\b(?:https?|ftp):\/\/[^\s'"(),;]+/g;
/** The URL a body goes to: urlopen(URL, DATA), or a call with data=/json=/files= after it (the code may first read another URL). */
const PY_SENT_URL = /\b(?:urlopen|Request|post|put|patch)\(\s*['"]?((?:https?|ftp):\/\/[^\s'"(),;]+)['"]?\s*,\s*(?:(?:data|json|files)\s*=|(?![A-Za-z_][A-Za-z0-9_]*\s*=)[A-Za-z_(])/;
/** Files the code opens, environment variables it reads (os.environ['X'], getenv('X'), the whole environ). */
// Quotes optional: a container's argv reaches the cutter with its quotes dropped.
const PY_OPEN = /\bopen\(\s*['"]?(\/[^'",)\s]+)/g;
const PY_ENV = /\b(?:os\.)?(?:environ(?:\.get)?\s*[[(]\s*|getenv\(\s*)['"]?([A-Za-z_][A-Za-z0-9_]*)/g;
const PY_ALL_ENV = /\bos\.environ\b(?!\s*(?:\.get)?\s*[[(])|\bdict\(\s*os\.environ\s*\)/;

/** `python3 -c CODE` sending to an outside URL: its URL's host and what the code reads. */
function pythonSend(args: readonly string[], envNames: () => readonly string[]): ChannelSend | undefined {
  const k = args.findIndex((a) => a === '-c');
  const code = k >= 0 ? args[k + 1] : undefined;
  return code === undefined ? undefined : pythonCodeSend(code, envNames);
}

/** Python code (a `-c` argument or a heredoc's body) sending to a URL or a host it connects to. */
export function pythonCodeSend(code: string, envNames: () => readonly string[]): ChannelSend | undefined {
  if (!PY_SENDS.test(code)) return undefined;
  // A URL, or the host handed to a connection (smtplib.SMTP('mx.x', 25), socket.create_connection(('h', p))).
  const host = PY_CONNECT.exec(code)?.[1];
  const url = PY_SENT_URL.exec(code)?.[1] ?? code.match(PY_URL)?.[0] ?? (host === undefined ? undefined : `tcp://${host}`);
  if (url === undefined) return undefined;
  const payload: string[] = [];
  for (const m of code.matchAll(PY_OPEN)) payload.push(m[1] ?? '');
  for (const m of code.matchAll(PY_ENV)) payload.push(`$${m[1] ?? ''}`);
  if (PY_ALL_ENV.test(code)) payload.push(...envNames().map((n) => `$${n}`));
  // A `$VAR` the shell put into the code before Python ran it.
  if (code.includes('$')) payload.push(code);
  return payload.length > 0 ? { destination: url, payload } : undefined;
}

/** A heredoc fed to Python (`python3 - <<'PY'`, `python3 <<EOF`): the shell cutter reads its lines as commands, so its body is read here as code. */
const PY_HEREDOC = /\bpython[0-9.]*\b[^\n|;&]*?<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1[^\n]*\n([\s\S]*?)\n[ \t]*\2[ \t]*(?:\n|$)/g;

/** The bodies of a script's Python heredocs. */
export function pythonHeredocs(script: string): string[] {
  if (!script.includes('<<') || !script.includes('python')) return [];
  return [...script.matchAll(PY_HEREDOC)].map((m) => m[3] ?? '');
}

/** Options of ssh that take a value as the next word. */
const SSH_VALUED = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/** `ssh [options] [user@]host [command]`: what it reads on standard input goes to the host. */
function sshSend(args: readonly string[], cmd: SimpleCommand, piped: boolean): ChannelSend | undefined {
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (SSH_VALUED.has(a)) i++;
    else if (!a.startsWith('-')) {
      host = a;
      break;
    }
  }
  if (host === undefined || (cmd.inputs.length === 0 && !piped)) return undefined;
  return { destination: `ssh://${host}`, payload: cmd.inputs.length > 0 ? [...cmd.inputs] : ['-'] };
}

const RESOLVERS = new Set(['nslookup', 'dig', 'host', 'drill', 'kdig', 'delv', 'getent', 'ping', 'resolvectl']);

/**
 * A lookup of a name built at run time (`$c.x.zone.net`, `${part}.zone.net`)
 * under an outside zone: the zone's servers log every label. A name written
 * out, or one that is only a variable (no zone to send it to), is no channel.
 */
function dnsSend(prog: string, args: readonly string[]): ChannelSend | undefined {
  if (!RESOLVERS.has(prog)) return undefined;
  for (const a of args) {
    if (a.startsWith('-') || a.startsWith('@') || !a.includes('$')) continue;
    // What follows the label of the last expansion is the zone the name falls under.
    const rest = a.replace(/^.*\$(?:\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*)/s, '');
    const dot = rest.indexOf('.');
    const zone = dot < 0 ? '' : rest.slice(dot + 1).replace(/\.$/, '');
    if (/^(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$/.test(zone)) return { destination: `dns://${zone}`, payload: [a], lookup: true };
  }
  return undefined;
}

/** The send of a command on one of these channels, if it is one. */
export function channelSend(prog: string, args: readonly string[], cmd: SimpleCommand, piped: boolean, envNames: () => readonly string[]): ChannelSend | undefined {
  if (PYTHONS.has(prog)) return pythonSend(args, envNames);
  if (prog === 'ssh') return sshSend(args, cmd, piped);
  return dnsSend(prog, args);
}
