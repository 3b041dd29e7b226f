from lib import *
def dp(id, exp, cls, reason, name, ops, kind="Deployment", base="prod"):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base)

dp("wl-st2api-liveness-exec-missing", "deny", "probes", "st2api liveness `cat /tmp/healthy`, a file nothing creates: every st2api pod is killed after 3 failures, forever (crash-loop, API down)", "st2api", """
  - op: replace
    path: /spec/template/spec/containers/0/livenessProbe
    value:
      exec: {command: [cat, /tmp/healthy]}
      initialDelaySeconds: 30
      periodSeconds: 10
""")
dp("wl-st2rules-liveness-false", "deny", "probes", "st2rulesengine liveness runs `false`: every rules engine restarts every 30s; rules are evaluated only in the gaps", "st2rulesengine", """
  - op: add
    path: /spec/template/spec/containers/0/livenessProbe
    value:
      exec: {command: ["false"]}
      initialDelaySeconds: 10
      periodSeconds: 10
""")
dp("wl-st2api-cpu-1m", "deny", "resources", "st2api limited to 1 millicore: the process gets 0.1 ms of CPU per 100 ms period, never finishes importing, fails its liveness probe and restarts forever", "st2api", """
  - op: replace
    path: /spec/template/spec/containers/0/resources
    value:
      requests: {cpu: 1m, memory: 256Mi}
      limits: {cpu: 1m, memory: 512Mi}
""")
dp("wl-st2api-mem-32Mi", "deny", "resources", "st2api memory limit 32Mi: the python process (st2common, mongoengine, kombu, gunicorn/eventlet) needs well over 100 MB: OOMKilled at start, crash-loop", "st2api", """
  - op: replace
    path: /spec/template/spec/containers/0/resources
    value:
      requests: {cpu: 100m, memory: 16Mi}
      limits: {cpu: 1000m, memory: 32Mi}
""")
dp("wl-mongo-mem-64Mi", "deny", "resources", "mongod limited to 64Mi: WiredTiger's minimum cache alone is 256 MB: OOMKilled on start, every member, no database", "mongodb", """
  - op: replace
    path: /spec/template/spec/containers/0/resources
    value:
      requests: {cpu: 500m, memory: 64Mi}
      limits: {cpu: 2000m, memory: 64Mi}
""", kind="StatefulSet")
dp("wl-timers-mask-st2-venv", "deny", "mounts", "an emptyDir mounted over /opt/stackstorm/st2 hides the st2 virtualenv: /opt/stackstorm/st2/bin/st2timersengine does not exist, the container fails to start (no timers)", "st2timersengine", """
  - op: add
    path: /spec/template/spec/volumes/-
    value: {name: scratch, emptyDir: {}}
  - op: add
    path: /spec/template/spec/containers/0/volumeMounts/-
    value: {name: scratch, mountPath: /opt/stackstorm/st2}
""")
dp("wl-st2api-mount-etc-st2-dir", "deny", "mounts", "st2-config mounted as the whole /etc/st2 directory hides the image's st2.conf (and the subPath files): oslo.config aborts with ConfigFilesNotFoundError, st2api crash-loops", "st2api", """
  - op: add
    path: /spec/template/spec/containers/0/volumeMounts/-
    value: {name: st2-config-vol, mountPath: /etc/st2}
""")
dp("wl-st2web-https-off", "deny", "st2web", "ST2WEB_HTTPS=0 makes the st2web image render its plain-HTTP nginx config (port 80 only): the probes, the Service (443) and the Ingress (backend-protocol HTTPS) hit a closed port: st2web restarts forever", "st2web", """
  - op: replace
    path: /spec/template/spec/containers/0/env/0/value
    value: "0"
""")
case("wl-notifier-one-prod", "deny", "ha", "st2notifier at 1 replica in production: one node drain stops notifications and the rescheduling of stale executions (HA docs: 2, with coordination)",
     "replicas:\n  - name: st2notifier\n    count: 1\n")
case("wl-scheduler-one-prod", "deny", "ha", "st2scheduler at 1 replica in production: losing that pod leaves every execution in requested",
     "replicas:\n  - name: st2scheduler\n    count: 1\n")
case("wl-gc-two-safe", "allow", "ha-safe", "st2garbagecollector at 2: ha.rst 'running multiple instances in active-active will not yield much benefit, but will not do any harm'",
     "replicas:\n  - name: st2garbagecollector\n    count: 2\n")
case("wl-timers-hpa-1-1-safe", "allow", "ha-safe", "an HPA pinned to min=max=1 on st2timersengine never runs two",
     files={"hpa.yaml": """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: st2timersengine}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: st2timersengine}
        minReplicas: 1
        maxReplicas: 1
        metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
     """}, k="  - hpa.yaml\n")
dp("wl-timers-rolling-nosurge-safe", "allow", "ha-safe", "RollingUpdate with maxSurge 0 / maxUnavailable 1 stops the old timers pod before the new one starts, like Recreate", "st2timersengine", """
  - op: replace
    path: /spec/strategy
    value: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}
""")
dp("wl-st2api-bigger-safe", "allow", "resources-safe", "st2api given 2 CPUs and 1Gi: more headroom", "st2api", """
  - op: replace
    path: /spec/template/spec/containers/0/resources
    value:
      requests: {cpu: 500m, memory: 512Mi}
      limits: {cpu: "2", memory: 1Gi}
""")
dp("wl-st2api-startup-probe-safe", "allow", "probes-safe", "a tcpSocket startupProbe on 9101 with a generous budget", "st2api", """
  - op: add
    path: /spec/template/spec/containers/0/startupProbe
    value: {tcpSocket: {port: 9101}, periodSeconds: 5, failureThreshold: 30}
""")
dp("wl-rules-exec-probe-safe", "allow", "probes-safe", "st2rulesengine liveness `sh -c 'test -d /proc/1'` always passes while the container runs", "st2rulesengine", """
  - op: add
    path: /spec/template/spec/containers/0/livenessProbe
    value:
      exec: {command: [sh, -c, "test -d /proc/1"]}
      initialDelaySeconds: 30
      periodSeconds: 30
""")
# datastore key mismatch
case("wl-crypto-key-split", "deny", "st2-config", "st2actionrunner mounts a different datastore key (a second ExternalSecret) than st2api: values st2api encrypts (st2 key set --encrypt) fail decrypt_kv in every action (InvalidToken/HMAC mismatch)",
     "  - es.yaml\n" + patches(jp("Deployment", "st2actionrunner", """
       - op: replace
         path: /spec/template/spec/volumes/0/secret/secretName
         value: st2-datastore-crypto-key-runners
     """)), files={"es.yaml": """
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata:
        name: st2-datastore-crypto-key-runners
        annotations: {argocd.argoproj.io/sync-wave: "-1"}
      spec:
        refreshInterval: 1h
        secretStoreRef: {kind: ClusterSecretStore, name: st2-production}
        target: {name: st2-datastore-crypto-key-runners, creationPolicy: Owner}
        data:
          - secretKey: datastore_crypto_key
            remoteRef: {key: stackstorm/st2-datastore-crypto-key-runners, property: datastore_crypto_key}
     """})
