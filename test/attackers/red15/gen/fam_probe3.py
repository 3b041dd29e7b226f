from lib import *
def ing_ann(k, v):
    return jp({'group': 'networking.k8s.io', 'kind': 'Ingress', 'name': 'st2web'}, [{'op': 'add', 'path': '/metadata/annotations/' + k.replace('~', '~0').replace('/', '~1'), 'value': v}])
case('probe3-ssl-redirect-off', 'deny', 'exposure',
     "ssl-redirect \"false\" on st2web's Ingress: ingress-nginx serves st2web on plain HTTP port 80 too, so logins (Basic auth to /auth/tokens) and tokens cross the internet unencrypted (ingress-nginx docs: with TLS the controller redirects to HTTPS unless ssl-redirect is false)",
     patches=[ing_ann('nginx.ingress.kubernetes.io/ssl-redirect', 'false')])
case('probe3-es-delete-staging', 'deny', 'crash-loop',
     "staging: ExternalSecret st2-config-secrets deleted from the render: automated prune removes it and its owned Secret (creationPolicy Owner), so every st2 pod mounting st2.secrets.conf fails to start (ESO docs: Owner policy garbage-collects the Secret)",
     env='staging', patches=[sm("apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: st2-config-secrets\n$patch: delete\n")])
