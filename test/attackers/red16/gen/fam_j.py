from lib16 import *
SG = 'k8s docs (Pod Scheduling Readiness): a pod with schedulingGates stays SchedulingGated and is not considered by the scheduler until every gate is removed, which only a controller or a user does'
case('never-schedgate-st2api', 'deny', 'never', f"st2api pod template carries schedulingGates example.com/quota-check that nothing in the render or cluster removes: every new st2api pod stays SchedulingGated, the rollout stalls after maxUnavailable and a fresh cluster has no API ({SG})",
     patches=[jp('Deployment', 'st2api', [add(PS + '/schedulingGates', [{'name': 'example.com/quota-check'}])])])
case('never-schedgate-mongodb', 'deny', 'never', f"mongodb pod template with a scheduling gate nothing removes: the rolling update deletes mongodb-2 and its replacement is never scheduled; OrderedReady stops the set, a second failure loses the primary ({SG})",
     patches=[jp('StatefulSet', 'mongodb', [add(PS + '/schedulingGates', [{'name': 'example.com/capacity'}])])])
case('never-schedgate-runner-staging', 'deny', 'never', f"staging st2actionrunner pods gated for ever: no runner pods after the rollout, no action runs ({SG})", env='staging',
     patches=[jp('Deployment', 'st2actionrunner', [add(PS + '/schedulingGates', [{'name': 'example.com/budget'}])])])
case('never-schedgate-empty-ok', 'allow', 'never', 'st2api schedulingGates: [] (an empty list): no gate, scheduled at once (k8s Pod Scheduling Readiness docs)',
     patches=[jp('Deployment', 'st2api', [add(PS + '/schedulingGates', [])])])
OR = "k8s StatefulSet docs (Start ordinal): spec.ordinals.start renumbers the pods; the controller deletes the pods outside the new range and creates the new ordinals with fresh PVCs"
case('stsname-mongodb-ordinals', 'deny', 'stsname', f"mongodb StatefulSet ordinals.start 1: mongodb-0 is deleted and mongodb-3 created on an empty volume; replica set rs0 lists mongodb-0/1/2, so mongodb-3 is no member and the set runs on two of three (no failover left) while st2's connection string still names mongodb-0; on a fresh cluster there is no mongodb-0, whose sidecar alone initiates rs0 (mongodb-scripts replset-init.sh), so the replica set never forms ({OR})",
     patches=[jp('StatefulSet', 'mongodb', [add('/spec/ordinals', {'start': 1})])])
case('stsname-etcd-ordinals', 'deny', 'stsname', f"etcd StatefulSet ordinals.start 1: etcd-0 is deleted and etcd-3, not in --initial-cluster, crash-loops; etcd runs on two of three members with no failure tolerance ({OR}; etcd docs: a member not in the initial cluster cannot start with --initial-cluster-state=new)",
     patches=[jp('StatefulSet', 'etcd', [add('/spec/ordinals', {'start': 1})])])
case('stsname-ordinals-zero-ok', 'allow', 'stsname', 'mongodb StatefulSet ordinals.start 0: the default written out, same pod names (k8s StatefulSet docs)',
     patches=[jp('StatefulSet', 'mongodb', [add('/spec/ordinals', {'start': 0})])])
case('stsname-mongodb-ondelete-ok', 'allow', 'stsname', 'mongodb updateStrategy OnDelete: template changes wait until an operator deletes each pod; nothing restarts by itself (k8s StatefulSet update strategies)',
     patches=[jp('StatefulSet', 'mongodb', [add('/spec/updateStrategy', {'type': 'OnDelete'})])])
