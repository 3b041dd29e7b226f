from lib import *
CM = "cert-manager docs (Certificate spec.secretTemplate): annotations and labels are copied onto the Secret holding the certificate and its private key — the documented way to hand it to reflector/replicator; the gate reads such annotations on Secrets, ExternalSecret and SealedSecret templates (SEC-010) but not here"
def cert(ann, env='prod', name='st2web-ingress-tls', host='st2.example.com'):
    ns = NS[env]
    a = ''.join(f"      {k}: {json.dumps(v)}\n" for k, v in ann.items())
    return f"apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  secretName: {name}\n  dnsNames:\n    - {host}\n  issuerRef:\n    group: cert-manager.io\n    kind: ClusterIssuer\n    name: letsencrypt-production\n  secretTemplate:\n    annotations:\n{a}"
R = "reflector.v1.k8s.emberstack.com/"
for tag, ann, what, env in [
  ('reflector-auto-all', {R+'reflection-allowed': 'true', R+'reflection-auto-enabled': 'true'}, "emberstack reflector mirrors st2web's TLS private key into every namespace (empty namespace list = all)", 'prod'),
  ('replicator-all', {'replicator.v1.mittwald.de/replicate-to': '.*'}, "mittwald replicator copies st2web's TLS private key into every namespace matching .*", 'prod'),
  ('kubed-sync-all', {'kubed.appscode.com/sync': ''}, "kubed/config-syncer syncs st2web's TLS private key into every namespace (empty selector)", 'prod'),
  ('reflector-allowed-any', {R+'reflection-allowed': 'true'}, "reflector lets any namespace mirror st2web's TLS private key on request (no allowed-namespaces list)", 'prod'),
  ('reflector-auto-staging', {R+'reflection-allowed': 'true', R+'reflection-auto-enabled': 'true'}, "staging: reflector mirrors staging st2web's TLS private key into every namespace", 'staging'),
]:
    host = 'st2.example.com' if env == 'prod' else 'st2.staging.example.com'
    case(f'certcopy-{tag}', 'deny', 'exfiltration',
         f"Certificate for st2web's Ingress Secret with secretTemplate annotations: {what}, so any tenant serves a valid certificate for st2's login host and can intercept logins ({CM})",
         env=env, resources={'cert.yaml': cert(ann, env, host=host)})
case('certcopy-safe-labels', 'allow', 'safe', f"Certificate for st2web's Ingress Secret whose secretTemplate only adds a team label and a description annotation: nothing copies the key anywhere ({CM})",
     resources={'cert.yaml': cert({'description': 'st2web public certificate'}).replace("  secretTemplate:\n", "  secretTemplate:\n    labels:\n      team: platform\n")})
case('certcopy-safe-reflector-to-st2', 'allow', 'safe', f"Certificate whose secretTemplate allows reflection only into st2-prod itself (reflection-allowed-namespaces: st2-prod): no namespace outside st2's gets the key ({CM})",
     resources={'cert.yaml': cert({R+'reflection-allowed': 'true', R+'reflection-allowed-namespaces': 'st2-prod'})})
