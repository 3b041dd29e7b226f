/**
 * The eighth red team (issue 12), its Argo CD delivery, delegation and
 * cross-environment classes: an attacker who had not read this corpus wrote
 * 200 overlays (/work/red8 at the time, run through dist/st2-gitops against
 * main at 7b0b4b2: 53 of 114 unsafe changes allowed, 7 of 86 safe ones
 * denied). Kept here, rewritten: its fourteen allowed changes of these
 * classes, its two safe changes that were denied, variants written while
 * closing them, and safe look-alikes that must stay allowed.
 *
 * - Argo CD hooks on what st2 needs all the time (a Namespace, st2-config,
 *   the MongoDB Service, every PDB, an ExternalSecret through helm.sh/hook;
 *   hook Skip): ST2-OPS-018. A PostSync smoke test running `nc st2api` is
 *   a probe, not st2api (its words are hosts).
 * - st2's namespace handed to another Argo CD, an HNC parent, a Capsule
 *   tenant or a Rancher project: ST2-OPS-019.
 * - Waivers of a store on a LoadBalancer or of a second sensor container in
 *   production: EXP-006/008/009/010 and REP-002/003 are never waivable there.
 * - Production's st2 URLs or config naming staging's services (ST2-OPS-025),
 *   production reading staging's secret store (ST2-SEC-011), hand-written
 *   endpoints for st2's Services (ST2-OPS-026).
 * - A Velero Schedule of st2-prod in namespace velero is a routine backup
 *   (allowed to listed locations); a Restore, a new location or hooks are not.
 *
 * No case writes a published default.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { wrapOverlay } from './kustomization-text.js';

const NS: Record<Wrapped, string> = { prod: 'st2-prod', staging: 'st2-staging', dev: 'st2-dev' };

/** A kustomization wrapping one project overlay, its extra files as resources, then `rest`. */
const wrap = (env: Wrapped, files: readonly string[], rest = ''): string => wrapOverlay('red8', env, files, rest);

/** JSON 6902 patches: [target YAML (flow), operations as YAML lines]. */
function patches(...list: ReadonlyArray<readonly [string, string]>): string {
  return `patches:\n${list.map(([target, ops]) => `  - target: ${target}\n    patch: |-\n${ops.replace(/^/gm, '      ').trimEnd()}`).join('\n')}\n`;
}

const addAnnotation = (key: string, value: string): string => `- op: add\n  path: /metadata/annotations/${key.replace('/', '~1')}\n  value: ${JSON.stringify(value)}`;
const addLabel = (key: string, value: string): string => `- op: add\n  path: /metadata/labels/${key.replace('/', '~1')}\n  value: ${JSON.stringify(value)}`;

const indent = (text: string, n: number): string => text.replace(/^/gm, ' '.repeat(n)).trimEnd();

const SECURITY = `securityContext: {runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}`;
const LIMITS = 'resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}';

/** A hook Job (PostSync unless said) running one busybox container with `argv`. */
function hookJob(name: string, argv: readonly string[], annotations = 'argocd.argoproj.io/hook: PostSync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation,HookSucceeded', extra = ''): string {
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations:
    ${annotations}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
${extra === '' ? '' : `${indent(extra, 6)}\n`}      containers:
        - name: check
          image: busybox:1.37.0
          command: ${JSON.stringify(argv)}
          ${LIMITS}
          ${SECURITY}
`;
}

export function fresh8ArgoCorpus(today: Date): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], wraps: Wrapped, rule: string | undefined, files: Record<string, string>): void => {
    cases.push(bodyCase(`fresh8-${id}`, cls, rule, { wraps, files }));
  };
  const patched = (env: Wrapped, ...list: ReadonlyArray<readonly [string, string]>): Record<string, string> => ({ 'kustomization.yaml': wrap(env, [], patches(...list)) });
  const withFile = (env: Wrapped, text: string, rest = ''): Record<string, string> => ({ 'kustomization.yaml': wrap(env, ['extra.yaml'], rest), 'extra.yaml': text });
  const day = (n: number): string => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const waiver = (rule: string, why: string): string => addAnnotation(`st2-gitops/waive.${rule}`, `expires=${day(45)}; reason=${why}`);
  const namespace = (env: Wrapped): string => `{version: v1, kind: Namespace, name: ${NS[env]}}`;

  // --- Argo CD hooks on objects st2 needs all the time (ST2-OPS-018) ---
  add('hook-namespace-presync', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', [namespace('prod'), addAnnotation('argocd.argoproj.io/hook', 'PreSync')]));
  add('hook-namespace-skip', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', [namespace('prod'), addAnnotation('argocd.argoproj.io/hook', 'Skip')]));
  add('hook-namespace-sync-staging', 'delivery', 'staging', 'ST2-OPS-018', patched('staging', [namespace('staging'), addAnnotation('argocd.argoproj.io/hook', 'Sync')]));
  add('hook-st2-config-deleted-on-success', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{version: v1, kind: ConfigMap, name: st2-config}', `${addAnnotation('argocd.argoproj.io/hook', 'PreSync')}\n${addAnnotation('argocd.argoproj.io/hook-delete-policy', 'HookSucceeded')}`]));
  add('hook-mongodb-service', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{version: v1, kind: Service, name: mongodb}', `${addAnnotation('argocd.argoproj.io/hook', 'Sync')}\n${addAnnotation('argocd.argoproj.io/hook-delete-policy', 'HookSucceeded')}`]));
  add('skip-every-pdb', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{group: policy, kind: PodDisruptionBudget}', addAnnotation('argocd.argoproj.io/hook', 'Skip')]));
  add('helm-hook-externalsecret', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{group: external-secrets.io, kind: ExternalSecret, name: st2-config-secrets}', `${addAnnotation('helm.sh/hook', 'pre-install,pre-upgrade')}\n${addAnnotation('helm.sh/hook-delete-policy', 'hook-succeeded')}`]));
  // Variants: the other spellings Argo CD honours, and other kinds st2 reads.
  add('helm-hook-namespace', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', [namespace('prod'), addAnnotation('helm.sh/hook', 'post-install')]));
  add('helm-hook-crd-install-and-more', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{version: v1, kind: ConfigMap, name: rabbitmq-config}', addAnnotation('helm.sh/hook', 'crd-install,pre-install')]));
  add('hook-empty-value-st2-urls', 'delivery', 'staging', 'ST2-OPS-018', patched('staging', ['{version: v1, kind: ConfigMap, name: st2-urls}', addAnnotation('argocd.argoproj.io/hook', '')]));
  add('hook-skip-and-presync-namespace', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', [namespace('prod'), addAnnotation('argocd.argoproj.io/hook', 'Skip,PreSync')]));
  add('hook-ingress-postsync', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{group: networking.k8s.io, kind: Ingress, name: st2web}', addAnnotation('argocd.argoproj.io/hook', 'PostSync')]));
  add('hook-st2api-service-skip', 'delivery', 'staging', 'ST2-OPS-018', patched('staging', ['{version: v1, kind: Service, name: st2api}', addAnnotation('argocd.argoproj.io/hook', 'Skip')]));
  add('helm-hook-mongodb-statefulset', 'delivery', 'prod', 'ST2-OPS-003', patched('prod', ['{group: apps, kind: StatefulSet, name: mongodb}', addAnnotation('helm.sh/hook', 'post-upgrade')]));
  add('hook-rbac-inputs-also-mounted', 'delivery', 'prod', 'ST2-OPS-018', patched('prod', ['{version: v1, kind: ConfigMap, name: st2-pack-configs}', addAnnotation('argocd.argoproj.io/hook', 'PreSync')]));
  add('hook-serviceaccount-of-st2', 'delivery', 'prod', 'ST2-OPS-018', withFile('prod', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  annotations:\n    argocd.argoproj.io/hook: PreSync\nautomountServiceAccountToken: false\n'));
  // Safe: hook Jobs (and what only they use), and annotations that make nothing a hook.
  add('safe-postsync-smoke-nc', 'delivery', 'prod', undefined, withFile('prod', hookJob('st2-reachability', ['sh', '-c', 'nc -z -w 3 st2api 9101 && nc -z -w 3 st2auth 9100 && nc -z -w 3 st2stream 9102'])));
  add('safe-postsync-smoke-argv', 'delivery', 'prod', undefined, withFile('prod', hookJob('st2stream-port', ['nc', '-z', '-w', '5', 'st2stream', '9102'])));
  add('safe-postsync-smoke-until-wget', 'delivery', 'staging', undefined, withFile('staging', hookJob('st2web-up', ['sh', '-c', 'until wget -q -T 3 -O /dev/null http://st2web:80/; do sleep 5; done; timeout 10 nc -z st2auth 9100'])));
  add('safe-presync-job-with-hook-inputs', 'delivery', 'prod', undefined, withFile('prod', `apiVersion: v1
kind: ServiceAccount
metadata:
  name: st2-precheck
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: st2-precheck-script
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
data:
  check.sh: |
    nc -z -w 3 mongodb 27017
---
${hookJob('st2-precheck', ['sh', '/scripts/check.sh'], 'argocd.argoproj.io/hook: PreSync', 'serviceAccountName: st2-precheck\nautomountServiceAccountToken: false\nvolumes:\n  - name: scripts\n    configMap: {name: st2-precheck-script}').replace('          command:', '          volumeMounts:\n            - {name: scripts, mountPath: /scripts}\n          command:')}`));
  add('safe-crd-install-is-no-hook', 'delivery', 'prod', undefined, patched('prod', ['{version: v1, kind: ConfigMap, name: st2-urls}', addAnnotation('helm.sh/hook', 'crd-install')]));
  add('safe-namespace-sync-wave', 'delivery', 'prod', undefined, patched('prod', [namespace('prod'), `${addAnnotation('argocd.argoproj.io/sync-wave', '-10')}\n${addAnnotation('argocd.argoproj.io/sync-options', 'Delete=false,Prune=false')}`]));
  // A "smoke test" that starts st2api itself is st2api (with the image's config: ST2-HRD-005).
  add('smoke-job-starting-st2api', 'delivery', 'prod', 'ST2-HRD-005', withFile('prod', hookJob('st2-smoke', ['sh', '-c', 'nc -z mongodb 27017 && /opt/stackstorm/st2/bin/st2api']).replace('busybox:1.37.0', 'stackstorm/st2api:3.8.1')));

  // netcat running a program for each connection runs it: a second timers engine behind `nc -e`.
  add('timers-behind-netcat-exec', 'delivery', 'prod', 'ST2-REP-001', withFile('prod', hookJob('st2-listener', ['sh', '-c', 'nc -lk -p 9999 -e /opt/stackstorm/st2/bin/st2timersengine']).replace('busybox:1.37.0', 'stackstorm/st2timersengine:3.8.1').replace(/argocd\.argoproj\.io\/hook: PostSync\n {4}argocd\.argoproj\.io\/hook-delete-policy: BeforeHookCreation,HookSucceeded/, 'team: automation')));

  // --- st2's namespace handed to another delivery or tenancy system (ST2-OPS-019) ---
  add('namespace-managed-by-team-argocd', 'delivery', 'prod', 'ST2-OPS-019', patched('prod', [namespace('prod'), addLabel('argocd.argoproj.io/managed-by', 'tools-gitops')]));
  add('hnc-parent-sandbox', 'delivery', 'prod', 'ST2-OPS-019', withFile('prod', 'apiVersion: hnc.x-k8s.io/v1alpha2\nkind: HierarchyConfiguration\nmetadata:\n  name: hierarchy\nspec:\n  parent: dev-playground\n'));
  add('namespace-managed-by-cluster-argocd', 'delivery', 'prod', 'ST2-OPS-019', patched('prod', [namespace('prod'), addLabel('argocd.argoproj.io/managed-by-cluster-argocd', 'argocd')]));
  add('namespace-capsule-tenant', 'delivery', 'staging', 'ST2-OPS-019', patched('staging', [namespace('staging'), addLabel('capsule.clastix.io/tenant', 'web-team')]));
  add('namespace-rancher-project', 'delivery', 'prod', 'ST2-OPS-019', patched('prod', [namespace('prod'), addAnnotation('field.cattle.io/projectId', 'c-m-4x2k9:p-7hq2n')]));
  add('namespace-hnc-subnamespace-of', 'delivery', 'prod', 'ST2-OPS-019', patched('prod', [namespace('prod'), addAnnotation('hnc.x-k8s.io/subnamespace-of', 'dev-playground')]));
  add('hnc-subnamespace-anchor', 'delivery', 'prod', 'ST2-OPS-019', withFile('prod', 'apiVersion: hnc.x-k8s.io/v1alpha2\nkind: SubnamespaceAnchor\nmetadata:\n  name: st2-prod-scratch\n'));
  add('hnc-propagate-secrets', 'delivery', 'prod', 'ST2-OPS-019', withFile('prod', 'apiVersion: hnc.x-k8s.io/v1alpha2\nkind: HNCConfiguration\nmetadata:\n  name: config\nspec:\n  resources:\n    - resource: secrets\n      mode: Propagate\n'));
  add('safe-namespace-team-labels', 'delivery', 'prod', undefined, patched('prod', [namespace('prod'), `${addLabel('team', 'automation')}\n${addLabel('app.kubernetes.io/managed-by', 'argocd')}`]));
  add('safe-hnc-config-without-parent', 'delivery', 'prod', undefined, withFile('prod', 'apiVersion: hnc.x-k8s.io/v1alpha2\nkind: HierarchyConfiguration\nmetadata:\n  name: hierarchy\nspec:\n  allowCascadingDeletion: false\n'));

  // --- Waivers that paperwork cannot make safe in production ---
  const mongoLb = (name: string, annotations: string): string =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  annotations:\n${indent(annotations, 4)}\nspec:\n  type: LoadBalancer\n  selector: {app: mongodb, release: st2}\n  ports:\n    - {port: 27017, targetPort: 27017}\n`;
  const lbWaiver = `st2-gitops/waive.ST2-EXP-006: "expires=${day(50)}; reason=database migration to a managed service, CHG-2291"`;
  add('waiver-mongodb-load-balancer', 'waivers', 'prod', 'ST2-EXP-006', withFile('prod', mongoLb('mongodb-migrate', lbWaiver)));
  add('waiver-sensor-two-replicas', 'waivers', 'prod', 'ST2-REP-002', { 'kustomization.yaml': wrap('prod', [], `replicas:\n  - name: st2sensorcontainer\n    count: 2\n${patches(['{group: apps, kind: Deployment, name: st2sensorcontainer}', waiver('ST2-REP-002', 'trigger backlog, INC-7310')])}`) });
  add('waiver-rabbitmq-ingress', 'waivers', 'prod', 'ST2-EXP-008', withFile('prod', `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rabbitmq-console
  annotations:
    st2-gitops/waive.ST2-EXP-008: "expires=${day(30)}; reason=vendor debugging session, CHG-2302"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [mq.example.invalid]
      secretName: mq-tls
  rules:
    - host: mq.example.invalid
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: rabbitmq, port: {number: 15672}}
`));
  const sensorB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: st2sensorcontainer-b
  labels: {app: st2sensorcontainer-b, release: st2}
  annotations:
    st2-gitops/waive.ST2-REP-003: "expires=${day(40)}; reason=second sensor pool, INC-7311"
spec:
  replicas: 1
  strategy: {type: Recreate}
  selector:
    matchLabels: {app: st2sensorcontainer-b, release: st2}
  template:
    metadata:
      labels: {app: st2sensorcontainer-b, release: st2}
    spec:
      containers:
        - name: st2sensorcontainer
          image: stackstorm/st2sensorcontainer:3.8.1
          command: [/opt/stackstorm/st2/bin/st2sensorcontainer, --config-file=/etc/st2/st2.conf, --config-file=/etc/st2/st2.user.conf]
          volumeMounts:
            - {name: st2-config-vol, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}
          ${LIMITS}
          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      volumes:
        - {name: st2-config-vol, configMap: {name: st2-config}}
`;
  add('waiver-second-sensor-deployment', 'waivers', 'prod', 'ST2-REP-003', withFile('prod', sensorB));
  // Never waivable in staging since the tenth red team's edge piece (an open store there holds real credentials).
  add('safe-waiver-store-lb-in-staging', 'waivers', 'staging', 'ST2-EXP-006', withFile('staging', mongoLb('mongodb-migrate', lbWaiver)));
  // Never waivable in staging since the holes piece (every sensor twice fires every trigger twice).
  add('safe-waiver-sensor-replicas-in-staging', 'waivers', 'staging', 'ST2-REP-002', { 'kustomization.yaml': wrap('staging', [], `replicas:\n  - name: st2sensorcontainer\n    count: 2\n${patches(['{group: apps, kind: Deployment, name: st2sensorcontainer}', waiver('ST2-REP-002', 'load test, INC-7312')])}`) });

  // --- Environments kept apart, whichever way (ST2-OPS-025, ST2-SEC-011) ---
  const urls = (env: Wrapped, host: (svc: string) => string): Record<string, string> =>
    patched(env, ['{version: v1, kind: ConfigMap, name: st2-urls}', `- op: replace\n  path: /data/ST2_API_URL\n  value: http://${host('st2api')}:9101/\n- op: replace\n  path: /data/ST2_AUTH_URL\n  value: http://${host('st2auth')}:9100/`]);
  add('st2-urls-to-staging', 'environment', 'prod', 'ST2-OPS-025', urls('prod', (svc) => `${svc}.st2-staging.svc.cluster.local`));
  add('st2-urls-staging-to-production', 'environment', 'staging', 'ST2-OPS-025', urls('staging', (svc) => `${svc}.st2-prod.svc`));
  add('st2-urls-to-dev-short', 'environment', 'prod', 'ST2-OPS-025', urls('prod', (svc) => `${svc}.st2-dev`));
  const userConf = (env: Wrapped, text: string): Record<string, string> =>
    patched(env, ['{version: v1, kind: ConfigMap, name: st2-config}', `- op: replace\n  path: /data/st2.user.conf\n  value: ${JSON.stringify(text)}`]);
  add('st2-auth-api-url-to-staging', 'environment', 'prod', 'ST2-OPS-025', userConf('prod', "[api]\nallow_origin = https://st2.example.invalid\n[auth]\napi_url = http://st2api.st2-staging.svc:9101/\n"));
  add('st2-bus-on-staging', 'environment', 'prod', 'ST2-OPS-025', userConf('prod', '[messaging]\nurl = amqp://st2@rabbitmq.st2-staging.svc.cluster.local:5672/\n'));
  add('st2-database-member-on-staging', 'environment', 'prod', 'ST2-OPS-025', userConf('prod', '[database]\nhost = mongodb://mongodb-0.mongodb.st2-staging:27017/?replicaSet=rs0\n'));
  add('st2web-auth-url-from-another-key', 'environment', 'prod', 'ST2-OPS-025', {
    'kustomization.yaml': wrap('prod', ['extra.yaml'], patches(['{group: apps, kind: Deployment, name: st2web}', '- op: add\n  path: /spec/template/spec/containers/0/env\n  value:\n    - name: ST2_AUTH_URL\n      valueFrom:\n        configMapKeyRef: {name: st2-endpoints, key: login}'])),
    'extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-endpoints\ndata:\n  login: http://st2auth.st2-staging.svc:9100/\n',
  });
  add('safe-st2-urls-own-fqdn', 'environment', 'prod', undefined, urls('prod', (svc) => `${svc}.st2-prod.svc.cluster.local`));
  add('safe-st2-config-comment-names-staging', 'environment', 'prod', undefined, userConf('prod', "# same as st2api.st2-staging.svc, reviewed in CHG-2290\n[api]\nallow_origin = https://st2.example.invalid\n"));
  add('eso-prod-reads-staging-store', 'environment', 'prod', 'ST2-SEC-011', patched('prod', ['{group: external-secrets.io, kind: ExternalSecret}', '- op: replace\n  path: /spec/secretStoreRef/name\n  value: st2-staging']));
  add('eso-one-key-from-staging-store', 'environment', 'prod', 'ST2-SEC-011', patched('prod', ['{group: external-secrets.io, kind: ExternalSecret, name: st2-auth}', '- op: add\n  path: /spec/dataFrom\n  value:\n    - extract: {key: st2/auth}\n      sourceRef:\n        storeRef: {name: st2-staging, kind: ClusterSecretStore}']));
  add('eso-k8s-store-reads-staging-namespace', 'environment', 'prod', 'ST2-SEC-011', withFile('prod', 'apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: staging-mirror\nspec:\n  provider:\n    kubernetes:\n      remoteNamespace: st2-staging\n      server:\n        caProvider: {type: ConfigMap, name: kube-root-ca.crt, key: ca.crt}\n      auth:\n        serviceAccount: {name: default}\n'));
  add('safe-eso-k8s-store-own-namespace', 'environment', 'prod', undefined, withFile('prod', 'apiVersion: external-secrets.io/v1\nkind: SecretStore\nmetadata:\n  name: local-copies\nspec:\n  provider:\n    kubernetes:\n      remoteNamespace: st2-prod\n      server:\n        caProvider: {type: ConfigMap, name: kube-root-ca.crt, key: ca.crt}\n      auth:\n        serviceAccount: {name: default}\n'));

  // --- st2's Services lead to st2's pods (ST2-OPS-026) ---
  const slice = (name: string, service: string, port: number, address: string): string =>
    `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ${name}\n  labels:\n    kubernetes.io/service-name: ${service}\naddressType: IPv4\nports:\n  - {name: http, protocol: TCP, port: ${port}}\nendpoints:\n  - addresses: [${address}]\n`;
  const dropSelector = (svc: string): readonly [string, string] => [`{version: v1, kind: Service, name: ${svc}}`, '- op: remove\n  path: /spec/selector'];
  add('endpointslice-st2auth-outside', 'exposure', 'prod', 'ST2-OPS-026', { 'kustomization.yaml': wrap('prod', ['extra.yaml'], patches(dropSelector('st2auth'))), 'extra.yaml': slice('st2auth-static', 'st2auth', 9100, '198.51.100.20') });
  add('endpointslice-beside-st2api-selector', 'exposure', 'prod', 'ST2-OPS-026', withFile('prod', slice('st2api-extra', 'st2api', 9101, '198.51.100.21')));
  add('endpoints-rabbitmq-by-hand', 'exposure', 'staging', 'ST2-OPS-026', withFile('staging', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: rabbitmq\nsubsets:\n  - addresses: [{ip: 198.51.100.22}]\n    ports: [{name: amqp, port: 5672}]\n'));
  add('mongodb-service-selector-removed', 'exposure', 'prod', 'ST2-OPS-026', patched('prod', dropSelector('mongodb')));
  add('safe-ldap-service-with-own-slice', 'exposure', 'prod', undefined, withFile('prod', `apiVersion: v1\nkind: Service\nmetadata:\n  name: ldap-directory\nspec:\n  ports:\n    - {name: ldaps, port: 636, targetPort: 636}\n---\n${slice('ldap-directory-1', 'ldap-directory', 636, '198.51.100.30')}`));

  // --- Backups in velero's namespace (ST2-OPS-015 with its backup table) ---
  const schedule = (template: string, name = 'st2-nightly'): string =>
    `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: ${name}\n  namespace: velero\nspec:\n  schedule: "30 1 * * *"\n  template:\n${indent(template, 4)}\n`;
  add('safe-velero-schedule-default-location', 'delivery', 'prod', undefined, withFile('prod', schedule('includedNamespaces: [st2-prod]\nstorageLocation: default\nsnapshotVolumes: true\nttl: 336h0m0s')));
  add('safe-velero-backup-cluster-default', 'delivery', 'prod', undefined, withFile('prod', 'apiVersion: velero.io/v1\nkind: Backup\nmetadata:\n  name: st2-before-upgrade\n  namespace: velero\nspec:\n  includedNamespaces: [st2-prod]\n  defaultVolumesToFsBackup: true\n'));
  add('velero-schedule-every-namespace', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', schedule("includedNamespaces: ['*']")));
  add('velero-schedule-own-location', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', schedule('includedNamespaces: [st2-prod]\nstorageLocation: offsite-copy')));
  add('velero-schedule-exec-hooks', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', schedule('includedNamespaces: [st2-prod]\nhooks:\n  resources:\n    - name: dump\n      includedNamespaces: [st2-prod]\n      pre:\n        - exec:\n            container: st2client\n            command: [sh, -c, "st2 key list -d > /tmp/k"]')));
  add('velero-restore-into-st2', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', 'apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: st2-from-staging\n  namespace: velero\nspec:\n  backupName: st2-staging-nightly-20261201\n  namespaceMapping: {st2-staging: st2-prod}\n'));
  add('velero-new-storage-location', 'delivery', 'prod', 'ST2-OPS-015', withFile('prod', 'apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: offsite-copy\n  namespace: velero\nspec:\n  provider: aws\n  objectStorage: {bucket: st2-copies}\n  config: {region: eu-west-1}\n'));
  return cases;
}
