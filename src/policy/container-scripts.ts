/**
 * The scripts a container runs, for command-effects.ts: its argv (a shell's
 * `-c` script, or the argv read as one command), its lifecycle hooks, its
 * exec probes (the kubelet runs them inside the container, with its mounts,
 * again and again; their output goes to the kubelet, not the pod log), the
 * mounted scripts it runs and the script BASH_ENV makes bash source first.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { expandShellVars, expandVars, SHELLS } from './container-env.js';
import type { ContainerAt } from './container-walk.js';
import { programName } from './shell-words.js';
import type { ContainerFiles } from './container-files.js';
import { rabbitmqEnvFile, rabbitmqEnvText } from './rabbitmq-env.js';
import { mountedProgramTexts } from './st2-scripts.js';

type Path = Array<string | number>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The scripts a container runs: its argv (a shell's -c script), its hooks, the mounted scripts it runs. */
const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const;

/**
 * ssh runs an ssh config's `ProxyCommand` through the shell on every
 * connection, and so does st2's Paramiko runner with `[ssh_runner]
 * use_ssh_config` (ParamikoSSHClient hands the config's proxycommand to
 * paramiko.ProxyCommand, st2common/runners/paramiko_ssh.py): each one in a
 * file mounted into the container is a script it runs. `proxyConfigs`: the
 * render has such a file at all (read once per render by the caller).
 */
const PROXY_COMMAND = /^[ \t]*ProxyCommand[ \t]*(?:=[ \t]*|[ \t])(.+)$/gim;

function proxyCommands(container: JsonObject, files: ContainerFiles): string[] {
  const out: string[] = [];
  const mounts = Array.isArray(container['volumeMounts']) ? container['volumeMounts'].filter(isJsonObject) : [];
  const read = (path: string): void => {
    const f = files.file(path);
    if (f.kind === 'text' && f.source !== undefined && f.text.includes('ProxyCommand')) for (const m of f.text.matchAll(PROXY_COMMAND)) if (m[1] !== undefined && m[1].trim() !== 'none') out.push(m[1].trim());
  };
  for (const m of mounts) {
    const at = m['mountPath'];
    if (typeof at !== 'string' || !at.startsWith('/')) continue;
    if (typeof m['subPath'] === 'string' && m['subPath'] !== '') {
      read(at);
      continue;
    }
    const dir = at.replace(/\/+$/, '');
    const listing = files.listing(dir);
    if ('files' in listing) for (const name of listing.files) read(name.startsWith('/') ? name : `${dir}/${name}`);
  }
  return out;
}

/**
 * The script BASH_ENV names: every non-interactive bash (a `bash -c` command,
 * a bash script, an exec probe through bash) expands the variable and sources
 * that file before its own commands (bash manual, INVOCATION), so a file of
 * the render there runs as the container's script does. The value is the
 * file name as written (a trailing newline names another, absent file).
 * sh and dash read ENV only when interactive (dash(1)), so ENV is not one.
 */
export function bashEnvScript(files: () => ContainerFiles, env: ReadonlyMap<string, string>): string | undefined {
  const named = env.get('BASH_ENV');
  if (named === undefined || named === '') return undefined;
  const path = expandShellVars(named, env);
  if (!path.startsWith('/')) return undefined;
  const f = files().file(path);
  return f.kind === 'text' && f.source !== undefined ? f.text : undefined;
}

export function containerScripts(c: ContainerAt, files: () => ContainerFiles, vars: ReadonlyMap<string, string>, proxyConfigs = false, loaderEnv: () => ReadonlyMap<string, string> = () => vars): Array<{ path: Path; text: string; probe?: boolean }> {
  const out: Array<{ path: Path; text: string; probe?: boolean }> = [];
  const argvText = (argv: readonly string[]): string => {
    const words = argv.map((w) => expandVars(w, vars));
    const first = programName(words[0] ?? '');
    const flag = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w));
    if (SHELLS.has(first) && flag > 0) return words.slice(flag + 1).join('\n');
    // An argv is one command: quote each word so that the cutter keeps it whole.
    return words.map((w) => `'${w.replace(/'/g, '')}'`).join(' ');
  };
  const argv = [...strings(c.container['command']), ...strings(c.container['args'])];
  if (argv.length > 0) out.push({ path: c.path, text: argvText(argv) });
  const lifecycle = c.container['lifecycle'];
  for (const hook of ['postStart', 'preStop'] as const) {
    const h = isJsonObject(lifecycle) ? lifecycle[hook] : undefined;
    const exec = isJsonObject(h) ? h['exec'] : undefined;
    const cmd = isJsonObject(exec) ? strings(exec['command']) : [];
    if (cmd.length > 0) out.push({ path: [...c.path, 'lifecycle', hook, 'exec', 'command'], text: argvText(cmd) });
  }
  // The kubelet runs exec probes inside the container, with its mounts, again and again.
  for (const probe of PROBES) {
    const p = c.container[probe];
    const exec = isJsonObject(p) ? p['exec'] : undefined;
    const cmd = isJsonObject(exec) ? strings(exec['command']) : [];
    if (cmd.length > 0) out.push({ path: [...c.path, probe, 'exec', 'command'], text: argvText(cmd), probe: true });
  }
  if (argv.length > 0) for (const text of mountedProgramTexts(c.container, files(), vars)) out.push({ path: c.path, text });
  if (proxyConfigs) for (const text of proxyCommands(c.container, files())) out.push({ path: c.path, text });
  const bashEnv = bashEnvScript(files, loaderEnv());
  if (bashEnv !== undefined) out.push({ path: c.path, text: bashEnv });
  // RabbitMQ's startup scripts source rabbitmq-env.conf with `.` (rabbitmq-env.conf(5)): its commands run too.
  const confFile = rabbitmqEnvFile(c.container, loaderEnv());
  const conf = confFile === undefined ? undefined : rabbitmqEnvText(files(), confFile);
  if (conf !== undefined) out.push({ path: c.path, text: conf });
  return out;
}
