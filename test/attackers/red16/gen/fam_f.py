from lib16 import *
# ---------- dns: resolver settings ----------
case('dns-policy-default-st2api', 'deny', 'dns', "st2api dnsPolicy Default: the pod uses the node's resolv.conf, so mongodb-0.mongodb, rabbitmq and etcd (cluster names) do not resolve: st2api cannot start (k8s DNS docs: Default inherits the node's resolution; ClusterFirst is needed for cluster names)",
     patches=[jp('Deployment', 'st2api', [add(PS + '/dnsPolicy', 'Default')])])
case('dns-ndots1-ok', 'allow', 'dns', 'st2api dnsConfig ndots 1: names with a dot (mongodb-0.mongodb) are tried as absolute first and then through the search list, bare names (rabbitmq) through the search list: everything still resolves, with fewer lookups for outside names (resolv.conf(5) ndots; k8s DNS docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/dnsConfig', {'options': [{'name': 'ndots', 'value': '1'}]})])])
case('dns-extra-search-ok', 'allow', 'dns', 'st2api dnsConfig adds search domain corp.internal: appended to the ClusterFirst search list, cluster names still resolve first (k8s DNS docs, dnsConfig merges with the policy)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/dnsConfig', {'searches': ['corp.internal']})])])
case('dns-servicelinks-off-ok', 'allow', 'dns', 'enableServiceLinks: false on st2api: no *_SERVICE_HOST env vars; st2 uses DNS names from its config (k8s docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/enableServiceLinks', False)])])
case('dns-automount-off-ok', 'allow', 'dns', 'automountServiceAccountToken: false on st2api: st2api never calls the Kubernetes API (k8s ServiceAccount docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/automountServiceAccountToken', False)])])

# ---------- subpath: mounts that resolve to a different file ----------
vm = obj('Deployment', 'st2api')['spec']['template']['spec']['containers'][0]['volumeMounts']
si = [i for i, m in enumerate(vm) if m['mountPath'] == '/etc/st2/st2.secrets.conf'][0]
case('subpath-expr-undefined', 'deny', 'subpath', "st2api mounts st2.secrets.conf with subPathExpr $(ST2_SECRETS_KEY), a variable the container never defines: the kubelet leaves the reference as written, the Secret has no such key, so the mount is not the secrets file and st2api runs without MongoDB/RabbitMQ credentials (or fails to start) (k8s docs, subPathExpr expands only variables defined in the container's env; undefined references are left unchanged)",
     patches=[jp('Deployment', 'st2api', [rm(C0 + f'/volumeMounts/{si}/subPath'), add(C0 + f'/volumeMounts/{si}/subPathExpr', '$(ST2_SECRETS_KEY)')])])
case('subpath-expr-defined-ok', 'allow', 'subpath', "st2api mounts st2.secrets.conf with subPathExpr $(ST2_SECRETS_KEY) and env ST2_SECRETS_KEY=st2.secrets.conf: resolves to the same key (k8s docs, subPathExpr)",
     patches=[jp('Deployment', 'st2api', [rm(C0 + f'/volumeMounts/{si}/subPath'), add(C0 + f'/volumeMounts/{si}/subPathExpr', '$(ST2_SECRETS_KEY)'),
                                          add(C0 + '/env', [{'name': 'ST2_SECRETS_KEY', 'value': 'st2.secrets.conf'}])])])

# ---------- stsname: StatefulSet governing Service ----------
case('stsname-mongodb-servicename', 'deny', 'stsname', "mongodb StatefulSet serviceName mongodb-hl (no such Service): the pods' DNS names become mongodb-N.mongodb-hl and mongodb-N.mongodb no longer exists, so replica set rs0 (members mongodb-N.mongodb:27017) and st2's connection string reach no member (k8s StatefulSet docs: stable network ID is <pod>.<serviceName>, served by the governing headless Service)",
     patches=[jp('StatefulSet', 'mongodb', [rep('/spec/serviceName', 'mongodb-hl')])])
case('stsname-etcd-servicename', 'deny', 'stsname', "etcd StatefulSet serviceName etcd-peers (no such Service): --initial-cluster names etcd-N.etcd-headless which stop resolving (the pods' subdomain changes): members cannot reach each other, no quorum. serviceName is immutable, so an existing set refuses the update (sync fails) and a fresh or rebuilt cluster (new environment, disaster recovery) never forms etcd (k8s StatefulSet docs; k8s DNS docs: pod A records <hostname>.<subdomain> exist only for a headless Service named like the subdomain)",
     patches=[jp('StatefulSet', 'etcd', [rep('/spec/serviceName', 'etcd-peers')])])
case('stsname-configmap-immutable-ok', 'allow', 'stsname', 'st2-urls ConfigMap immutable: true: same content, the kubelet stops watching it (k8s ConfigMap docs)',
     patches=[jp('ConfigMap', 'st2-urls', [add('/immutable', True)])])
