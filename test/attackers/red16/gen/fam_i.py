from lib16 import *
from fam_c import userconf
def rmqmount(files, mount, sub=None, env=None, envname='prod'):
    cmobj = {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'r16-rabbitmq-extra', 'namespace': NS[envname]}, 'data': files}
    m = {'name': 'r16-extra', 'mountPath': mount, 'readOnly': True}
    if sub: m['subPath'] = sub
    ops = [add(C0 + '/volumeMounts/-', m), add(PS + '/volumes/-', {'name': 'r16-extra', 'configMap': {'name': 'r16-rabbitmq-extra'}})]
    ops += [add(C0 + '/env/-', {'name': k, 'value': v}) for k, v in (env or [])]
    return {'resources': {'cm.yaml': cmobj}, 'patches': [jp('StatefulSet', 'rabbitmq', ops)]}
RA = 'RabbitMQ docs (Configuration): besides rabbitmq.conf the node reads every *.conf in /etc/rabbitmq/conf.d (RABBITMQ_CONFIG_FILES) and the Erlang-term file /etc/rabbitmq/advanced.config, which overrides rabbitmq.conf'
MA = 'RabbitMQ Memory Alarms docs: a watermark of 0 makes the memory alarm go off immediately and disables all publishing'
case('rmq-confd-watermark', 'deny', 'rmq', f"a ConfigMap mounted at /etc/rabbitmq/conf.d with 10-tuning.conf vm_memory_high_watermark.relative = 0: RabbitMQ loads it beside rabbitmq.conf, the memory alarm is permanent, st2 cannot publish ({RA}; {MA})",
     **rmqmount({'10-tuning.conf': 'vm_memory_high_watermark.relative = 0\n'}, '/etc/rabbitmq/conf.d'))
case('rmq-advanced-watermark', 'deny', 'rmq', f"/etc/rabbitmq/advanced.config from a ConfigMap: [{{rabbit, [{{vm_memory_high_watermark, 0.0}}]}}]. — RabbitMQ applies it over rabbitmq.conf, publishers blocked for good ({RA}; {MA})",
     **rmqmount({'advanced.config': '[{rabbit, [{vm_memory_high_watermark, 0.0}]}].\n'}, '/etc/rabbitmq/advanced.config', sub='advanced.config'))
case('rmq-advanced-partition-ignore', 'deny', 'rmq', f"advanced.config sets cluster_partition_handling to ignore: after a network partition both halves keep accepting writes and diverge; st2 messages on the losing side are discarded at heal (RabbitMQ Partitions docs: ignore mode is for very reliable networks only; {RA})",
     **rmqmount({'advanced.config': '[{rabbit, [{cluster_partition_handling, ignore}]}].\n'}, '/etc/rabbitmq/advanced.config', sub='advanced.config'))
case('rmq-confd-benign-ok', 'allow', 'rmq', f"conf.d file setting heartbeat = 30: a shorter heartbeat only ({RA})",
     **rmqmount({'10-tuning.conf': 'heartbeat = 30\n'}, '/etc/rabbitmq/conf.d'))
case('rmq-advanced-benign-ok', 'allow', 'rmq', f"advanced.config setting rabbit.channel_max to 1024: more than st2 opens per connection ({RA})",
     **rmqmount({'advanced.config': '[{rabbit, [{channel_max, 1024}]}].\n'}, '/etc/rabbitmq/advanced.config', sub='advanced.config'))
env = obj('StatefulSet', 'rabbitmq')['spec']['template']['spec']['containers'][0]['env']
li = [i for i, e in enumerate(env) if e['name'] == 'RABBITMQ_USE_LONGNAME'][0]
case('rmq-shortname', 'deny', 'rmq', "RABBITMQ_USE_LONGNAME=false while RABBITMQ_NODENAME is rabbit@<pod>.rabbitmq-discovery (a dotted host): Erlang refuses to start a short-name node whose host part contains dots, so every rabbitmq pod crash-loops (RabbitMQ Clustering docs: nodes using long names need RABBITMQ_USE_LONGNAME=true; erl -sname requires a host without dots)",
     patches=[jp('StatefulSet', 'rabbitmq', [rep(C0 + f'/env/{li}/value', 'false')])])

# ---------- never: more kubelet start-up failures ----------
case('never-workingdir-file-st2api', 'deny', 'never', "st2api workingDir /etc/st2/st2.docker.conf (a file, mounted by subPath): the runtime cannot chdir into a file and the container fails CreateContainerError on every start (OCI runtime spec: process.cwd must be a directory; runc: 'chdir to cwd ... not a directory')",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/workingDir', '/etc/st2/st2.docker.conf')])])
case('never-workingdir-tmp-ok', 'allow', 'never', 'st2api workingDir /tmp: an existing directory (OCI runtime spec process.cwd)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/workingDir', '/tmp')])])
case('never-priorityclass-missing', 'deny', 'never', "st2api priorityClassName st2-critical, which neither the render nor a default cluster defines: the Priority admission plugin rejects every st2api pod (no PriorityClass with that name), so the ReplicaSet creates none (k8s Pod Priority docs: a pod naming a non-existent PriorityClass is rejected)",
     patches=[jp('Deployment', 'st2api', [add(PS + '/priorityClassName', 'st2-critical')])])
case('never-cmkeyref-missing', 'deny', 'never', "st2api env from configMapKeyRef st2-urls/ST2_WEBUI_URL, a key the ConfigMap does not have (not optional): the kubelet fails the container CreateContainerConfigError (k8s ConfigMap docs: a missing referenced key prevents the pod from starting unless optional)",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/env', [{'name': 'ST2_WEBUI_URL', 'valueFrom': {'configMapKeyRef': {'name': 'st2-urls', 'key': 'ST2_WEBUI_URL'}}}])])])
case('never-cmkeyref-optional-ok', 'allow', 'never', "st2api env from configMapKeyRef st2-urls/ST2_WEBUI_URL marked optional: true: a missing key leaves the variable unset (k8s ConfigMap docs)",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/env', [{'name': 'ST2_WEBUI_URL', 'valueFrom': {'configMapKeyRef': {'name': 'st2-urls', 'key': 'ST2_WEBUI_URL', 'optional': True}}}])])])

# ---------- st2opt: workflow engine GC ----------
case('st2opt-wf-gc-1s', 'deny', 'st2opt', "[workflow_engine] gc_max_idle_sec = 1: the workflow engine's garbage collector treats every workflow with no state change for a second as orphaned and cancels it: any workflow whose task runs longer than a second is cancelled (st2 3.3 changelog/config: gc_max_idle_sec, max seconds a workflow execution may be idle before it is identified as orphaned and cancelled by the garbage collector; 0 disables)",
     patches=[userconf('\n[workflow_engine]\ngc_max_idle_sec = 1\n')])
case('st2opt-wf-gc-off-ok', 'allow', 'st2opt', "[workflow_engine] gc_max_idle_sec = 0: the garbage collector of orphaned workflows disabled (the default) (st2 config)",
     patches=[userconf('\n[workflow_engine]\ngc_max_idle_sec = 0\n')])

# ---------- argosync: Namespace as a hook ----------
case('argosync-ns-presync-hook', 'deny', 'argosync', "Namespace st2-prod made an Argo CD PreSync hook with hook-delete-policy BeforeHookCreation: before every sync Argo CD deletes the existing hook object (the Namespace, with every PVC in it) and creates it anew (Argo CD resource hooks docs: BeforeHookCreation deletes the existing hook resource before the new one is created)",
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation'})])])
case('argosync-ns-helm-hook', 'deny', 'argosync', "Namespace st2-prod annotated helm.sh/hook: pre-install,pre-upgrade with helm.sh/hook-delete-policy: before-hook-creation: Argo CD maps Helm hooks to PreSync and deletes the Namespace before recreating it on each sync (Argo CD helm docs: Helm hooks are mapped to Argo CD hooks, before-hook-creation to BeforeHookCreation)",
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation'})])])
case('argosync-ns-syncwave-ok', 'allow', 'argosync', 'Namespace st2-prod sync-wave "-1": created before everything else, never deleted (Argo CD sync waves docs)',
     patches=[jp('Namespace', 'st2-prod', [add('/metadata/annotations', {'argocd.argoproj.io/sync-wave': '-1'})])])
