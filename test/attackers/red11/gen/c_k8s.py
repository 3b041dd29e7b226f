from lib import *
def ann(kind, name, key, val, group=None):
    return jp(kind, name, [{'op': 'add', 'path': '/metadata/annotations/' + key.replace('~', '~0').replace('/', '~1'), 'value': val}], group)
# ---------------- Argo CD
case('argo-wave-mongo-before-secrets', 'prod', 'deny', 'argocd-deadlock',
  "mongodb StatefulSet in sync-wave -5, before the ExternalSecrets (-1) that create mongodb-admin/mongodb-keyfile: Argo CD applies a wave only after the previous one is Healthy (argocd.md sync waves), the pods stay CreateContainerConfigError -> a fresh or rebuilt cluster never syncs",
  kz={'patches': [ann('StatefulSet', 'mongodb', 'argocd.argoproj.io/sync-wave', '-5')]})
case('argo-wave-st2api-before-secrets', 'prod', 'deny', 'argocd-deadlock',
  "st2api and st2auth in sync-wave -3, before the ExternalSecrets (-1) for st2-config-secrets they mount: the wave never becomes Healthy on a new cluster, Argo CD never reaches the secrets' wave",
  kz={'patches': [ann('Deployment', 'st2api', 'argocd.argoproj.io/sync-wave', '-3'), ann('Deployment', 'st2auth', 'argocd.argoproj.io/sync-wave', '-3')]})
case('argo-register-presync', 'prod', 'deny', 'argocd-deadlock',
  "st2-register-content made a PreSync hook: it runs before MongoDB/RabbitMQ exist on a fresh sync and waits in wait-for-db forever, PreSync never completes, nothing else is ever applied",
  kz={'patches': [jp('Job', 'st2-register-content', [{'op': 'replace', 'path': '/metadata/annotations/argocd.argoproj.io~1hook', 'value': 'PreSync'}])]})
case('argo-hook-delete-succeeded', 'prod', 'allow', 'argocd-safe',
  "hook Job deleted after success instead of before the next run: cosmetic",
  kz={'patches': [jp('Job', 'st2-register-content', [{'op': 'replace', 'path': '/metadata/annotations/argocd.argoproj.io~1hook-delete-policy', 'value': 'BeforeHookCreation,HookSucceeded'}])]})
case('argo-compare-ignore-extraneous', 'prod', 'allow', 'argocd-safe',
  "compare-options IgnoreExtraneous on the ConfigMap: only affects the app's sync status display",
  kz={'patches': [ann('ConfigMap', 'st2-urls', 'argocd.argoproj.io/compare-options', 'IgnoreExtraneous')]})
case('argo-ssa', 'prod', 'allow', 'argocd-safe',
  "ServerSideApply=true on st2api: same objects applied by server-side apply",
  kz={'patches': [ann('Deployment', 'st2api', 'argocd.argoproj.io/sync-options', 'ServerSideApply=true')]})
case('argo-prune-false-ns', 'prod', 'allow', 'argocd-safe',
  "Prune=false,Delete=false on the Namespace: Argo CD never deletes st2-prod (safer)",
  kz={'patches': [ann('Namespace', 'st2-prod', 'argocd.argoproj.io/sync-options', 'Prune=false,Delete=false')]})
case('argo-wave-rbac-job-order', 'prod', 'allow', 'argocd-safe',
  "RBAC Job wave moved from 5 to 4: still runs before register-content (7)",
  kz={'patches': [jp('Job', 'st2-apply-rbac-definitions', [{'op': 'replace', 'path': '/metadata/annotations/argocd.argoproj.io~1sync-wave', 'value': '4'}])]})
# ---------------- kustomize features / bad input
case('kz-helmcharts', 'prod', 'badinput', 'kustomize-refused',
  "helmCharts would inflate a chart the gate never sees (kustomize.md: needs --enable-helm); must be refused as unsupported input, not rendered",
  kz={'helmCharts': [{'name': 'stackstorm-ha', 'repo': 'https://helm.stackstorm.com/', 'version': '1.1.0', 'releaseName': 'st2', 'namespace': 'st2-prod'}]})
case('kz-transformers-exec', 'prod', 'badinput', 'kustomize-refused',
  "transformers with an exec plugin runs arbitrary code at render time (kustomize.md plugins): must be refused",
  kz={'transformers': ['xform.yaml']},
  files={'xform.yaml': {'apiVersion': 'someteam.example.com/v1', 'kind': 'ChartInflator', 'metadata': {'name': 'x', 'annotations': {'config.kubernetes.io/function': 'exec:\n  path: ./run.sh\n'}}}})
case('kz-generators-fn', 'prod', 'badinput', 'kustomize-refused',
  "generators with a KRM function container: resources the gate cannot compute; must be refused",
  kz={'generators': ['gen.yaml']},
  files={'gen.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'g', 'annotations': {'config.kubernetes.io/function': 'container:\n  image: example.com/gen:1\n'}}}})
case('kz-remote-resource', 'prod', 'badinput', 'kustomize-refused',
  "remote base URL: content outside the reviewed repository (README: remote URLs are errors)",
  kz={'resources': ['https://github.com/StackStorm/stackstorm-k8s//templates?ref=master']})
case('kz-outside-repo', 'prod', 'badinput', 'kustomize-refused',
  "a resource path leaving the repository", kz={'resources': ['../../../../../../etc/passwd']})
case('kz-missing-file', 'prod', 'badinput', 'bad-input', "resource file does not exist", kz={'resources': ['nope.yaml']})
case('kz-patch-path-missing', 'prod', 'badinput', 'bad-input', "JSON patch replace on a missing path: kustomize fails",
  kz={'patches': [jp('Deployment', 'st2api', [{'op': 'replace', 'path': '/spec/template/spec/nosuch/field', 'value': 1}])]})
case('kz-bad-regex', 'prod', 'badinput', 'bad-input', "patch target name is an invalid RE2 regex",
  kz={'patches': [{'target': {'kind': 'Deployment', 'name': 'st2(api'}, 'patch': Y([{'op': 'add', 'path': '/metadata/labels/x', 'value': 'y'}])}]})
case('kz-replicas-string', 'prod', 'badinput', 'bad-input', "replicas count is not a number", kz={'replicas': [{'name': 'st2api', 'count': 'three'}]})
case('kz-move-missing', 'prod', 'badinput', 'bad-input', "JSON patch move from a missing path",
  kz={'patches': [jp('Deployment', 'st2api', [{'op': 'move', 'from': '/spec/nosuch', 'path': '/spec/other'}])]})
case('kz-test-op-fails', 'prod', 'badinput', 'bad-input', "JSON patch test op that fails: kustomize errors",
  kz={'patches': [jp('Deployment', 'st2timersengine', [{'op': 'test', 'path': '/spec/replicas', 'value': 7}])]})
case('kz-tabs', 'prod', 'badinput', 'bad-input', "tab-indented YAML is malformed",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n\t- ../../prod\n")
case('kz-dup-key-patch', 'prod', 'badinput', 'bad-input',
  "patch file with a duplicate mapping key (replicas twice): kyaml/yaml.v3 refuse it; a reader keeping the first would see 1 while another keeps 2",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - path: p.yaml\n",
  files={'p.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  replicas: 1\n  replicas: 2\n"})
case('kz-two-kustomizations', 'prod', 'badinput', 'bad-input',
  "both kustomization.yaml and kustomization.yml: kustomize refuses ('Found multiple kustomization files')",
  kz={}, files={'kustomization.yml': "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\nreplicas:\n  - name: st2timersengine\n    count: 2\n"})
case('kz-alias-bomb', 'prod', 'badinput', 'bad-input', "billion-laughs YAML aliases in a resource",
  kz={'resources': ['bomb.yaml']},
  files={'bomb.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  a: &a [x,x,x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n  h: [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"})
case('kz-resources-not-list', 'prod', 'badinput', 'bad-input', "resources given as a string",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: ../../prod\n")
case('kz-binary-file', 'prod', 'badinput', 'bad-input', "resource file with invalid UTF-8 / NUL bytes",
  kz={'resources': ['bin.yaml']}, files={'bin.yaml': b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\x00\xff\xfe\ndata:\n  k: \xc3\x28\n"})
case('kz-no-apiversion', 'prod', 'badinput', 'bad-input', "resource without apiVersion/kind",
  kz={'resources': ['noapi.yaml']}, files={'noapi.yaml': "metadata:\n  name: x\ndata:\n  a: b\n"})
case('kz-replicas-hex', 'prod', 'deny', 'singleton',
  "replicas count written 0x2 (YAML int = 2): two st2timersengine fire every timer twice (stackstorm-ha.md §3)",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - target:\n      kind: Deployment\n      name: st2timersengine\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 0x2\n")
case('kz-replicas-octal-sensor', 'prod', 'deny', 'singleton',
  "sensor container replicas written 0o2 (YAML 1.2 octal = 2): every sensor runs twice, duplicate triggers (§3)",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - target:\n      kind: Deployment\n      name: st2sensorcontainer\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 0o2\n")
case('kz-replacement-sensor-replicas', 'prod', 'deny', 'singleton',
  "replacements copy st2api's replica count (3) into st2sensorcontainer: three sensor containers run every sensor three times (§3)",
  kz={'replacements': [{'source': {'kind': 'Deployment', 'name': 'st2api', 'fieldPath': 'spec.replicas'}, 'targets': [{'select': {'kind': 'Deployment', 'name': 'st2sensorcontainer'}, 'fieldPaths': ['spec.replicas']}]}]})
case('kz-replacement-gc-replicas', 'staging', 'deny', 'singleton',
  "replacements copy st2actionrunner's count (3) into st2garbagecollector in staging: three GCs purge concurrently; README: the garbage collector is a singleton (delivery.singleton_names)",
  kz={'replacements': [{'source': {'kind': 'Deployment', 'name': 'st2actionrunner', 'fieldPath': 'spec.replicas'}, 'targets': [{'select': {'kind': 'Deployment', 'name': 'st2garbagecollector'}, 'fieldPaths': ['spec.replicas']}]}]})
case('kz-nameprefix', 'prod', 'deny', 'singleton',
  "namePrefix renames every object in production, st2timersengine included; production syncs without prune, so the old st2timersengine keeps running beside blue-st2timersengine (two timer engines)",
  kz={'namePrefix': 'blue-'})
case('kz-images-digest', 'prod', 'allow', 'supply-chain-safe',
  "st2api pinned by immutable digest: strongest pin, same image repository",
  kz={'images': [{'name': 'stackstorm/st2api', 'digest': 'sha256:4f0b1c5b1b1d8e3a7c9e2d6f8a0b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b'}]})
case('kz-images-tag-digest', 'prod', 'allow', 'supply-chain-safe',
  "st2auth 3.8.1 plus digest: release tag and immutable pin",
  kz={'images': [{'name': 'stackstorm/st2auth', 'newTag': '3.8.1@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9'}]})
case('kz-images-dockerio-prefix', 'prod', 'allow', 'supply-chain-safe',
  "the same Docker Hub repository written with its registry (allowed prefix docker.io/stackstorm/)",
  kz={'images': [{'name': 'stackstorm/st2stream', 'newName': 'docker.io/stackstorm/st2stream'}]})
case('kz-images-mongo-gcr-mirror', 'prod', 'allow', 'supply-chain-safe',
  "Google's Docker Hub pull-through mirror of the official mongo image, same tag",
  kz={'images': [{'name': 'mongo', 'newName': 'mirror.gcr.io/library/mongo'}]})
case('kz-images-typosquat', 'prod', 'deny', 'supply-chain',
  "st2actionrunner from docker.io/stackstorrn/ (typosquat of stackstorm): unknown publisher's code runs every action with st2's credentials and the datastore key",
  kz={'images': [{'name': 'stackstorm/st2actionrunner', 'newName': 'docker.io/stackstorrn/st2actionrunner'}]})
case('kz-images-mongo-thirdparty', 'prod', 'deny', 'supply-chain',
  "MongoDB from an unknown Docker Hub user (m0ngodb/mongo): that image holds st2's database, keyfile and root password",
  kz={'images': [{'name': 'mongo', 'newName': 'docker.io/m0ngodb/mongo'}]})
case('kz-labels-no-selector', 'prod', 'allow', 'kustomize-safe',
  "labels without selectors: metadata only",
  kz={'labels': [{'pairs': {'cost-center': 'platform'}, 'includeSelectors': False}]})
case('kz-common-annotations', 'prod', 'allow', 'kustomize-safe',
  "extra commonAnnotations (owner): metadata only", kz={'commonAnnotations': {'example.com/owner': 'platform-team'}})
case('kz-delete-all-deployments', 'staging', 'deny', 'outage',
  "every Deployment deleted by a $patch: delete in staging (which prunes): Argo CD removes all st2 services",
  kz={'patches': [{'target': {'kind': 'Deployment'}, 'patch': Y({'$patch': 'delete', 'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'any'}})}]})
case('kz-cmgen-rbac-noop', 'prod', 'deny', 'st2conf-auth',
  "configMapGenerator merge into st2-config sets st2.user.conf with [rbac] backend = noop: RBAC not enforced (st2docs rbac.rst)",
  kz={'configMapGenerator': [{'name': 'st2-config', 'behavior': 'merge', 'literals': ["st2.user.conf=[api]\nallow_origin = '*'\n[rbac]\nbackend = noop\n"]}]})
case('env-staging-declares-dev', 'staging', 'allow', 'environment-safe',
  "a staging wrapper that declares dev is still judged as staging (strictest): nothing changes in what is deployed",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: x\n  annotations:\n    st2-gitops/environment: dev\nresources:\n  - ../../staging\n")
