/**
 * Where the programs that send data send it (curl, wget, the cloud CLIs,
 * scp/rsync/sftp, nc and its kin), and whether a host is in the cluster: the
 * destinations command-effects.ts judges uploads by (exfil-channels.ts adds
 * Python, ssh and DNS).
 */

/** A host inside the cluster: a Service's short or cluster name, localhost. */
export function clusterHost(host: string): boolean {
  const h = host.toLowerCase();
  return !h.includes('.') || /\.svc(\.cluster\.local)?\.?$/.test(h) || h.endsWith('.cluster.local') || h === 'localhost' || /^127\./.test(h) || h === '[::1]';
}

/**
 * A cluster host by the render's own names as well: `<pod>.<service>`,
 * `<service>.<namespace>` and `<pod>.<service>.<namespace>` of a Service the
 * render holds, which clusterHost cannot tell from a public two-label name.
 */
export function renderHost(resources: ReadonlyArray<Record<string, unknown>>, namespace: string): (host: string) => boolean {
  const services = new Set<string>();
  const namespaces = new Set([namespace]);
  for (const r of resources) {
    const m = r['metadata'];
    const name = typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)['name'] : undefined;
    const ns = typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)['namespace'] : undefined;
    if (typeof ns === 'string') namespaces.add(ns);
    if (r['kind'] === 'Service' && typeof name === 'string') services.add(name);
    if (r['kind'] === 'Namespace' && typeof name === 'string') namespaces.add(name);
  }
  return (host) => {
    if (clusterHost(host)) return true;
    const [a = '', b = '', c, ...more] = host.toLowerCase().replace(/\.$/, '').split('.');
    if (more.length > 0) return false;
    if (c === undefined) return services.has(b) || (services.has(a) && namespaces.has(b));
    return services.has(b) && namespaces.has(c);
  };
}

/** The host of a URL or of scp's `[user@]host:path`. */
export function hostOf(target: string): string | undefined {
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]+)/.exec(target);
  if (url) return url[1];
  const scp = /^(?:[^@/:]+@)?([A-Za-z0-9][A-Za-z0-9.-]*):/.exec(target);
  return scp ? scp[1] : undefined;
}

/** Where a sending command sends, and the file or data it sends ('-' is standard input). */
export function sendOf(prog: string, args: readonly string[]): { destination: string; bucket: string; payload: string[] } | undefined {
  const firstUrl = (): string | undefined => args.find((a) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(a));
  const optValue = (names: readonly string[]): string[] => {
    const out: string[] = [];
    args.forEach((a, i) => {
      for (const n of names) {
        if (a === n) out.push(args[i + 1] ?? '');
        else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
        else if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length) out.push(a.slice(n.length));
      }
    });
    return out;
  };
  switch (prog) {
    case 'curl': {
      const url = optValue(['--url'])[0] ?? firstUrl();
      if (url === undefined) return undefined;
      const files = optValue(['-T', '--upload-file']);
      const data = [...optValue(['-d', '--data', '--data-binary', '--data-raw', '--data-urlencode', '--json']), ...optValue(['-F', '--form']).map((f) => f.replace(/^[^=]*=/, ''))];
      const payload = [...files, ...data.map((d) => (d.startsWith('@') ? d.slice(1) : d))];
      return payload.length > 0 ? { destination: url, bucket: '', payload } : undefined;
    }
    case 'wget': {
      const url = firstUrl();
      const payload = [...optValue(['--post-file', '--body-file']), ...optValue(['--post-data', '--body-data'])];
      return url !== undefined && payload.length > 0 ? { destination: url, bucket: '', payload } : undefined;
    }
    case 'rclone': {
      // rcat uploads standard input; an inline remote (:sftp,host=H,...:path) names its host.
      const positional = args.filter((a) => a === '-' || !a.startsWith('-'));
      const verb = positional.find((p) => /^(cp|sync|mv|copy|copyto|move|rcat)$/.test(p));
      if (verb === undefined) return undefined;
      const dest = positional[positional.length - 1];
      const src = verb === 'rcat' ? '-' : positional[positional.length - 2];
      if (dest === undefined || src === undefined || dest === verb) return undefined;
      const inline = /^:([a-z0-9]+),([^:]*):/i.exec(dest);
      const host = inline ? /(?:^|,)(?:host|endpoint|url)=(?:[a-z]+:\/\/)?([^,/:'"]+)/i.exec(inline[2] ?? '')?.[1] : undefined;
      if (inline && host !== undefined) return { destination: `${inline[1] ?? 'rclone'}://${host}/`, bucket: '', payload: [src] };
      const bucket = /^([A-Za-z0-9_-]+):/.exec(dest)?.[1] ?? dest.split('/')[0] ?? '';
      return { destination: dest, bucket, payload: [src] };
    }
    case 'mongorestore':
    case 'mongoimport': {
      // Into a MongoDB at --uri or --host: what it reads (standard input, or an --archive or dump directory) goes there.
      const uri = optValue(['--uri'])[0] ?? args.find((a) => /^mongodb(?:\+srv)?:\/\//.test(a));
      const hostArg = optValue(['--host', '-h'])[0];
      const first = (uri !== undefined ? /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?([^/?,]+)/.exec(uri)?.[1] : hostArg?.replace(/^[^/]*\//, '').split(',')[0]) ?? '';
      if (first === '') return undefined;
      const archive = args.find((a) => a.startsWith('--archive='))?.slice('--archive='.length);
      const dir = optValue(['--dir', '-d'])[0] ?? args.filter((a) => !a.startsWith('-')).find((a) => a.startsWith('/'));
      return { destination: `mongodb://${first}`, bucket: '', payload: [archive ?? dir ?? '-'] };
    }
    case 'aws':
    case 'gsutil':
    case 'gcloud':
    case 's3cmd':
    case 'mc':
    case 'azcopy': {
      // '-' is standard input, a source like any other.
      const positional = args.filter((a) => a === '-' || !a.startsWith('-'));
      const dest = positional[positional.length - 1];
      const src = positional[positional.length - 2];
      if (dest === undefined || src === undefined || !/^(cp|sync|mv|copy|copyto|move|put|rsync|storage)$/.test(positional.find((p) => /^(cp|sync|mv|copy|copyto|move|put|rsync)$/.test(p)) ?? '')) return undefined;
      const bucket = /^[a-z0-9]+:\/\/([^/]+)/.exec(dest)?.[1] ?? /^([A-Za-z0-9_-]+):/.exec(dest)?.[1] ?? dest.split('/')[0] ?? '';
      return { destination: dest, bucket, payload: [src] };
    }
    case 'scp':
    case 'rsync':
    case 'sftp': {
      const positional = args.filter((a) => !a.startsWith('-'));
      const dest = positional[positional.length - 1];
      if (dest === undefined || hostOf(dest) === undefined || positional.length < 2) return undefined;
      return { destination: dest, bucket: '', payload: positional.slice(0, -1) };
    }
    case 'nc':
    case 'ncat':
    case 'netcat':
    case 'telnet': {
      // The host is the first word that is a name or an IPv4 address (a port is digits only).
      const host = args.find((a) => !a.startsWith('-') && (/[A-Za-z]/.test(a) || /^\d+\.\d+\.\d+\.\d+$/.test(a)) && !/^(STDIN|STDOUT|-)$/i.test(a));
      return host === undefined ? undefined : { destination: `tcp://${host.replace(/^TCP[46]?:/i, '')}`, bucket: '', payload: ['-'] };
    }
    default:
      return undefined;
  }
}
