from lib import *
K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'
BAD = "README exit table: malformed YAML, a patch whose path is missing, a path leaving the repository are exit 2 with empty stdout"
P1 = 'R15planted-Vq7xT2mKp9Lz'
case('badin-malformed-kustomization', 'bad-input', 'bad-input', f"kustomization.yaml is not YAML (unclosed flow sequence) ({BAD})",
     raw_kust=K + 'resources: [../../prod\npatches:\n  - path: x.yaml\n')
case('badin-missing-patch-path', 'bad-input', 'bad-input', f"JSON patch replaces /spec/template/spec/nosuch/0/name, a path st2api does not have ({BAD})",
     patches=[jp({'kind': 'Deployment', 'name': 'st2api'}, [{'op': 'replace', 'path': '/spec/template/spec/nosuch/0/name', 'value': 'x'}])])
case('badin-escape-repo', 'bad-input', 'bad-input', f"resources lists ../../../../../../etc/hostname, outside the repository ({BAD})",
     raw_kust=K + 'resources:\n  - ../../prod\n  - ../../../../../../etc/hostname\n')
case('badin-missing-resource', 'bad-input', 'bad-input', "resources lists a file that does not exist (kustomize: must resolve)",
     raw_kust=K + 'resources:\n  - ../../prod\n  - does-not-exist.yaml\n')
case('badin-unknown-field', 'bad-input', 'bad-input', "kustomization uses helmCharts, a field the renderer refuses by name (README: any other field is refused)",
     raw_kust=K + 'resources:\n  - ../../prod\nhelmCharts:\n  - name: stackstorm-ha\n    repo: https://helm.stackstorm.com\n')
case('badin-missing-patch-file', 'bad-input', 'bad-input', "patches names path: nope.yaml that does not exist",
     raw_kust=K + 'resources:\n  - ../../prod\npatches:\n  - path: nope.yaml\n')
case('badin-remote-url', 'bad-input', 'bad-input', "resources lists a remote URL (README: remote URLs are errors, stricter than kustomize)",
     raw_kust=K + 'resources:\n  - ../../prod\n  - https://raw.githubusercontent.com/StackStorm/stackstorm-k8s/master/values.yaml\n')
case('badin-bad-op', 'bad-input', 'bad-input', "JSON patch with op 'frobnicate' (RFC 6902 defines six ops)",
     patches=[jp({'kind': 'Deployment', 'name': 'st2api'}, [{'op': 'frobnicate', 'path': '/spec/replicas', 'value': 3}])])
case('badin-duplicate-object', 'bad-input', 'bad-input', "adds a second ConfigMap st2-prod/st2-urls (README: two objects with the same group, kind, namespace and name are errors; kustomize refuses too)",
     resources={'dup.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: st2-urls\n  namespace: st2-prod\ndata:\n  X: y\n"})
case('badin-setelementorder', 'bad-input', 'bad-input', "strategic-merge patch with $setElementOrder, which kyaml lacks (README: refused)",
     patches=[sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2api\nspec:\n  template:\n    spec:\n      $setElementOrder/containers:\n        - name: st2api\n")])
case('badin-resource-tab-indent', 'bad-input', 'bad-input', f"a resource file whose YAML is broken (tab indentation) and holds a planted password on the broken line; the error must not print it ({BAD})",
     resources={'bad.yaml': f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-bad\n  namespace: st2-prod\ndata:\n\tpassword: {P1}\n"}, planted=[P1])
P2 = 'R15planted-Hx4bW8nQe3Rs'
case('badin-unclosed-quote-secret', 'bad-input', 'bad-input', "resource file with an unclosed quoted scalar whose text is a planted password; the error must not echo it",
     resources={'bad.yaml': f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-bad\n  namespace: st2-prod\ndata:\n  mongo: \"mongodb://admin:{P2}@mongodb:27017\n  other: x\n"}, planted=[P2])
P3 = 'R15planted-Jc6uY1pRw5Dk'
case('badin-patch-missing-path-secret', 'bad-input', 'bad-input', "JSON patch to a missing path whose value is a planted password; the error must not print the value",
     patches=[jp({'kind': 'ConfigMap', 'name': 'st2-config'}, [{'op': 'replace', 'path': '/data/nosuch/inner', 'value': f'[database]\npassword = {P3}\n'}])], planted=[P3])
case('badin-non-utf8', 'bad-input', 'bad-input', "resource file that is not UTF-8 (README: exit 2 naming file and line, as kubectl refuses it)",
     resources={'bad.yaml': b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-bad\n  namespace: st2-prod\ndata:\n  x: \"\xff\xfe\"\n"})
case('badin-symlink-out', 'bad-input', 'bad-input', "resource is a symlink to /etc/hostname, leaving the repository (README: refused)",
     raw_kust=K + 'resources:\n  - ../../prod\n  - link.yaml\n', files={'link.yaml': ('SYMLINK', '/etc/hostname')})
case('badin-test-op-fails', 'bad-input', 'bad-input', "JSON patch whose test op fails (st2api replicas is not 99): RFC 6902 aborts the patch; kustomize errors",
     patches=[jp({'kind': 'Deployment', 'name': 'st2api'}, [{'op': 'test', 'path': '/spec/replicas', 'value': 99}, {'op': 'replace', 'path': '/spec/replicas', 'value': 4}])])
case('badin-duplicate-key', 'bad-input', 'bad-input', "a resource file with a duplicated mapping key (data twice): YAML forbids it and kubectl refuses",
     resources={'dup.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-dup\n  namespace: st2-prod\ndata:\n  a: b\ndata:\n  c: d\n"})
case('badin-component-not-component', 'bad-input', 'bad-input', "components lists a directory whose kustomization is kind Kustomization, not Component (kustomize refuses)",
     raw_kust=K + 'resources:\n  - ../../prod\ncomponents:\n  - sub\n', files={'sub/kustomization.yaml': K + 'resources: []\n'})
case('badin-dir-without-kustomization', 'bad-input', 'bad-input', "resources lists a directory without a kustomization file",
     raw_kust=K + 'resources:\n  - ../../prod\n  - empty\n', files={'empty/README': 'nothing\n'})
case('badin-replacement-missing-source', 'bad-input', 'bad-input', "replacements source names a ConfigMap that does not exist (kustomize: nothing selected)",
     raw_kust=K + 'resources:\n  - ../../prod\nreplacements:\n  - source:\n      kind: ConfigMap\n      name: does-not-exist\n      fieldPath: data.x\n    targets:\n      - select:\n          kind: Deployment\n          name: st2api\n        fieldPaths:\n          - metadata.annotations.x\n')
case('badin-alias-bomb', 'bad-input', 'bad-input', "billion-laughs alias bomb in a resource file (README budgets: maxYamlNodes, exit 2)",
     resources={'bomb.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-bomb\n  namespace: st2-prod\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"})
case('badin-absolute-path', 'bad-input', 'bad-input', "resources lists an absolute path /etc/passwd (README: absolute paths leave the repository)",
     raw_kust=K + 'resources:\n  - ../../prod\n  - /etc/passwd\n')
P4 = 'R15planted-Bq8cN5rTu2Wx6Jh'
case('badin-bad-indent-secret-patch', 'bad-input', 'bad-input', "an inline patch whose YAML is broken (bad indentation) on the line holding a planted password; the error must not echo it",
     raw_kust=K + f'resources:\n  - ../../prod\npatches:\n  - patch: |-\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: st2-config\n      data:\n        st2.user.conf: "[database]\n       password = {P4}"\n          bad: [\n', planted=[P4])
case('badin-target-backreference', 'bad-input', 'bad-input', "patch target name regex with a backreference, which RE2 (kustomize's engine) refuses (README: refused as kustomize refuses them)",
     patches=[{'target': {'kind': 'Deployment', 'name': '(st2)\\1api'}, 'patch': json.dumps([{'op': 'replace', 'path': '/spec/replicas', 'value': 4}])}])
case('badin-replicas-not-int', 'bad-input', 'bad-input', "replicas count given as the string 'three' (kustomize: count must be an integer)",
     extra="replicas:\n  - name: st2api\n    count: three\n")
