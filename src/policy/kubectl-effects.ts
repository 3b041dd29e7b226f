/**
 * What a kubectl (or oc) command deletes or scales, read from its words:
 * the verb, kinds and names, a label selector, --all, the namespace and the
 * replica count (command-effects.ts; operations_commands.rego judges it).
 */

/** Options of kubectl that take a value as the next word. */
const KUBECTL_VALUED = new Set(['-n', '--namespace', '-l', '--selector', '--context', '--cluster', '--user', '-o', '--output', '--field-selector', '--kubeconfig', '-f', '--filename', '--timeout', '--grace-period', '--replicas', '-s', '--server', '--token', '--as', '--cascade']);

export function kubectlEffect(words: readonly string[], ns: string): { verb: 'delete' | 'scale'; what: string; names: string[]; selector: Record<string, string> | null; all: boolean; namespace: string; replicas: number | null } | undefined {
  const positional: string[] = [];
  const opts = new Map<string, string>();
  let all = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const eq = /^(--?[A-Za-z-]+)=(.*)$/s.exec(w);
    if (eq) opts.set(eq[1] ?? '', eq[2] ?? '');
    else if (/^-[nl]./.test(w)) opts.set(w.slice(0, 2), w.slice(2));
    else if (KUBECTL_VALUED.has(w)) opts.set(w, words[++i] ?? '');
    else if (w === '--all' || w === '-A' || w === '--all-namespaces') all = true;
    else if (!w.startsWith('-')) positional.push(w);
  }
  const verb = positional[0];
  if (verb !== 'delete' && verb !== 'scale') return undefined;
  const kinds: string[] = [];
  const names: string[] = [];
  for (const p of positional.slice(1)) {
    if (p.includes('/')) {
      const [k, n] = p.split('/');
      kinds.push(k ?? '');
      names.push(n ?? '');
    } else if (kinds.length === 0) kinds.push(...p.split(','));
    else names.push(p);
  }
  const sel = opts.get('-l') ?? opts.get('--selector');
  let selector: Record<string, string> | null = null;
  if (sel !== undefined) {
    selector = {};
    for (const term of sel.split(',')) {
      const m = /^\s*([A-Za-z0-9./_-]+)\s*(?:==|=)\s*([A-Za-z0-9._-]*)\s*$/.exec(term);
      // A set-based or negated term narrows what an equality selector picks: read it as picking by the rest.
      if (m) selector[m[1] ?? ''] = m[2] ?? '';
    }
  }
  const replicas = opts.get('--replicas');
  return {
    verb,
    what: kinds.map(kindWord).join(','),
    names,
    selector,
    all,
    namespace: opts.get('-n') ?? opts.get('--namespace') ?? ns,
    replicas: replicas !== undefined && /^[0-9]+$/.test(replicas) ? Number(replicas) : null,
  };
}

const KIND_WORDS: Readonly<Record<string, string>> = { po: 'pods', pod: 'pods', pods: 'pods', sts: 'statefulsets', statefulset: 'statefulsets', statefulsets: 'statefulsets', pvc: 'persistentvolumeclaims', persistentvolumeclaim: 'persistentvolumeclaims', persistentvolumeclaims: 'persistentvolumeclaims', deploy: 'deployments', deployment: 'deployments', deployments: 'deployments', all: 'all' };
const kindWord = (w: string): string => KIND_WORDS[w.toLowerCase().split('.')[0] ?? ''] ?? w.toLowerCase();
