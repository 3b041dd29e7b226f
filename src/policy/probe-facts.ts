/**
 * The ports a pod's probes and postStart hooks dial (ST2-OPS-031), named
 * ports resolved as the kubelet resolves them. A postStart handler that fails
 * kills the container (k8s container lifecycle hooks: "If a PostStart or
 * PreStop hook fails, it kills the Container"), so an httpGet or tcpSocket
 * hook on a port the process never listens on restarts it forever, like a
 * liveness probe there. A failed preStop only ends a container already
 * stopping: not judged.
 */
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import type { ContainerAt } from './container-walk.js';
import { execProbePort, metricsServed, plainPorts, serverPorts } from './probe-clients.js';

type Path = Array<string | number>;

export interface ProbeFact {
  readonly resource: number;
  /** The probe's (or hook's) port path. */
  readonly path: Path;
  /** The container's path. */
  readonly container: Path;
  /** The port the kubelet (or an exec probe's store client) dials; -1 when a named port resolves to none of the container's ports. */
  readonly port: number;
  readonly named: string;
  /** The ports the container's server listens on when its own flags move them (mongod --port); [] for the role's usual ones. */
  readonly listens: number[];
  /** Ports beside those that serve this probe (etcd's metrics listener for /health, /livez, /readyz, /metrics). */
  readonly also?: number[];
  /** An httpGet probe with scheme HTTPS on a port the store serves in plain text by its own flags: the TLS handshake fails. */
  readonly plain_tls?: true;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

const objectAt = (v: unknown, key: string): JsonObject => {
  if (!isJsonObject(v)) return {};
  const o = v[key];
  return isJsonObject(o) ? o : {};
};

export function collectProbes(out: ProbeFact[], resource: number, containers: readonly ContainerAt[]): void {
  for (const { container, path, field } of containers) {
    // Probes and hooks of plain init and ephemeral containers are refused or never run.
    if (field === 'ephemeralContainers' || (field === 'initContainers' && container['restartPolicy'] !== 'Always')) continue;
    const named = new Map<string, number>();
    const ports = container['ports'];
    if (Array.isArray(ports)) {
      for (const p of ports) {
        if (isJsonObject(p) && typeof p['name'] === 'string' && typeof p['containerPort'] === 'number') named.set(p['name'], p['containerPort']);
      }
    }
    let listens: number[] | undefined | null = null;
    const serverListens = (): number[] | undefined => (listens === null ? (listens = serverPorts(container)) : listens);
    const handlers = (spec: JsonObject, at: Path): void => {
      for (const handler of HANDLERS) {
        const h = spec[handler];
        // A probe of another host (httpGet.host) says nothing about this container's ports.
        if (!isJsonObject(h) || (typeof h['host'] === 'string' && h['host'] !== '')) continue;
        const port = h['port'];
        const also = metricsServed(container, handler, h['path']);
        // A numeric string is a number to the kubelet (intstr), a name otherwise.
        const n = typeof port === 'number' ? port : typeof port === 'string' ? (/^[0-9]+$/.test(port) ? Number(port) : (named.get(port) ?? -1)) : undefined;
        if (n === undefined) continue;
        const tls = handler === 'httpGet' && h['scheme'] === 'HTTPS' && n >= 0 && plainPorts(container).includes(n);
        const extra = { ...(also.length > 0 ? { also } : {}), ...(tls ? { plain_tls: true as const } : {}) };
        out.push({ resource, path: [...at, handler, 'port'], container: path, port: n, named: typeof port === 'string' ? port : '', listens: serverListens() ?? [], ...extra });
      }
    };
    for (const probe of PROBES) {
      const spec = objectAt(container, probe);
      // An exec probe's store client dialling its own pod (mongosh --port N): judged only where the server's port is known.
      const dialled = execProbePort(spec['exec']);
      const known = dialled === undefined ? undefined : serverListens();
      if (dialled !== undefined && known !== undefined) out.push({ resource, path: [...path, probe, 'exec', 'command'], container: path, port: dialled, named: '', listens: known });
      handlers(spec, [...path, probe]);
    }
    const postStart = objectAt(objectAt(container, 'lifecycle'), 'postStart');
    if (Object.keys(postStart).length > 0) handlers(postStart, [...path, 'lifecycle', 'postStart']);
  }
}
