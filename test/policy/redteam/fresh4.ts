/**
 * The fourth red team (issue 12, "a fresh adversarial corpus that you did not
 * write"): 64 overlays written before their author read corpus.ts, fresh*.ts
 * or the red-team Rego tests, run through dist/st2-gitops against main at
 * 10a7523 (6 of 49 unsafe changes allowed, 0 of 15 safe look-alikes denied)
 * and at f2b0392 after the third workloads round (4 of 49 allowed, 0 of 15
 * denied). Closed and kept with their true verdict: `[rbac] backend = noop`
 * (st2's NoOp backend grants everything, ST2-HRD-005); a socat relay to a
 * MongoDB member's short name `mongodb-0.mongodb` behind a LoadBalancer
 * (ST2-EXP-006); st2-docker's all-in-one image stackstorm/stackstorm, which
 * runs every st2 service, so a second timers engine (ST2-REP-001), also in a
 * round-2 case that mounts no st2 config. Left open and not kept (README's
 * "What it does not do"): an st2.docker.conf without its [rbac] section and
 * st2api started with only the image's st2.conf (RBAC is off by default).
 * Classes: trust (a dev overlay putting one object in st2-prod, staging plus
 * the default Secrets, a --env dev floor under prod); defaults where
 * operators put them (`echo | base64` with its newline, mongodump -p, .env
 * files, a last-applied-configuration annotation, probe commands and
 * headers); the repository's dev keys converted (PKCS#8, OpenSSH, CRLF, the
 * public half in authorized_keys, the st2web key as PKCS#1); second timers
 * engines (sidecar, shell in the runner image, KEDA ScaledJob, bare Pod); HA
 * floors; LoadBalancers whose cloud annotation says external; waivers on the
 * wrong resource or too long; oslo booleans off/0/no.
 */
import crypto from 'node:crypto';
import type { CaseClass, RedTeamCase, Wrapped } from './corpus.js';
import { publishedSecretData } from './published.js';
import { mpint, sshString } from './ssh-wire.js';
import { indent as ind } from './indent.js';

interface Attack {
  readonly name: string;
  readonly cls: CaseClass;
  readonly expect: 'deny' | 'allow';
  /** The rule the denial names first (the test checks it); more may fire. */
  readonly rules?: readonly string[];
  /** A caller's floor (`render --env`). */
  readonly env?: string;
  readonly files: Record<string, string>;
}


/** The key as ssh-keygen (OpenSSH ≥ 7.8) writes it, unencrypted, and its authorized_keys line. */
function openssh(key: crypto.KeyObject): { privatePem: string; publicLine: string } {
  const j = key.export({ format: 'jwk' });
  const type = sshString(Buffer.from('ssh-rsa'));
  const pub = Buffer.concat([type, mpint(j.e), mpint(j.n)]);
  const check = Buffer.from([1, 2, 3, 4, 1, 2, 3, 4]);
  let priv = Buffer.concat([check, type, mpint(j.n), mpint(j.e), mpint(j.d), mpint(j.qi), mpint(j.p), mpint(j.q), sshString(Buffer.from('stanley@st2'))]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const none = sshString(Buffer.from('none'));
  const one = Buffer.alloc(4);
  one.writeUInt32BE(1);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), none, none, sshString(Buffer.alloc(0)), one, sshString(pub), sshString(priv)]);
  const body = blob.toString('base64').match(/.{1,70}/g)?.join('\n') ?? '';
  return { privatePem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`, publicLine: `ssh-rsa ${pub.toString('base64')}` };
}

export function fresh4Corpus(root: string, today: Date): RedTeamCase[] {
  const secretData = publishedSecretData(root);
  const devRsa = secretData('components/default-secrets/st2-ssh.yaml', 'private_key');
  const devKey = crypto.createPrivateKey(devRsa);
  const ossh = openssh(devKey);
  const K = {
    devrsa: devRsa,
    pk8: devKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    openssh: ossh.privatePem,
    pub: ossh.publicLine,
    pkcs1web: crypto.createPrivateKey(secretData('components/default-secrets/st2web.yaml', 'ssl_certificate_key')).export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
  const day = (n: number): string => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const kz = (base: Wrapped, extra = ''): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../${base}\n${extra}`;
  const kzr = (base: Wrapped, files: readonly string[], extra = ''): string => kz(base, files.map((f) => `  - ${f}\n`).join('') + extra);
  const SC = `securityContext:\n  runAsNonRoot: true\n  runAsUser: 1000\n  allowPrivilegeEscalation: false\n  capabilities:\n    drop: [ALL]\nresources:\n  requests: {cpu: 10m, memory: 32Mi}\n  limits: {cpu: 100m, memory: 64Mi}`;
  const st2args = `args:\n  - --config-file=/etc/st2/st2.conf\n  - --config-file=/etc/st2/st2.docker.conf\n  - --config-file=/etc/st2/st2.user.conf\n  - --config-file=/etc/st2/st2.secrets.conf`;
  const deploy = (name: string, replicas: number, container: string, extraPod = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${extraPod ? ind(extraPod, 6) + '\n' : ''}      containers:
${ind(container, 8)}
`;
  const userConf = (text: string): string => `  - target: {kind: ConfigMap, name: st2-config}
    patch: |-
      - op: replace
        path: /data/st2.user.conf
        value: |
${ind(text, 10)}
`;
  const svcPatch = (name: string, body: string): string => `patches:\n  - target: {kind: Service, name: ${name}}\n    patch: |-\n${ind(body, 6)}\n`;

  const attacks: Attack[] = [

  // ---------- environment / trust ----------
  { name: "env-dev-secret-into-prod-ns", cls: "environment", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("dev", ["secret.yaml"]),
      "secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-auth-override\n  namespace: st2-prod\nstringData:\n  ST2_AUTH_PASSWORD: Ch@ngeMe\n" } },
  { name: "env-staging-plus-default-secrets", cls: "environment", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-003", "ST2-SEC-004", "ST2-SEC-005", "ST2-SEC-006"],
    files: { "kustomization.yaml": kz("staging", "components:\n  - ../../../components/default-secrets\n") } },
  { name: "env-prod-floor-dev-nodeport", cls: "environment", expect: "deny", rules: ["ST2-EXP-002", "ST2-EXP-001"], env: "dev",
    files: { "kustomization.yaml": kz("prod", svcPatch("st2web", "- op: replace\n  path: /spec/type\n  value: NodePort")) } },
  { name: "env-dev-declared-into-st2-prod", cls: "environment", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-003", "ST2-SEC-004", "ST2-SEC-005", "ST2-SEC-006", "ST2-EXP-002", "ST2-EXP-001"],
    files: { "kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nnamespace: st2-prod\nresources:\n  - ../../dev\n" } },

  // ---------- default secrets ----------
  { name: "sec-echo-newline-base64", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["s.yaml"]),
      "s.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-auth-local\ntype: Opaque\ndata:\n  ST2_AUTH_USERNAME: c3QyYWRtaW4K\n  ST2_AUTH_PASSWORD: Q2hAbmdlTWUK\n" } },
  { name: "sec-mongodump-cronjob-p-flag", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["cj.yaml"]),
      "cj.yaml": `apiVersion: batch/v1
kind: CronJob
metadata:
  name: mongo-backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: dump
              image: mongo:4.4.29
              command: ["sh", "-c", "mongodump --host mongodb-0.mongodb -uadmin -pXeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK --authenticationDatabase admin --archive=/backup/st2.gz --gzip"]
${ind(SC, 14)}
` } },
  { name: "sec-amqp-lowercase-percent", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[messaging]\nurl = amqp://admin:9jS%2bw1u07NbHtZke1m%2bjW4Cj@rabbitmq:5672/")) } },
  { name: "sec-dotenv-quoted", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "configMapGenerator:\n  - name: st2-client-env\n    files:\n      - st2.env\n"),
      "st2.env": 'ST2_AUTH_URL="http://st2auth:9100/"\nST2_USER="st2admin"\nST2_PASSWORD="Ch@ngeMe"\n' } },
  { name: "sec-secretgenerator-envs", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "secretGenerator:\n  - name: rabbitmq-admin\n    envs:\n      - rmq.env\n"),
      "rmq.env": "RABBITMQ_DEFAULT_USER=admin\nRABBITMQ_DEFAULT_PASS=9jS+w1u07NbHtZke1m+jW4Cj\n" } },
  { name: "sec-erlang-cookie-backup", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["s.yaml"]),
      "s.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: rabbitmq-cookie-backup\nstringData:\n  .erlang.cookie: 8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG\n" } },
  { name: "sec-last-applied-annotation", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2auth}\n    patch: |-\n      - op: add\n        path: /metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration\n        value: '{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"st2-auth\"},\"stringData\":{\"ST2_AUTH_USERNAME\":\"st2admin\",\"ST2_AUTH_PASSWORD\":\"Ch@ngeMe\"}}'\n") } },
  { name: "sec-probe-mongo-eval", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: StatefulSet, name: mongodb}\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/readinessProbe\n        value:\n          exec:\n            command: [mongo, --quiet, -u, admin, -p, XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK, --authenticationDatabase, admin, --eval, 'db.adminCommand(\"ping\")']\n          periodSeconds: 10\n") } },
  { name: "sec-basic-auth-probe-header", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2api}\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/livenessProbe\n        value:\n          httpGet:\n            path: /v1/actions\n            port: 9101\n            httpHeaders:\n              - name: Authorization\n                value: Basic c3QyYWRtaW46Q2hAbmdlTWU=\n          periodSeconds: 20\n") } },
  { name: "sec-chatops-token", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["chatops.yaml"]),
      "chatops.yaml": deploy("st2chatops", 1, `- name: st2chatops\n  image: stackstorm/st2chatops:3.8.1\n  env:\n    - name: HUBOT_ADAPTER\n      value: slack\n    - name: HUBOT_SLACK_TOKEN\n      value: xoxb-CHANGE-ME-PLEASE\n${ind(SC, 2)}`) } },
  { name: "sec-mongo-root-initdb", cls: "secrets", expect: "deny", rules: ["ST2-SEC-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: StatefulSet, name: mongodb}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/env/-\n        value: {name: MONGO_INITDB_ROOT_PASSWORD, value: 8fAzdnksdzPFUWm4a68EfY7nMhBPaa}\n") } },

  // ---------- key material ----------
  { name: "key-ssh-pkcs8", cls: "key-material", expect: "deny", rules: ["ST2-SEC-003", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "secretGenerator:\n  - name: stanley-key\n    files:\n      - id_rsa=id_rsa\n"), "id_rsa": K.pk8 } },
  { name: "key-ssh-openssh-format", cls: "key-material", expect: "deny", rules: ["ST2-SEC-003", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "configMapGenerator:\n  - name: stanley-ssh\n    files:\n      - id_rsa\n"), "id_rsa": K.openssh } },
  { name: "key-ssh-crlf-stringdata", cls: "key-material", expect: "deny", rules: ["ST2-SEC-003", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["s.json"]),
      "s.json": JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "stanley-win" }, stringData: { private_key: K.devrsa.replace(/\n/g, "\r\n") } }, null, 1) } },
  { name: "key-ssh-public-authorized-keys", cls: "key-material", expect: "deny", rules: ["ST2-SEC-003", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "configMapGenerator:\n  - name: bastion-authorized-keys\n    literals:\n      - authorized_keys=" + K.pub + " stanley@st2\n") } },
  { name: "key-web-tls-pkcs1", cls: "key-material", expect: "deny", rules: ["ST2-SEC-005", "ST2-SEC-004"],
    files: { "kustomization.yaml": kz("prod", "secretGenerator:\n  - name: st2web-legacy-tls\n    files:\n      - tls.key\n"), "tls.key": K.pkcs1web } },

  // ---------- workloads / components ----------
  { name: "wl-timers-sidecar-in-st2api", cls: "components", expect: "deny", rules: ["ST2-REP-001", "ST2-REP-004"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2api}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/-\n        value:\n          name: timers\n          image: stackstorm/st2timersengine:3.8.1\n          command: [/opt/stackstorm/st2/bin/st2timersengine]\n          args: [--config-file=/etc/st2/st2.conf, --config-file=/etc/st2/st2.docker.conf, --config-file=/etc/st2/st2.user.conf]\n          resources: {limits: {cpu: 100m, memory: 128Mi}, requests: {cpu: 10m, memory: 64Mi}}\n          securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n") } },
  { name: "wl-all-in-one-image", cls: "components", expect: "deny", rules: ["ST2-REP-001", "ST2-REP-002", "ST2-REP-003", "ST2-REP-004", "ST2-SEC-001"],
    files: { "kustomization.yaml": kzr("prod", ["aio.yaml"]),
      "aio.yaml": deploy("st2-sandbox", 1, `- name: st2\n  image: stackstorm/stackstorm:3.8.1\n  volumeMounts:\n    - {name: cfg, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}\n${ind(SC, 2)}`, "volumes:\n  - name: cfg\n    configMap: {name: st2-config}") } },
  // Round 2: the all-in-one image with its own baked config, nothing under /etc/st2 mounted.
  { name: "wl-all-in-one-own-config", cls: "components", expect: "deny", rules: ["ST2-REP-001"],
    files: { "kustomization.yaml": kzr("prod", ["aio.yaml"]),
      "aio.yaml": deploy("st2-sandbox", 1, `- name: st2\n  image: stackstorm/stackstorm:3.8.1\n  env:\n    - {name: ST2_MONGO_HOST, value: mongodb-0.mongodb}\n${ind(SC, 2)}`) } },
  { name: "wl-timers-in-actionrunner-image-shell", cls: "components", expect: "deny", rules: ["ST2-REP-001", "ST2-REP-004"],
    files: { "kustomization.yaml": kzr("prod", ["t.yaml"]),
      "t.yaml": deploy("cron-helper", 1, `- name: helper\n  image: stackstorm/st2actionrunner:3.8.1\n  command: ["/bin/bash", "-c", "exec /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf"]\n${ind(SC, 2)}`) } },
  { name: "wl-timers-keda-scaledjob", cls: "workload-shape", expect: "deny", rules: ["ST2-REP-001", "ST2-REP-004", "ST2-REP-009"],
    files: { "kustomization.yaml": kzr("prod", ["sj.yaml"]),
      "sj.yaml": `apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata:
  name: timers-burst
spec:
  maxReplicaCount: 3
  jobTargetRef:
    template:
      spec:
        restartPolicy: Never
        containers:
          - name: timers
            image: stackstorm/st2timersengine:3.8.1
            command: [/opt/stackstorm/st2/bin/st2timersengine]
${ind(SC, 12)}
  triggers:
    - type: cron
      metadata: {timezone: UTC, start: "0 * * * *", end: "59 * * * *", desiredReplicas: "2"}
` } },
  { name: "wl-hpa-no-minreplicas", cls: "scalers", expect: "deny", rules: ["ST2-REP-005"],
    files: { "kustomization.yaml": kzr("prod", ["hpa.yaml"]),
      "hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: st2api\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: st2api}\n  maxReplicas: 6\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n" } },
  { name: "wl-st2api-replicas-removed", cls: "scalers", expect: "deny", rules: ["ST2-REP-005"],
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2api}\n    patch: |-\n      - op: remove\n        path: /spec/replicas\n") } },
  { name: "wl-sensor-second-deployment", cls: "components", expect: "deny", rules: ["ST2-REP-003", "ST2-REP-002"],
    files: { "kustomization.yaml": kzr("prod", ["s.yaml"]),
      "s.yaml": deploy("sensors-extra", 1, `- name: sensors\n  image: stackstorm/st2sensorcontainer:3.8.1\n  command: [/opt/stackstorm/st2/bin/st2sensorcontainer]\n${ind(st2args, 2)}\n${ind(SC, 2)}`) } },
  { name: "wl-timers-debug-pod", cls: "workload-shape", expect: "deny", rules: ["ST2-REP-001", "ST2-REP-004"],
    files: { "kustomization.yaml": kzr("prod", ["p.yaml"]),
      "p.yaml": `apiVersion: v1\nkind: Pod\nmetadata:\n  name: timers-debug\nspec:\n  containers:\n${ind(`- name: t\n  image: stackstorm/st2timersengine:3.8.1\n${ind(SC, 2)}`, 4)}\n` } },
  { name: "wl-mongodb-two-members", cls: "scalers", expect: "deny", rules: ["ST2-REP-007"],
    files: { "kustomization.yaml": kz("prod", "replicas:\n  - name: mongodb\n    count: 2\n") } },
  { name: "wl-rabbitmq-one", cls: "scalers", expect: "deny", rules: ["ST2-REP-007"],
    files: { "kustomization.yaml": kz("prod", "replicas:\n  - name: rabbitmq\n    count: 1\n") } },
  { name: "wl-scheduler-zero", cls: "scalers", expect: "deny", rules: ["ST2-REP-010", "ST2-REP-011", "ST2-REP-005"],
    files: { "kustomization.yaml": kz("prod", "replicas:\n  - name: st2scheduler\n    count: 0\n") } },
  { name: "wl-coordination-emptied", cls: "scalers", expect: "deny", rules: ["ST2-REP-006"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[api]\nallow_origin = '*'\n\n[coordination]\nurl =\n")) } },
  { name: "wl-coordination-redis-absent", cls: "scalers", expect: "deny", rules: ["ST2-REP-006", "ST2-REP-012"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[coordination]\nurl = redis://redis:6379\n")) } },

  // ---------- exposure ----------
  { name: "exp-tlsroute-mongodb", cls: "exposure", expect: "deny", rules: ["ST2-EXP-008"],
    files: { "kustomization.yaml": kzr("prod", ["r.yaml"]),
      "r.yaml": "apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata:\n  name: mongo-tls\nspec:\n  parentRefs:\n    - name: public-gw\n      namespace: gateways\n  hostnames: [mongo.example.com]\n  rules:\n    - backendRefs:\n        - name: mongodb\n          port: 27017\n" } },
  { name: "exp-ingress-externalname-rabbitmq-ui", cls: "exposure", expect: "deny", rules: ["ST2-EXP-008"],
    files: { "kustomization.yaml": kzr("prod", ["r.yaml"]),
      "r.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: queue-ui\nspec:\n  type: ExternalName\n  externalName: rabbitmq.st2-prod.svc.cluster.local\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: queue-ui\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: queue.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: queue-ui\n                port: {number: 15672}\n" } },
  { name: "exp-socat-relay-lb-mongodb", cls: "exposure", expect: "deny", rules: ["ST2-EXP-006"],
    files: { "kustomization.yaml": kzr("prod", ["r.yaml"]),
      "r.yaml": deploy("mongo-relay", 1, `- name: socat\n  image: alpine/socat:1.8.0.0\n  args: ["TCP-LISTEN:27017,fork,reuseaddr", "TCP:mongodb-0.mongodb:27017"]\n  ports: [{containerPort: 27017}]\n${ind(SC, 2)}`) +
        "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: mongo-relay\nspec:\n  type: LoadBalancer\n  selector: {app: mongo-relay}\n  ports: [{port: 27017, targetPort: 27017}]\n" } },
  { name: "exp-st2api-lb-azure-internal-false", cls: "exposure", expect: "deny", rules: ["ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2api", "- op: replace\n  path: /spec/type\n  value: LoadBalancer\n- op: add\n  path: /metadata/annotations/service.beta.kubernetes.io~1azure-load-balancer-internal\n  value: \"false\"")) } },
  { name: "exp-st2api-lb-aws-internal-false", cls: "exposure", expect: "deny", rules: ["ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2api", "- op: replace\n  path: /spec/type\n  value: LoadBalancer\n- op: add\n  path: /metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-internal\n  value: \"false\"")) } },
  { name: "exp-st2auth-lb-gke-external", cls: "exposure", expect: "deny", rules: ["ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2auth", "- op: replace\n  path: /spec/type\n  value: LoadBalancer\n- op: add\n  path: /metadata/annotations/networking.gke.io~1load-balancer-type\n  value: External")) } },
  { name: "exp-st2stream-lb-global-unicast-v6", cls: "exposure", expect: "deny", rules: ["ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2stream", "- op: replace\n  path: /spec/type\n  value: LoadBalancer\n- op: add\n  path: /spec/loadBalancerSourceRanges\n  value: [\"10.0.0.0/8\", \"2000::/3\"]")) } },

  // ---------- waivers ----------
  { name: "waiver-on-deployment-for-service-finding", cls: "waivers", expect: "deny", rules: ["ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2api", "- op: replace\n  path: /spec/type\n  value: LoadBalancer") +
      `  - target: {kind: Deployment, name: st2api}\n    patch: |-\n      - op: add\n        path: /metadata/annotations/st2-gitops~1waive.ST2-EXP-007\n        value: "expires=${day(30)}; reason=temporary demo, INC-9"\n`) } },
  { name: "waiver-91-days", cls: "waivers", expect: "deny", rules: ["ST2-WAIVER-001", "ST2-EXP-007"],
    files: { "kustomization.yaml": kz("prod", svcPatch("st2api", "- op: replace\n  path: /spec/type\n  value: LoadBalancer\n- op: add\n  path: /metadata/annotations/st2-gitops~1waive.ST2-EXP-007\n  value: \"expires=" + day(92) + "; reason=partner demo\"")) } },
  { name: "waiver-sec001-in-prod", cls: "waivers", expect: "deny", rules: ["ST2-SEC-001", "ST2-WAIVER-001", "ST2-SEC-004"],
    files: { "kustomization.yaml": kzr("prod", ["s.yaml"]),
      "s.yaml": `apiVersion: v1\nkind: Secret\nmetadata:\n  name: legacy-auth\n  annotations:\n    st2-gitops/waive.ST2-SEC-001: "expires=${day(20)}; reason=migration window"\n    st2-gitops/waive.ST2-SEC-004: "expires=${day(20)}; reason=migration window"\nstringData:\n  password: Ch@ngeMe\n` } },

  // ---------- st2 config ----------
  { name: "cfg-rbac-backend-noop", cls: "st2-config", expect: "deny", rules: ["ST2-HRD-005"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[api]\nallow_origin = '*'\n\n[rbac]\nenable = True\nbackend = noop\n")) } },
  { name: "cfg-auth-enable-off", cls: "st2-config", expect: "deny", rules: ["ST2-HRD-005"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[auth]\nenable = off\n")) } },
  { name: "cfg-auth-enable-zero", cls: "st2-config", expect: "deny", rules: ["ST2-HRD-005"],
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[auth]\nenable = 0\n")) } },
  { name: "cfg-rbac-enable-no", cls: "st2-config", expect: "deny", rules: ["ST2-HRD-005"],
    files: { "kustomization.yaml": kz("staging", "patches:\n" + userConf("[rbac]\nenable = no\n")) } },
  // ---------- safe look-alikes ----------
  { name: "safe-scale-api-web", cls: "scalers", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "replicas:\n  - name: st2api\n    count: 5\n  - name: st2web\n    count: 4\n") } },
  { name: "safe-labels", cls: "environment", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "labels:\n  - pairs:\n      team: platform\n      cost-center: \"4711\"\n") } },
  { name: "safe-runner-limits", cls: "components", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2actionrunner}\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/containers/0/resources/limits/memory\n        value: 4Gi\n") } },
  { name: "safe-pdb-garbagecollector", cls: "scalers", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["pdb.yaml"]),
      "pdb.yaml": "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: st2garbagecollector\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: st2garbagecollector}\n" } },
  { name: "safe-networkpolicy-mongodb", cls: "exposure", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["np.yaml"]),
      "np.yaml": "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: mongodb-from-st2\nspec:\n  podSelector:\n    matchLabels: {app: mongodb}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {release: st2}}\n      ports:\n        - {port: 27017, protocol: TCP}\n" } },
  { name: "safe-statsd-sidecar", cls: "components", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "patches:\n  - target: {kind: Deployment, name: st2api}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/-\n        value:\n          name: statsd-exporter\n          image: prom/statsd-exporter:v0.26.1\n          ports: [{containerPort: 9102, name: metrics}]\n          resources: {limits: {cpu: 100m, memory: 64Mi}, requests: {cpu: 10m, memory: 32Mi}}\n          securityContext: {runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}\n") } },
  { name: "safe-internal-lb-st2web", cls: "exposure", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["lb.yaml"]),
      "lb.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: st2web-internal\n  annotations:\n    service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]\n  selector: {app: st2web}\n  ports: [{name: http, port: 80, targetPort: 80}]\n" } },
  { name: "safe-image-digest", cls: "components", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "images:\n  - name: stackstorm/st2web\n    newTag: \"3.8.1\"\n    digest: sha256:4b9f1c6d2a0e5f3b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b\n") } },
  { name: "safe-waiver-hrd002", cls: "waivers", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["job.yaml"]),
      "job.yaml": `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: one-off-report\n  annotations:\n    st2-gitops/waive.ST2-HRD-002: "expires=${day(30)}; reason=limits from the namespace LimitRange, INC-4242"\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: report\n          image: busybox:1.36.1\n          command: [sh, -c, "echo done"]\n          securityContext: {runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n` } },
  { name: "safe-hpa-st2api", cls: "scalers", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["hpa.yaml"]),
      "hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: st2api\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: st2api}\n  minReplicas: 3\n  maxReplicas: 6\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}\n" } },
  { name: "safe-random-secret", cls: "secrets", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "secretGenerator:\n  - name: webhook-token\n    literals:\n      - token=Vq7r2LkX9pT4mN8sZ3wQ6yB1\n") } },
  { name: "safe-st2-user-conf-explicit", cls: "st2-config", expect: "allow",
    files: { "kustomization.yaml": kz("prod", "patches:\n" + userConf("[api]\nallow_origin = https://st2.example.com\n\n[auth]\nenable = True\n\n[rbac]\nenable = True\nbackend = default\n\n[metrics]\ndriver = noop\n")) } },
  { name: "safe-mongodump-secretref", cls: "secrets", expect: "allow",
    files: { "kustomization.yaml": kzr("prod", ["cj.yaml"]),
      "cj.yaml": `apiVersion: batch/v1
kind: CronJob
metadata:
  name: mongo-backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: dump
              image: mongo:4.4.29
              command: ["sh", "-c", "mongodump --host mongodb-0.mongodb -u \\"$MONGO_USER\\" -p \\"$MONGO_PASS\\" --authenticationDatabase admin --archive=/tmp/st2.gz --gzip"]
              env:
                - name: MONGO_USER
                  valueFrom: {secretKeyRef: {name: st2-mongodb-admin, key: user}}
                - name: MONGO_PASS
                  valueFrom: {secretKeyRef: {name: st2-mongodb-admin, key: password}}
${ind(SC, 14)}
` } },
  { name: "safe-staging-scale-web", cls: "scalers", expect: "allow",
    files: { "kustomization.yaml": kz("staging", "replicas:\n  - name: st2web\n    count: 3\n") } },
  { name: "safe-dev-labels", cls: "environment", expect: "allow",
    files: { "kustomization.yaml": kz("dev", "commonLabels:\n  owner: alice\n") } },
  ];
  return attacks.map((a) => {
    const wraps = /- \.\.\/\.\.\/(prod|staging|dev)\n/.exec(a.files['kustomization.yaml'] ?? '')?.[1] as Wrapped | undefined;
    if (wraps === undefined) throw new Error(`${a.name} wraps no overlay`);
    const rule = a.rules?.[0];
    return { id: `fresh4-${a.name}`, cls: a.cls, wraps, expect: a.expect, ...(rule ? { rule } : {}), files: a.files, ...(a.env ? { args: ['--env', a.env] } : {}) };
  });
}
