/**
 * Channels out of the cluster the eleventh red team used beside those of
 * send-programs.ts and exfil-channels.ts: busybox's ftpput and tftp, socat's
 * address pairs, bash's /dev/tcp and /dev/udp redirections, and git pushing a
 * work tree to a remote. Each names where it connects and what it sends
 * (files, '-' for standard input, or nothing it names: then the script's own
 * secret reads are what it can carry); command-effects.ts judges the rest.
 */

export interface SocketSend {
  readonly destination: string;
  readonly payload: string[];
}

/** Options of busybox ftpput/ftpget that take a value. */
const FTP_VALUED = new Set(['-u', '-p', '-P', '--username', '--password', '--port']);

/** `ftpput [-u U -p P] [-P PORT] HOST [REMOTE] LOCAL...`: the local files go to HOST. */
function ftpput(args: readonly string[]): SocketSend | undefined {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (FTP_VALUED.has(a)) i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const host = positional[0];
  return host === undefined || positional.length < 2 ? undefined : { destination: `ftp://${host}`, payload: positional.slice(1) };
}

/** `tftp -p -l LOCAL [-r REMOTE] HOST [PORT]` (busybox) or `tftp HOST -c put LOCAL`: a put sends LOCAL to HOST. */
function tftp(args: readonly string[]): SocketSend | undefined {
  const put = args.some((a) => a === '-p' || a === '--put' || a === 'put');
  if (!put) return undefined;
  const local: string[] = [];
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-l' || a === '--local') local.push(args[++i] ?? '');
    else if (a === '-r' || a === '--remote' || a === '-b' || a === '--blocksize') i++;
    else if (a.startsWith('/')) local.push(a);
    else if (!a.startsWith('-') && a !== 'put' && host === undefined && !/^[0-9]+$/.test(a)) host = a;
  }
  return host === undefined ? undefined : { destination: `tftp://${host}`, payload: local.length > 0 ? local : ['-'] };
}

/** socat's network address types and the file ones that give it data. */
const SOCAT_NET = /^(?:TCP[46]?|TCP[46]?-CONNECT|UDP[46]?|UDP[46]?-SENDTO|UDP[46]?-CONNECT|OPENSSL|SSL|OPENSSL-CONNECT|SCTP[46]?|SCTP-CONNECT|DCCP-CONNECT|SOCKS4A?|PROXY):([^:,]+)/i;
const SOCAT_FILE = /^(?:FILE|OPEN|GOPEN|CREATE|READ|PIPE):([^,]+)/i;

/** `socat [opts] ADDR1 ADDR2`: a network address is where it connects, a file address what it sends. */
function socat(args: readonly string[]): SocketSend | undefined {
  const addresses = args.filter((a) => !/^-[A-Za-z]/.test(a));
  let host: string | undefined;
  const payload: string[] = [];
  for (const a of addresses) {
    const net = SOCAT_NET.exec(a);
    const file = SOCAT_FILE.exec(a);
    if (net?.[1] !== undefined) host ??= net[1].replace(/^\[|\]$/g, '');
    else if (file?.[1] !== undefined) payload.push(file[1]);
    else if (a === '-' || /^(?:STDIN|STDIO|STDOUT)$/i.test(a)) payload.push('-');
    else if (a.startsWith('/')) payload.push(a);
    // EXEC:/SYSTEM: run a program whose output is sent: what the script reads.
    else if (/^(?:EXEC|SYSTEM):/i.test(a)) payload.push(...(a.match(/\/[^\s,'"]+/g) ?? []), '-');
  }
  return host === undefined ? undefined : { destination: `tcp://${host}`, payload: payload.length > 0 ? payload : ['-'] };
}

/** A send by one of these programs, if it is one. */
export function socketSend(prog: string, args: readonly string[]): SocketSend | undefined {
  if (prog === 'ftpput') return ftpput(args);
  if (prog === 'tftp') return tftp(args);
  if (prog === 'socat') return socat(args);
  return undefined;
}

/** Hosts a script opens raw sockets to through bash's /dev/tcp or /dev/udp. */
export function devTcpHosts(script: string): string[] {
  if (!script.includes('/dev/tcp/') && !script.includes('/dev/udp/')) return [];
  return [...script.matchAll(/\/dev\/(?:tcp|udp)\/([^/\s'"]+)\//g)].map((m) => m[1] ?? '').filter((h) => h !== '');
}

const URLISH = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|[^@/\s:]+@[^:\s]+:)/;

/**
 * The remotes a script's `git push` sends its commits to: a URL pushed to
 * directly, or the URL a remote was cloned from or added as. undefined when
 * the script pushes nowhere.
 */
export function gitPushRemotes(commands: ReadonlyArray<{ readonly prog: string; readonly args: readonly string[] }>): string[] | undefined {
  const gits = commands.filter((c) => c.prog === 'git').map((c) => c.args.filter((a, i) => !a.startsWith('-') && (c.args[i - 1] ?? '') !== '-c' && (c.args[i - 1] ?? '') !== '-C'));
  const pushes = gits.filter((p) => p[0] === 'push');
  if (pushes.length === 0) return undefined;
  const remotes = new Set<string>();
  for (const p of pushes) for (const a of p.slice(1)) if (URLISH.test(a)) remotes.add(a);
  for (const p of gits) {
    if (p[0] === 'clone' && p[1] !== undefined) remotes.add(p[1]);
    if (p[0] === 'remote' && (p[1] === 'add' || p[1] === 'set-url') && p[3] !== undefined) remotes.add(p[3]);
  }
  return [...remotes];
}
