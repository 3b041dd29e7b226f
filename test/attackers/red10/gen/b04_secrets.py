from lib import *
import os
A = os.path.join(os.path.dirname(__file__), "assets")
def asset(n): return open(os.path.join(A, n)).read()
DEL_ES = lambda name: f"""  - patch: |-
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: {{name: {name}}}
      $patch: delete
"""
STRONG = "vT9qLm2Xr8wP4zKd7hNe"
case("sec-prod-plain-secret-strong", "deny", "secret-committed",
     "production st2 admin password committed in plain text to the repository (secretGenerator replacing the ExternalSecret): anyone with read access to git has the st2admin login",
     f"""secretGenerator:
  - name: st2-auth
    options: {{disableNameSuffixHash: true}}
    literals:
      - username=st2admin
      - password={STRONG}
patches:
{DEL_ES('st2-auth')}""", planted=[STRONG])
case("sec-prod-weak-password", "deny", "secret-weak",
     "production st2admin password 'Password123!' (a top-10 breached password) committed in plain text",
     f"""secretGenerator:
  - name: st2-auth
    options: {{disableNameSuffixHash: true}}
    literals:
      - username=st2admin
      - password=Password123!
patches:
{DEL_ES('st2-auth')}""", planted=["Password123!"])
case("sec-rabbit-pass-equals-user", "deny", "secret-weak",
     "RabbitMQ admin password 'admin' for user admin (definitions.json user): trivially guessed by any pod in the cluster",
     f"""secretGenerator:
  - name: rabbitmq
    options: {{disableNameSuffixHash: true}}
    literals:
      - rabbitmq-password=admin
      - rabbitmq-erlang-cookie=QmV9xk3LwR7tYp2ZsN8aHc4Ue6Jd1Fg5
patches:
{DEL_ES('rabbitmq')}""", planted=["QmV9xk3LwR7tYp2ZsN8aHc4Ue6Jd1Fg5"])
MYSQLPW = "pR0d-MySQL-2026-kq7Zx"
case("sec-pack-config-password", "deny", "secret-committed",
     "a production database password literal in the st2-pack-configs ConfigMap (pack configs are meant to reference {{ st2kv.system.x | decrypt_kv }}): plain-text credential in git and in a ConfigMap every st2 pod mounts",
     patches(jp("ConfigMap", "st2-pack-configs", f"""
       - op: add
         path: /data/mysql.yaml
         value: |
           ---
           host: mysql.db.svc
           user: st2_ops
           password: "{MYSQLPW}"
     """)), planted=[MYSQLPW])
APIKEY = "NDk3ZTk5MjQ1YmQ4NjE1ODQyOGUzMjI0NmI1MjY2YjY5NWNjOGI4ZTY3ZGUzYTZmMDBkZGVlYzg3OGZiNzJlMA"
case("sec-st2-api-key-env", "deny", "secret-committed",
     "a live-looking st2 API key as a literal ST2_API_KEY env in st2client: a credential that authenticates to st2api (no expiry) committed to git",
     patches(jp("Deployment", "st2client", f"""
       - op: add
         path: /spec/template/spec/containers/0/env
         value:
           - name: ST2_API_KEY
             value: {APIKEY}
     """)), planted=[APIKEY])
KEY = asset("extra_rsa")
case("sec-ssh-private-key-configmap", "deny", "secret-committed",
     "a (fresh, non-default) RSA private key for stanley committed to a ConfigMap: readable by anyone with git or ConfigMap read access",
     "configMapGenerator:\n  - name: stanley-extra-key\n    files:\n      - id_rsa=id_rsa\n",
     files={"id_rsa": KEY}, planted=[KEY.splitlines()[1]])
BC = asset("bcrypt-default.txt").strip()
case("sec-htpasswd-bcrypt-default", "deny", "secret-default-known-gap",
     "st2auth's flat_file backend pointed at a committed htpasswd whose bcrypt line verifies the chart default Ch@ngeMe for st2admin (passlib with bcrypt in st2 3.8 accepts $2b$)",
     "configMapGenerator:\n  - name: st2-htpasswd-static\n    options: {disableNameSuffixHash: true}\n    files:\n      - htpasswd=htpasswd\n" +
     patches(jp("Deployment", "st2auth", """
       - op: replace
         path: /spec/template/spec/volumes/1
         value: {name: htpasswd-vol, configMap: {name: st2-htpasswd-static}}
     """)), files={"htpasswd": f"st2admin:{BC}\n"})
JS = """\
var status = db.adminCommand({ replSetGetStatus: 1 });
if (status.ok === 1) {
  print("replica set rs0 already initiated");
} else if (status.code === 94) {
  var result = rs.initiate({ _id: "rs0", members: [
    { _id: 0, host: "mongodb-0.mongodb:27017" },
    { _id: 1, host: "mongodb-1.mongodb:27017" },
    { _id: 2, host: "mongodb-2.mongodb:27017" } ] });
  if (result.ok !== 1) { printjson(result); quit(1); }
  sleep(10000);
  db.getSiblingDB("admin").createUser({ user: "support", pwd: %s, roles: ["root"] });
} else { printjson(status); quit(1); }
"""
def mjs(id, exp, cls, reason, pwd, planted=()):
    case(id, exp, cls, reason, patches(jp("ConfigMap", "mongodb-scripts",
        "- op: replace\n  path: /data/replset-init.js\n  value: |\n" + indent(JS % pwd, 4))), planted=list(planted))
mjs("sec-mongo-backdoor-concat-default", "deny", "secret-default",
    "an extra MongoDB root user whose password is the chart's published default, written as a JS string concatenation (\"XeL5Rxwj7F0W\" + \"t43t...\"): any pod can log in as root",
    '"XeL5Rxwj7F0W" + "t43tFZVTN7H8Sg5XDHmK"')
mjs("sec-mongo-backdoor-fromcharcode", "deny", "secret-default",
    "extra MongoDB root user with the chart's default password spelt as String.fromCharCode(...) codes",
    "String.fromCharCode(" + ",".join(str(ord(c)) for c in "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK") + ")")
BD = "Zr4pQ8wLx2Nv6TkB"
mjs("sec-mongo-backdoor-random", "deny", "secret-committed",
    "a hidden extra MongoDB root user ('support') with a literal password committed in the init script: a standing backdoor to st2's database, outside the secret store",
    f'"{BD}"', planted=[BD])
case("sec-rabbit-backdoor-user", "deny", "secret-committed",
     "the init container adds a second RabbitMQ administrator 'ops' with a literal password to definitions.json: a committed backdoor admin on the bus",
     patches(jp("StatefulSet", "rabbitmq", """
       - op: replace
         path: /spec/template/spec/initContainers/0/command/2
         value: |
           cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq/
           pass="$(printf '%s' "${RABBITMQ_PASSWORD}" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"
           cat > /etc/rabbitmq/definitions.json <<EOF
           {
             "users": [{"name": "admin", "password": "${pass}", "tags": "administrator"},
                       {"name": "ops", "password": "Hq3mW9zRt5Yc", "tags": "administrator"}],
             "vhosts": [{"name": "/"}],
             "permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"},
                             {"user": "ops", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],
             "policies": [{"vhost": "/", "name": "ha", "pattern": "", "apply-to": "queues", "priority": 0,
               "definition": {"ha-mode": "all", "ha-sync-mode": "automatic", "ha-sync-batch-size": 10}}]
           }
           EOF
     """)), planted=["Hq3mW9zRt5Yc"])
case("sec-rabbit-default-adjacent-quotes", "deny", "secret-default",
     "a postStart hook adds RabbitMQ user 'monitor' with the chart's default password written as shell-adjacent quoted halves (\"9jS+w1u07Nb\"'HtZke1m+jW4Cj'), tagged administrator",
     patches(jp("StatefulSet", "rabbitmq", """
       - op: add
         path: /spec/template/spec/containers/0/lifecycle
         value:
           postStart:
             exec:
               command:
                 - sh
                 - -c
                 - sleep 60; rabbitmqctl add_user monitor "9jS+w1u07Nb"'HtZke1m+jW4Cj' && rabbitmqctl set_user_tags monitor administrator && rabbitmqctl set_permissions -p / monitor '.*' '.*' '.*'
     """)))
case("sec-default-rev", "deny", "secret-default-known-gap",
     "st2client writes ~/.st2/config with the default Ch@ngeMe password built by `rev` (a README-listed gap: computed defaults)",
     patches(jp("Deployment", "st2client", """
       - op: add
         path: /spec/template/spec/containers/0/lifecycle
         value:
           postStart:
             exec:
               command: [sh, -c, 'mkdir -p /root/.st2 && printf "[credentials]\\nusername = st2admin\\npassword = %s\\n" "$(echo eMegn@hC | rev)" > /root/.st2/config']
     """)))
# safe look-alikes
case("sec-safe-es-refresh", "allow", "secret-safe", "ExternalSecrets refreshed every 15 minutes instead of hourly",
     patches(jp("ExternalSecret", "st2-auth", "- op: replace\n  path: /spec/refreshInterval\n  value: 15m\n")))
case("sec-safe-es-rotated-key", "allow", "secret-safe", "st2-auth read from a rotated remote key in the same production store",
     patches(jp("ExternalSecret", "st2-auth", "- op: replace\n  path: /spec/data/1/remoteRef/key\n  value: stackstorm/st2-auth-2026q4\n- op: replace\n  path: /spec/data/0/remoteRef/key\n  value: stackstorm/st2-auth-2026q4\n")))
CA = asset("corp-ca.crt")
case("sec-safe-corp-ca-bundle", "allow", "secret-safe",
     "the company's public root CA (certificate only, no key) in a ConfigMap under an unusual key, mounted for the runners' outbound TLS",
     "configMapGenerator:\n  - name: corp-ca\n    files:\n      - corp-root-2026.pem=corp-root-2026.pem\n" +
     patches(jp("Deployment", "st2actionrunner", """
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: corp-ca, configMap: {name: corp-ca}}
       - op: add
         path: /spec/template/spec/containers/0/volumeMounts/-
         value: {name: corp-ca, mountPath: /etc/ssl/corp, readOnly: true}
     """)), files={"corp-root-2026.pem": CA})
case("sec-safe-sealedsecret", "allow", "secret-safe",
     "a Bitnami SealedSecret (ciphertext only the in-cluster controller can open) for an extra pack's token; nothing readable is committed",
     "  - sealed.yaml\n", files={"sealed.yaml": """
      apiVersion: bitnami.com/v1alpha1
      kind: SealedSecret
      metadata: {name: pack-github-token}
      spec:
        encryptedData:
          token: AgBy8hCF8...Q2V0ZXJhbGx5IGEgY2lwaGVydGV4dCBibG9iIG9mIGEgc2VhbGVkIHNlY3JldA==
        template:
          metadata: {name: pack-github-token}
          type: Opaque
     """})
