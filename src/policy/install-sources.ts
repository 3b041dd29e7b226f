/**
 * Where code is installed from (the tenth red team): `st2 pack install` of a
 * git repository without a pinned ref installs whatever its default branch
 * holds that day, and runs its requirements.txt through pip; pip from an
 * index over plain http, with `--trusted-host` (TLS checks off for that
 * host), or from a git branch, installs whatever answers. A ref naming a
 * commit (40 hex digits) or a version tag (`v1.2.0`, `1.2.0`) is pinned; a
 * StackStorm Exchange pack name is StackStorm's index, not judged here.
 * Hosts in the cluster (a devpi Service) are judged as such by the caller.
 */
import { clusterHost, hostOf } from './send-programs.js';

export interface InstallSource {
  readonly source: 'pack' | 'pip' | 'git';
  /**
   * tls-off: git without certificate checks (GIT_SSL_NO_VERIFY, http.sslVerify=false): st2 pack install clones with git;
   * index: pip's index replaced by a host outside the cluster; extra-index: a source beside PyPI outside the cluster
   * (--extra-index-url, --find-links: dependency confusion); redirect: git's url.<base>.insteadOf to another host
   * (package-sources.ts); archive: a download unpacked (tar, unzip) without a pinned URL or a checked hash
   * (fetch-exec.ts fetchedArchives), judged where it fills st2's packs.
   */
  readonly problem: 'branch' | 'plain-http' | 'trusted-host' | 'tls-off' | 'index' | 'extra-index' | 'redirect' | 'archive';
  readonly host: string;
  readonly internal: boolean;
}

const PINNED_REF = /^(?:[0-9a-f]{40}|v?[0-9]+(?:\.[0-9]+)+(?:[-+.][0-9A-Za-z.-]*)?)$/;

const found = (source: InstallSource['source'], problem: InstallSource['problem'], target: string): InstallSource => {
  const host = hostOf(target) ?? (/^[A-Za-z0-9.-]+$/.test(target) ? target : '');
  return { source, problem, host, internal: host !== '' && clusterHost(host) };
};

/** `st2 pack install SRC[=REF]...`: git and http sources without a pinned ref. */
function packSources(args: readonly string[]): InstallSource[] {
  const k = args.findIndex((a, i) => a === 'install' && args[i - 1] === 'pack');
  if (k < 0) return [];
  const out: InstallSource[] = [];
  for (const a of args.slice(k + 1)) {
    if (a.startsWith('-')) continue;
    const remote = /^(?:https?|git|ssh):\/\//i.test(a) || /^git@/.test(a);
    if (!remote) continue;
    const eq = a.lastIndexOf('=');
    const [url, ref] = eq > a.indexOf('://') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (/^http:\/\//i.test(url)) out.push(found('pack', 'plain-http', url));
    else if (ref === undefined || !PINNED_REF.test(ref)) out.push(found('pack', 'branch', url.replace(/^git@([^:]+):/, 'ssh://$1/')));
  }
  return out;
}

const PIP_VALUED = new Set(['-i', '--index-url', '--extra-index-url', '--trusted-host', '-r', '--requirement', '-c', '--constraint', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '-e', '--editable']);

/** `pip install` (or `python -m pip install`): plain-http indexes, trusted hosts, git branches. */
function pipSources(args: readonly string[]): InstallSource[] {
  const k = args.indexOf('install');
  if (k < 0) return [];
  const rest = args.slice(k + 1);
  const out: InstallSource[] = [];
  const value = (i: number, names: readonly string[]): string | undefined => {
    const a = rest[i] ?? '';
    for (const n of names) {
      if (a === n) return rest[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
    return undefined;
  };
  rest.forEach((a, i) => {
    const index = value(i, ['-i', '--index-url', '--extra-index-url', '-f', '--find-links']);
    if (index !== undefined && /^http:\/\//i.test(index)) out.push(found('pip', 'plain-http', index));
    else if (index !== undefined) out.push(...elsewhere(index, value(i, ['-i', '--index-url']) !== undefined));
    const trusted = value(i, ['--trusted-host']);
    if (trusted !== undefined) out.push(found('pip', 'trusted-host', trusted.split(':')[0] ?? ''));
    if (a.startsWith('-') || PIP_VALUED.has(rest[i - 1] ?? '')) return;
    const req = a.replace(/^[A-Za-z0-9_.-]+\s*@\s*/, '');
    if (/^git\+/i.test(req)) {
      const ref = /@([^@/#]+)(?:#.*)?$/.exec(req.replace(/^git\+[a-z]+:\/\/[^/]*@/i, 'git+x://'))?.[1];
      if (ref === undefined || !PINNED_REF.test(ref)) out.push(found('pip', 'branch', req.replace(/^git\+/i, '')));
    } else if (/^http:\/\//i.test(req)) out.push(found('pip', 'plain-http', req));
  });
  return out;
}

/** pip's default index and its files: no one else's source. */
const PYPI = new Set(['pypi.org', 'files.pythonhosted.org', 'pypi.python.org']);

/**
 * An https index outside the cluster other than PyPI: one replacing PyPI is
 * the owner's mirror or not (the policy's settings decide); one beside it
 * (--extra-index-url, --find-links) is dependency confusion: pip takes the
 * highest version from any of them (pip docs, --extra-index-url warning).
 */
function elsewhere(url: string, replaces: boolean): InstallSource[] {
  if (!/^https:\/\//i.test(url)) return [];
  const host = (hostOf(url) ?? '').toLowerCase();
  if (host === '' || PYPI.has(host) || clusterHost(host)) return [];
  return [{ source: 'pip', problem: replaces ? 'index' : 'extra-index', host, internal: false }];
}

/** pip's options as st2 passes them ([actionrunner] pip_opts, a list): judged as `pip install` with them. */
export function pipOptionSources(options: readonly string[]): InstallSource[] {
  return pipSources(['install', ...options]);
}

/** `git -c http.sslVerify=false ...` or `git config [--global] http.sslVerify false`: every later clone unchecked. */
function gitTlsOff(args: readonly string[]): InstallSource[] {
  const joined = args.join(' ').toLowerCase();
  const off = /\bhttp\.(?:[^\s=]*\.)?sslverify(?:=|\s+)(?:false|no|off|0)\b/.test(joined);
  return off ? [{ source: 'git', problem: 'tls-off', host: '', internal: false }] : [];
}

/**
 * `git clone URL [DIR]` of a remote without a pinned `--branch`/`-b` (a
 * version tag) or `--revision`: the default branch as it is that day. The
 * policy judges it where the clone fills st2's packs (the fourteenth red
 * team's init container); the caller drops it when the script then checks
 * out a commit.
 */
function gitClone(args: readonly string[]): InstallSource[] {
  // git's own options first (-c NAME=VALUE, -C DIR take a value), then the subcommand.
  let k = 0;
  while (k < args.length && (args[k] ?? '').startsWith('-')) k += args[k] === '-c' || args[k] === '-C' ? 2 : 1;
  if (args[k] !== 'clone') return [];
  const rest = args.slice(k + 1);
  const url = rest.find((a) => /^(?:https?|git|ssh):\/\//i.test(a) || /^git@/.test(a));
  if (url === undefined) return [];
  let ref: string | undefined;
  rest.forEach((a, i) => {
    const m = /^(?:--branch|--revision)=(.+)$/.exec(a);
    if (m?.[1]) ref = m[1];
    else if (a === '--branch' || a === '-b' || a === '--revision') ref = rest[i + 1];
  });
  return ref !== undefined && PINNED_REF.test(ref) ? [] : [found('git', 'branch', url.replace(/^git@([^:]+):/, 'ssh://$1/'))];
}

/** The install sources of one command. */
export function installSources(prog: string, args: readonly string[]): InstallSource[] {
  if (prog === 'git') return [...gitTlsOff(args), ...gitClone(args)];
  if (prog === 'st2') return packSources(args);
  if (/^pip[0-9.]*$/.test(prog)) return pipSources(args);
  if (/^python[0-9.]*$/.test(prog) && args[0] === '-m' && /^pip[0-9.]*$/.test(args[1] ?? '')) return pipSources(args.slice(2));
  return [];
}
