/**
 * The tenth red team's edge holes (docs/red-team.md, "Tenth attacker", edge
 * piece), rewritten with variants and safe look-alikes: the chart's published
 * login or a store's password reachable from outside the cluster in any
 * environment (ST2-EXP-016: dev's LoadBalancers, Ingresses and tunnels),
 * tunnel operators' resources as routes to the stores (ST2-EXP-008), staging
 * waivers of an open st2web or store (never waivable there since), pods that
 * break out to their node (ST2-HRD-023), a store's tag floating across minors
 * (ST2-HRD-001), and rights across the namespace's boundary (ST2-OPS-006).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { image } from './kustomization-text.js';
import { SPEC, FIRST, DEPLOY, patch, type Json } from './targets.js';

const SVC = (name: string): Json => ({ kind: 'Service', name });

const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const waive = (rule: string, days: number): Json => ({ op: 'add', path: `/metadata/annotations/st2-gitops~1waive.${rule}`, value: `expires=${day(days)}; reason=vendor demo without VPN, CHG-2211` });

const lb = (name: string, app: string, extra: Json = {}, annotations: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, annotations },
  spec: { type: 'LoadBalancer', selector: { app, release: 'st2' }, ports: [{ port: 443, targetPort: app === 'st2web' ? 443 : app === 'mongodb' ? 27017 : 5672 }], ...extra },
});

const ingress = (name: string, service: string, annotations: Json = {}): Json => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', ...annotations } },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: ['st2-dev.example.com'], secretName: `${name}-tls` }],
    rules: [{ host: 'st2-dev.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 443 } } } }] } }],
  },
});

const tunnel = (name: string, subject: Json): Json => ({ apiVersion: 'networking.cfargotunnel.com/v1alpha1', kind: 'TunnelBinding', metadata: { name }, subjects: [subject], tunnelRef: { kind: 'ClusterTunnel', name: 'k8s-tunnel' } });
const ngrok = (kind: string, name: string, spec: Json): Json => ({ apiVersion: 'ngrok.k8s.ngrok.com/v1alpha1', kind, metadata: { name }, spec });

const LIM = { requests: { cpu: '5m', memory: '8Mi' }, limits: { cpu: '50m', memory: '32Mi' } };
const hostVolume = (path: string): Patch =>
  patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/volumes/-`, value: { name: 'node', hostPath: { path } } }, { op: 'add', path: `${FIRST}/volumeMounts/-`, value: { name: 'node', mountPath: '/host' } });
const hostFlag = (field: string, privileged: boolean): Patch =>
  patch(DEPLOY('st2actionrunner'), { op: 'add', path: `${SPEC}/${field}`, value: true }, ...(privileged ? [{ op: 'add', path: `${FIRST}/securityContext`, value: { privileged: true } }] : []));
const nodeDebug = (path: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'node-debug' },
  spec: {
    selector: { matchLabels: { app: 'node-debug' } },
    template: {
      metadata: { labels: { app: 'node-debug' } },
      spec: { containers: [{ name: 'debug', image: 'busybox:1.36.1', command: ['sh', '-c', 'sleep infinity'], volumeMounts: [{ name: 'host', mountPath: '/host' }], resources: LIM }], volumes: [{ name: 'host', hostPath: { path } }] },
    },
  },
});

const RBAC = 'rbac.authorization.k8s.io/v1';
const role = (rules: Json[]): Json => ({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'f11-role' }, rules });
const clusterRole = (name: string, rules: Json[]): Json => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules });
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleKind: string, roleName: string, subject: Json): Json => ({
  apiVersion: RBAC,
  kind,
  metadata: { name: 'f11-binding' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects: [subject],
});
const sa = (namespace: string, name: string): Json => ({ kind: 'ServiceAccount', name, namespace });

export function fresh11EdgeCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f11e-${id}`, cls, rule, body));
  };
  const toLb = (name: string, ...ops: Json[]): Patch => patch(SVC(name), { op: 'replace', path: '/spec/type', value: 'LoadBalancer' }, ...ops);

  // --- dev's published logins reachable from outside (ST2-EXP-016) ----------------------------------
  add('dev-st2web-open-lb', 'exposure', 'ST2-EXP-016', { wraps: 'dev', patches: [toLb('st2web')] });
  add('dev-st2auth-open-lb', 'exposure', 'ST2-EXP-016', { wraps: 'dev', patches: [toLb('st2auth')] });
  add('dev-mongo-lb', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [lb('mongodb-public', 'mongodb')] });
  add('dev-rabbit-lb-two-halves', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [lb('rabbitmq-public', 'rabbitmq', { loadBalancerSourceRanges: ['0.0.0.0/1', '128.0.0.0/1'] })] });
  add('dev-st2web-public-ingress', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [ingress('st2web-dev', 'st2web')] });
  add('dev-st2web-ingress-open-allowlist', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [ingress('st2web-dev', 'st2web', { 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,0.0.0.0/0' })] });
  add('dev-cf-tunnel-st2web', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [tunnel('st2web-dev', { name: 'st2web', spec: { fqdn: 'st2-dev.example.com', protocol: 'https', noTlsVerify: true } })] });
  add('dev-ngrok-st2web', 'exposure', 'ST2-EXP-016', { wraps: 'dev', resources: [ngrok('AgentEndpoint', 'st2web-dev', { url: 'https://st2-dev.ngrok.app', upstream: { url: 'https://st2web:443' } })] });
  add('safe-dev-st2web-internal-lb', 'exposure', undefined, { wraps: 'dev', patches: [toLb('st2web', { op: 'add', path: '/metadata/annotations', value: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } })] });
  add('safe-dev-st2web-lb-office', 'exposure', undefined, { wraps: 'dev', patches: [toLb('st2web', { op: 'add', path: '/spec/loadBalancerSourceRanges', value: ['10.0.0.0/8', '198.51.100.0/24'] })] });
  add('safe-dev-st2web-ingress-allowlist', 'exposure', undefined, { wraps: 'dev', resources: [ingress('st2web-dev', 'st2web', { 'nginx.ingress.kubernetes.io/allowlist-source-range': '10.0.0.0/8, 198.51.100.0/24' })] });
  add('safe-dev-ngrok-cluster-only', 'exposure', undefined, { wraps: 'dev', resources: [ngrok('AgentEndpoint', 'st2web-dev', { url: 'https://st2web-dev', bindings: ['kubernetes'], upstream: { url: 'https://st2web:443' } })] });
  add('safe-prod-cf-tunnel-st2web', 'exposure', undefined, { resources: [tunnel('st2web', { name: 'st2web', spec: { fqdn: 'st2.example.com', protocol: 'https' } })] });

  // --- tunnel operators to the stores (ST2-EXP-008) --------------------------------------------------
  add('cf-tunnel-mongo-target', 'exposure', 'ST2-EXP-008', { resources: [tunnel('mongodb-tunnel', { name: 'mongodb', spec: { fqdn: 'mongo.example.com', protocol: 'tcp', target: 'tcp://mongodb.st2-prod.svc:27017' } })] });
  add('cf-tunnel-rabbit-service', 'exposure', 'ST2-EXP-008', { resources: [tunnel('mq-tunnel', { name: 'rabbitmq', spec: { fqdn: 'mq.example.com', protocol: 'tcp' } })] });
  add('ngrok-rabbit-tcp', 'exposure', 'ST2-EXP-008', { resources: [ngrok('AgentEndpoint', 'rabbitmq-public', { url: 'tcp://1.tcp.ngrok.io:20001', upstream: { url: 'tcp://rabbitmq.st2-prod:5672' } })] });
  add('ngrok-mongo-via-cloud-endpoint', 'exposure', 'ST2-EXP-008', {
    resources: [
      ngrok('AgentEndpoint', 'mongo-internal', { url: 'tcp://mongo.internal:27017', upstream: { url: 'tcp://mongodb:27017' } }),
      ngrok('CloudEndpoint', 'mongo-public', { url: 'tcp://5.tcp.ngrok.io:21000', trafficPolicy: { policy: { on_tcp_connect: [{ actions: [{ type: 'forward-internal', config: { url: 'tcp://mongo.internal:27017' } }] }] } } }),
    ],
  });
  add('safe-ngrok-internal-rabbit', 'exposure', undefined, { resources: [ngrok('AgentEndpoint', 'mq-internal', { url: 'tcp://mq.internal:5672', upstream: { url: 'tcp://rabbitmq:5672' } })] });

  // --- staging waivers of what the internet reaches (never waivable there) --------------------------
  add('staging-open-lb-waived', 'waivers', 'ST2-EXP-007', { wraps: 'staging', patches: [toLb('st2web', waive('ST2-EXP-007', 60))] });
  add('staging-mongo-lb-waived', 'waivers', 'ST2-EXP-006', { wraps: 'staging', patches: [toLb('mongodb', waive('ST2-EXP-006', 20))] });
  add('dev-open-lb-default-login-waived', 'waivers', 'ST2-EXP-016', { wraps: 'dev', patches: [toLb('st2web', waive('ST2-EXP-016', 10))] });
  add('safe-staging-nodeport-waived', 'waivers', undefined, { wraps: 'staging', patches: [patch(SVC('st2web'), { op: 'replace', path: '/spec/type', value: 'NodePort' }, waive('ST2-EXP-002', 30))] });

  // --- pods reaching into their node (ST2-HRD-023, every environment) --------------------------------
  add('dev-hostpath-root-daemonset', 'cluster', 'ST2-HRD-023', { wraps: 'dev', resources: [nodeDebug('/')] });
  add('dev-hostpath-containerd-sock', 'cluster', 'ST2-HRD-023', { wraps: 'dev', patches: [hostVolume('/run/containerd/containerd.sock')] });
  add('dev-hostpath-kubelet', 'cluster', 'ST2-HRD-023', { wraps: 'dev', patches: [hostVolume('/var/lib/kubelet/')] });
  add('dev-hostpath-var', 'cluster', 'ST2-HRD-023', { wraps: 'dev', patches: [hostVolume('/var')] });
  add('dev-privileged-hostpid', 'cluster', 'ST2-HRD-023', { wraps: 'dev', patches: [hostFlag('hostPID', true)] });
  add('dev-privileged-hostnetwork', 'cluster', 'ST2-HRD-023', { wraps: 'dev', patches: [hostFlag('hostNetwork', true)] });
  add('staging-hostpath-etc', 'cluster', 'ST2-HRD-023', { wraps: 'staging', patches: [hostVolume('//etc')] });
  add('safe-dev-hostpath-scratch', 'cluster', undefined, { wraps: 'dev', patches: [hostVolume('/tmp/st2-dev-packs')] });
  add('safe-dev-hostpid-unprivileged', 'cluster', undefined, { wraps: 'dev', patches: [hostFlag('hostPID', false)] });

  // --- a store's tag floating across minors (ST2-HRD-001) -------------------------------------------
  add('rabbit-major-tag', 'delivery', 'ST2-HRD-001', { extra: image('rabbitmq', '3') });
  add('rabbit-management-tag', 'delivery', 'ST2-HRD-001', { extra: image('rabbitmq', 'management') });
  add('mongo-major-tag', 'delivery', 'ST2-HRD-001', { extra: image('mongo', '4') });
  add('safe-rabbit-minor-tag', 'delivery', undefined, { extra: image('rabbitmq', '3.12') });
  add('safe-rabbit-patch-management', 'delivery', undefined, { extra: image('rabbitmq', '3.12.14-management') });

  // --- rights across the namespace's boundary (ST2-OPS-006) -----------------------------------------
  const secretsReader = role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }]);
  add('rbac-ci-reads-secrets', 'access', 'ST2-OPS-006', { resources: [secretsReader, binding('RoleBinding', 'Role', 'f11-role', sa('ci', 'deployer'))] });
  add('rbac-ci-edit', 'access', 'ST2-OPS-006', { resources: [binding('RoleBinding', 'ClusterRole', 'edit', sa('ci', 'deployer'))] });
  add('rbac-ci-exec-as-user', 'access', 'ST2-OPS-006', { resources: [role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]), binding('RoleBinding', 'Role', 'f11-role', { kind: 'User', name: 'system:serviceaccount:ci:deployer' })] });
  add('rbac-runner-netpol', 'access', 'ST2-OPS-006', { resources: [role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['*'] }]), binding('RoleBinding', 'Role', 'f11-role', sa('st2-prod', 'default'))] });
  add('rbac-runner-cilium-netpol', 'access', 'ST2-OPS-006', { resources: [role([{ apiGroups: ['cilium.io'], resources: ['ciliumnetworkpolicies'], verbs: ['create', 'update', 'delete'] }]), binding('RoleBinding', 'Role', 'f11-role', sa('st2-prod', 'default'))] });
  add('rbac-runner-view-cluster', 'access', 'ST2-OPS-006', { resources: [binding('ClusterRoleBinding', 'ClusterRole', 'view', sa('st2-prod', 'default'))] });
  add('rbac-runner-configmaps-cluster', 'access', 'ST2-OPS-006', { resources: [clusterRole('f11-cm-reader', [{ apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list'] }]), binding('ClusterRoleBinding', 'ClusterRole', 'f11-cm-reader', sa('st2-prod', 'default'))] });
  add('safe-rbac-ci-restarts', 'access', undefined, { resources: [role([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch'] }]), binding('RoleBinding', 'Role', 'f11-role', sa('ci', 'deployer'))] });
  add('safe-rbac-monitoring-view', 'access', undefined, { resources: [binding('RoleBinding', 'ClusterRole', 'view', sa('monitoring', 'prometheus'))] });
  add('safe-rbac-runner-view-own-namespace', 'access', undefined, { resources: [binding('RoleBinding', 'ClusterRole', 'view', sa('st2-prod', 'default'))] });
  add('safe-rbac-runner-reads-netpol', 'access', undefined, { resources: [role([{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list'] }]), binding('RoleBinding', 'Role', 'f11-role', sa('st2-prod', 'default'))] });
  add('safe-rbac-runner-reads-nodes', 'access', undefined, { resources: [clusterRole('f11-node-reader', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }]), binding('ClusterRoleBinding', 'ClusterRole', 'f11-node-reader', sa('st2-prod', 'default'))] });

  return cases;
}
