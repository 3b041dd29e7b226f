from lib import *
GW = "Gateway API docs (ReferenceGrant): routes in another namespace may reference a Service only when a ReferenceGrant in the Service's namespace allows it; a grant without 'name' covers every Service"
def rg(name, frm, svc=None, ns='st2-prod', ver='v1beta1', to_kind='Service'):
    to = f"  to:\n    - group: \"\"\n      kind: {to_kind}\n" + (f"      name: {svc}\n" if svc else '')
    f = ''.join(f"    - group: gateway.networking.k8s.io\n      kind: {k}\n      namespace: {n}\n" for k, n in frm)
    return f"apiVersion: gateway.networking.k8s.io/{ver}\nkind: ReferenceGrant\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  from:\n{f}{to}"
unsafe = [
 ('tcproute-mongodb', [('TCPRoute','public-gateway')], 'mongodb', 'prod', 'v1beta1', "TCPRoutes of namespace public-gateway may forward the shared internet gateway's port to mongodb:27017 (st2's database, every execution and the encrypted datastore)"),
 ('tcproute-rabbitmq', [('TCPRoute','public-gateway')], 'rabbitmq', 'prod', 'v1beta1', "TCPRoutes of public-gateway may forward to rabbitmq:5672, st2's message bus"),
 ('tcproute-etcd', [('TCPRoute','public-gateway')], 'etcd', 'prod', 'v1beta1', "TCPRoutes of public-gateway may forward to etcd:2379, st2's unauthenticated coordination store (anyone can delete its locks)"),
 ('httproute-rabbitmq-mgmt', [('HTTPRoute','edge')], 'rabbitmq', 'prod', 'v1beta1', "HTTPRoutes of namespace edge may publish rabbitmq:15672, RabbitMQ's management UI and API"),
 ('httproute-all', [('HTTPRoute','edge')], None, 'prod', 'v1beta1', "HTTPRoutes of namespace edge may reference every Service of st2-prod (no name), rabbitmq management and etcd's HTTP API included"),
 ('multi-from-mongodb', [('HTTPRoute','public-gateway'), ('TCPRoute','public-gateway'), ('UDPRoute','public-gateway')], 'mongodb', 'prod', 'v1beta1', "three route kinds of public-gateway may target mongodb"),
 ('alpha2-mongodb', [('TCPRoute','public-gateway')], 'mongodb', 'prod', 'v1alpha2', "the v1alpha2 form, same effect: TCPRoutes of public-gateway may target mongodb"),
 ('tcproute-mongodb-staging', [('TCPRoute','public-gateway')], 'mongodb', 'staging', 'v1beta1', "TCPRoutes of public-gateway may forward to staging's mongodb"),
]
for tag, frm, svc, env, ver, what in unsafe:
    case(f'refgrant-{tag}', 'deny', 'exposure',
         f"ReferenceGrant in {NS[env]}: {what} ({GW}); the gate denies the same route written in st2's namespace (EXP-008) but not the grant that lets one outside the render reach the store",
         env=env, resources={'rg.yaml': rg('r15-grant', frm, svc, NS[env], ver)})
case('refgrant-safe-st2web', 'allow', 'safe',
     f"ReferenceGrant lets HTTPRoutes of public-gateway reference Service st2web only: st2web is public through the Ingress by design (TLS, st2 login) ({GW})",
     resources={'rg.yaml': rg('r15-grant', [('HTTPRoute','public-gateway')], 'st2web')})
case('refgrant-safe-st2web-staging', 'allow', 'safe',
     f"staging: ReferenceGrant for HTTPRoutes of shared-gw to Service st2web only, the UI staging already publishes ({GW})",
     env='staging', resources={'rg.yaml': rg('r15-grant', [('HTTPRoute','shared-gw')], 'st2web', 'st2-staging')})
case('refgrant-safe-tls-secret-to-gateway', 'allow', 'safe',
     "ReferenceGrant lets Gateways of public-gateway use Secret st2web-tls (st2web's public certificate and key) for its HTTPS listener: the certificate is public and the key stays with the edge that serves st2web (Gateway API docs: certificateRefs across namespaces need a ReferenceGrant)",
     resources={'rg.yaml': rg('r15-grant', [('Gateway','public-gateway')], 'st2web-tls', to_kind='Secret')})
