from lib import *
TE = "st2reactor/bin/st2timersengine (st2 3.8) only calls st2reactor.cmd.timersengine.main(); every st2 image carries the whole st2 package, so any st2 image can run it; README/ST2-REP-001: two timers engines fire every timer twice (duplicate rule evaluations and workflows)"
ARGS = ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf']
def te_dep(name, image, command, args=None, env='prod'):
    ns = NS[env]
    cmd = json.dumps(command); a = json.dumps(args if args is not None else ARGS)
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
  labels: {{app: {name}, release: st2}}
spec:
  replicas: 1
  strategy: {{type: Recreate}}
  selector:
    matchLabels: {{app: {name}, release: st2}}
  template:
    metadata:
      labels: {{app: {name}, release: st2}}
    spec:
      imagePullSecrets: [{{name: st2-license}}]
      securityContext: {{runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: {{type: RuntimeDefault}}}}
      containers:
        - name: worker
          image: {image}
          imagePullPolicy: IfNotPresent
          command: {cmd}
          args: {a}
          envFrom: [{{configMapRef: {{name: st2-urls}}}}]
          resources:
            limits: {{cpu: 500m, memory: 512Mi}}
            requests: {{cpu: 100m, memory: 256Mi}}
          securityContext: {{allowPrivilegeEscalation: false, privileged: false, capabilities: {{drop: [ALL]}}}}
          volumeMounts:
            - {{name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}}
            - {{name: st2-config-vol, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}}
            - {{name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf, readOnly: true}}
      volumes:
        - {{name: st2-config-vol, configMap: {{name: st2-config}}}}
        - {{name: st2-config-secrets-vol, secret: {{secretName: st2-config-secrets, defaultMode: 288}}}}
"""
case('timer2-python-c', 'deny', 'singleton-twice', f"a Deployment st2-timer-catchup runs st2timersengine's main() through python -c in the st2actionrunner image: a second timers engine beside the real one ({TE})",
     resources={'d.yaml': te_dep('st2-timer-catchup', 'stackstorm/st2actionrunner:3.8.1', ['/opt/stackstorm/st2/bin/python', '-c', 'import sys; from st2reactor.cmd import timersengine; sys.exit(timersengine.main())'])})
case('timer2-renamed-script', 'deny', 'singleton-twice', f"a Deployment copies st2timersengine to /tmp/worker and runs it with st2's python: a second timers engine under another program name ({TE})",
     resources={'d.yaml': te_dep('st2-worker', 'stackstorm/st2actionrunner:3.8.1', ['sh', '-c', 'cp /opt/stackstorm/st2/bin/st2timersengine /tmp/worker && exec /opt/stackstorm/st2/bin/python /tmp/worker "$@"', 'worker'])})
case('timer2-safe-python-c-version', 'allow', 'safe', "a Deployment in the st2actionrunner image whose python -c only prints st2's version and sleeps (a version probe for dashboards): no st2 service started",
     resources={'d.yaml': te_dep('st2-version', 'stackstorm/st2actionrunner:3.8.1', ['/opt/stackstorm/st2/bin/python', '-c', 'import st2common, time; print(st2common.__version__); time.sleep(10**9)'], args=[])})
