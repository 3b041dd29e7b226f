from lib import *
def user_conf(text, env='prod'):
    base = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
    return jp({'kind': 'ConfigMap', 'name': 'st2-config'}, [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': base + text}])
# ingress snippets
def ing_ann(k, v):
    return jp({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/metadata/annotations/' + k.replace('~', '~0').replace('/', '~1'), 'value': v}])
case('snippet-config-rabbitmq-location', 'deny', 'exposure',
     "configuration-snippet on st2web's public Ingress proxies /rmq/ to rabbitmq:15672: the RabbitMQ management UI (every queue, user, definitions export) on the internet (ingress-nginx annotations docs: configuration-snippet inserts raw nginx config into the location)",
     patches=[ing_ann('nginx.ingress.kubernetes.io/configuration-snippet', 'location /rmq/ { proxy_pass http://rabbitmq.st2-prod.svc.cluster.local:15672/; }\n')])
case('snippet-stream-mongodb', 'deny', 'exposure',
     "stream-snippet on st2web's Ingress opens a TCP listener on the ingress controller forwarding to mongodb:27017: st2's database on the public edge (ingress-nginx docs: stream-snippet)",
     patches=[ing_ann('nginx.ingress.kubernetes.io/stream-snippet', 'server { listen 27017; proxy_pass mongodb.st2-prod.svc.cluster.local:27017; }\n')])
case('snippet-safe-config-header', 'allow', 'safe',
     "configuration-snippet adding a security header (more_set_headers X-Frame-Options DENY) to st2web's Ingress: hardening, nothing exposed",
     patches=[ing_ann('nginx.ingress.kubernetes.io/configuration-snippet', 'more_set_headers "X-Frame-Options: DENY";\n')])
# st2 config probes
case('st2cfg-rbac-backend-noop', 'deny', 'auth-weakening',
     "[rbac] backend = noop with enable = True: st2's noop RBAC backend allows every request, so every logged-in user is effectively admin (st2 docs: rbac backend default/noop; st2common rbac/backends/noop.py returns True for all checks)",
     patches=[user_conf("[rbac]\nenable = True\nbackend = noop\n")])
case('st2cfg-auth-mode-proxy', 'deny', 'auth-weakening',
     "[auth] mode = proxy: st2auth trusts REMOTE_USER and issues a token to whoever reaches it without a password (st2 auth docs: proxy mode relies on a fronting proxy)",
     patches=[user_conf("[auth]\nmode = proxy\n")])
