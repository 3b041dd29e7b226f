from lib16 import *
NR = "k8s docs (SecurityContext runAsNonRoot): the kubelet refuses to start a container that would run as UID 0 when runAsNonRoot is true (CreateContainerConfigError)"
case('uid-root-under-nonroot-st2api', 'deny', 'uid', f"st2api container securityContext runAsUser 0 while the pod says runAsNonRoot: true: the kubelet refuses to start it, every new st2api pod fails ({NR})",
     patches=[jp('Deployment', 'st2api', [add(C0 + '/securityContext/runAsUser', 0)])])
case('uid-nonroot-runner-image-root', 'deny', 'uid', f"st2actionrunner pod runAsNonRoot: true with no runAsUser: the st2actionrunner image runs as root (it has no USER; the runner needs root for sudo-enabled actions), so the kubelet refuses to start the container and no action runs ({NR}: without runAsUser the kubelet checks the image's user)",
     patches=[jp('Deployment', 'st2actionrunner', [add(PS + '/securityContext/runAsNonRoot', True)])])
case('uid-st2web-1000-port443', 'deny', 'uid', "st2web pod runAsUser 1000 / runAsNonRoot: nginx in stackstorm/st2web binds 443 (its Service and probes use 443); as UID 1000 the image's start-up cannot write its generated /etc/nginx/conf.d config, nginx cannot create /var/cache/nginx/*_temp or its pid file (root-owned in the nginx base image), and on runtimes that keep ip_unprivileged_port_start at 1024 it cannot bind 443 either: nginx exits and st2web crash-loops (nginx docker image docs: running as a non-root user needs the temp paths and pid moved; Linux capabilities(7): ports below 1024 need CAP_NET_BIND_SERVICE)",
     patches=[jp('Deployment', 'st2web', [add(PS + '/securityContext/runAsUser', 1000), add(PS + '/securityContext/runAsNonRoot', True)])])
case('uid-st2api-1000-explicit-ok', 'allow', 'uid', 'st2api container runAsUser 1000: the same UID as the pod (k8s SecurityContext docs: container settings override pod settings)',
     patches=[jp('Deployment', 'st2api', [add(C0 + '/securityContext/runAsUser', 1000)])])
case('uid-st2web-supplemental-ok', 'allow', 'uid', 'st2web pod supplementalGroups [1000]: an extra group for mounted files, the process user unchanged (k8s SecurityContext docs)',
     patches=[jp('Deployment', 'st2web', [add(PS + '/securityContext/supplementalGroups', [1000])])])
case('uid-mongodb-999-explicit-ok', 'allow', 'uid', 'mongodb container runAsUser 999: the pod\'s UID, the mongodb user of the mongo image (k8s SecurityContext docs)',
     patches=[jp('StatefulSet', 'mongodb', [add(C0 + '/securityContext', {'runAsUser': 999})])])
