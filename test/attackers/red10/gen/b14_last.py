from lib import *
def dp(id, exp, cls, reason, kind, name, ops, base="prod"):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base)
dp("ing-st2web-port-80", "deny", "exposure-outage", "st2web Ingress backend moved to port 80, which the st2web Service does not have (443 only): ingress-nginx answers 503 for the whole UI and API proxy", "Ingress", "st2web", """
- op: replace
  path: /spec/rules/0/http/paths/0/backend/service/port/number
  value: 80
""")
dp("ing-st2web-backend-protocol-removed", "deny", "exposure-outage", "backend-protocol annotation dropped: ingress-nginx speaks plain HTTP to st2web's TLS port 443, nginx answers 400 'plain HTTP request was sent to HTTPS port' to every request", "Ingress", "st2web", """
- op: remove
  path: /metadata/annotations/nginx.ingress.kubernetes.io~1backend-protocol
""")
dp("cfg-coordination-removed", "deny", "st2-config", "the [coordination] section removed from st2.docker.conf: st2 falls back to tooz's no-op driver, locks between replicas are no-ops (concurrency policies, workflow locks) with 3 workflow engines and 8 runners", "ConfigMap", "st2-config", """
- op: replace
  path: /data/st2.docker.conf
  value: |
    [auth]
    api_url = http://st2api:9101/

    [keyvalue]
    encryption_key_path = /etc/st2/keys/datastore_key.json

    [rbac]
    enable = True
    backend = default

    [database]
    host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0
""")
case("ver-scheduler-downgrade", "deny", "versions", "st2scheduler rolled back to 3.7.1 while every other service and the database run 3.8.1: st2 supports no mixed-version cluster (the upgrade notes stop all services and migrate together)",
     "images:\n  - name: stackstorm/st2scheduler\n    newTag: 3.7.1\n")
dp("sec-keyfile-printf-halves", "deny", "secret-default", "the MongoDB keyfile written by printf from two literal halves of the chart's published replicaSetKey", "StatefulSet", "mongodb", """
- op: replace
  path: /spec/template/spec/initContainers/0/command/2
  value: printf '%s%s' 82PItDpqroti5Rng OA7UqbHH7c6bFUwy > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt
""")
dp("dns-ndots-safe", "allow", "scheduling-safe", "dnsConfig ndots 2 on st2api (fewer search-domain lookups; cluster names still resolve)", "Deployment", "st2api", """
- op: add
  path: /spec/template/spec/dnsConfig
  value: {options: [{name: ndots, value: "2"}]}
""")
dp("service-links-off-safe", "allow", "scheduling-safe", "enableServiceLinks false on the runners (st2 reads no *_SERVICE_HOST variables)", "Deployment", "st2actionrunner", """
- op: add
  path: /spec/template/spec/enableServiceLinks
  value: false
""")
dp("ing-st2web-timeouts-safe", "allow", "exposure-safe", "st2web Ingress body size and timeouts raised for pack uploads and SSE", "Ingress", "st2web", """
- op: add
  path: /metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size
  value: 20m
- op: add
  path: /metadata/annotations/nginx.ingress.kubernetes.io~1proxy-send-timeout
  value: "600"
""")
case("ver-all-st2-pinned-digest-safe", "allow", "supply-safe", "every st2 image kept at 3.8.1 and the MongoDB image pinned by digest too",
     "images:\n  - name: mongo\n    newTag: 4.4.29\n    digest: sha256:6f6b2c9d1e0a4b3c5d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c\n")
