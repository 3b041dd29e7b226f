from lib16 import *
from fam_e import CK
SEC = obj('ExternalSecret', 'st2-config-secrets')['spec']['target']['template']['data']['st2.secrets.conf']
def secconf(extra): return jp('ExternalSecret', 'st2-config-secrets', [rep('/spec/target/template/data/st2.secrets.conf', SEC + extra)])
DOCK = obj('ConfigMap', 'st2-config')['data']['st2.docker.conf']
def dockconf(extra): return jp('ConfigMap', 'st2-config', [rep('/data/st2.docker.conf', DOCK + extra)])
case('cookie-samesite-none-secretsconf', 'deny', 'cookie', f"[api] auth_cookie_same_site = none written into the ExternalSecret template of st2.secrets.conf (the last config file every service reads): the auth-token cookie goes on cross-site requests: CSRF ({CK})", patches=[secconf('\n[api]\nauth_cookie_same_site = none\n')])
case('cookie-secure-off-dockerconf', 'deny', 'cookie', f"[api] auth_cookie_secure = False in st2.docker.conf: the auth-token cookie is sent on plain-http requests too (MDN Set-Cookie Secure; {CK})", patches=[dockconf('\n[api]\nauth_cookie_secure = False\n')])
case('cookie-samesite-lax-secretsconf-ok', 'allow', 'cookie', '[api] auth_cookie_same_site = lax in st2.secrets.conf: the default (st2 PR #5248)', patches=[secconf('\n[api]\nauth_cookie_same_site = lax\n')])
case('st2opt-token-ttl-zero-secretsconf', 'deny', 'st2opt', "[auth] token_ttl = 0 written into the ExternalSecret template of st2.secrets.conf (last file, wins): every login token is already expired (st2 access.create_token: expiry = utcnow + timedelta(seconds=ttl), ttl from token_ttl)", patches=[secconf('\n[auth]\ntoken_ttl = 0\n')])
case('st2opt-service-ttl-one-dockerconf', 'deny', 'st2opt', "[auth] service_token_ttl = 1 in st2.docker.conf: actions' and sensors' tokens expire after one second, their API calls fail 401 (st2 config [auth] service_token_ttl)", patches=[dockconf('\n[auth]\nservice_token_ttl = 1\n')])
case('st2opt-service-ttl-hour-ok', 'allow', 'st2opt', '[auth] service_token_ttl = 7200: two-hour action tokens, shorter than the default day and above the default action timeout of 600 s (st2 config docs)', patches=[dockconf('\n[auth]\nservice_token_ttl = 7200\n')])
case('rmq-erlargs-watermark-staging', 'deny', 'rmq', "staging: RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-rabbit vm_memory_high_watermark 0.0': the memory alarm is permanent and every publisher blocked (erl docs -Application Par Val; RabbitMQ Memory Alarms)", env='staging',
     patches=[jp('StatefulSet', 'rabbitmq', [add(C0 + '/env/-', {'name': 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', 'value': '-rabbit vm_memory_high_watermark 0.0'})])])
case('rmq-erlargs-ctl-ok', 'allow', 'rmq', "RABBITMQ_CTL_ERL_ARGS='+sbwt none': only changes scheduler busy-wait of the CLI tools (RabbitMQ runtime docs)",
     patches=[jp('StatefulSet', 'rabbitmq', [add(C0 + '/env/-', {'name': 'RABBITMQ_CTL_ERL_ARGS', 'value': '+sbwt none'})])])
case('never-readinessgate-st2stream', 'deny', 'never', 'st2stream pods with a readiness gate nothing sets: never Ready, the st2stream Service has no endpoints, st2web\'s live view and `st2 execution tail` fail (k8s pod readiness gates docs)',
     patches=[jp('Deployment', 'st2stream', [add(PS + '/readinessGates', [{'conditionType': 'example.com/mesh-ready'}])])])
case('never-poststart-false-etcd', 'deny', 'never', 'etcd postStart exec `false`: every member killed right after start; the rolling update loses etcd-2 and the next restart loses quorum (k8s lifecycle hooks docs: a failed PostStart kills the container)',
     patches=[jp('StatefulSet', 'etcd', [add(C0 + '/lifecycle', {'postStart': {'exec': {'command': ['false']}}})])])
