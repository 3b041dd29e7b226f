# ST2-HRD-023: a pod that reaches into its node, in every environment (the
# tenth red team). Dev is lenient about its own data, not about the cluster
# it shares: a privileged container with the host's PID, network or IPC
# namespace (nsenter -t 1 is a root shell on the node), or a hostPath of the
# node's root, its system directories or the container runtime's socket,
# gives whoever runs an st2 action (st2admin's password is published in dev)
# the kubelet's credentials and every other tenant's pods. Other hostPaths
# (a scratch directory on a kind node) stay ST2-HRD-006, a warning in dev.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-023"] := {
	# The node is taken while any waiver runs, whatever the environment.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"waivable_in_dev": false,
	"title": "Pod that breaks out of the namespace into its node",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"A privileged container in a pod sharing the host's PID, network or IPC namespace, or a",
		"hostPath volume of the node's / or a system directory (/etc, /var/lib/kubelet, /var/run",
		"and /run with the container runtime's socket, /proc, /sys, /dev, /var/log...), hands the",
		"node and every tenant on it to whoever runs code in the pod. Drop privileged and the",
		"host namespaces; use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead.",
	]),
}

host_namespace_fields := ["hostPID", "hostNetwork", "hostIPC"]

container_fields := ["containers", "initContainers", "ephemeralContainers"]

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some field in host_namespace_fields
	u.pod_spec[field] == true
	some cf in container_fields
	some ctr in object.get(u.pod_spec, cf, [])
	ctr.securityContext.privileged == true
	f := lib.finding("ST2-HRD-023", lib.severity_always, i, array.concat(u.spec_path, [field]), {"problem": concat(" ", ["privileged container with", field]), "container": object.get(ctr, "name", "")})
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	path := v.hostPath.path
	is_string(path)
	node_system_path(path)
	f := lib.finding("ST2-HRD-023", lib.severity_always, i, array.concat(u.spec_path, ["volumes", k, "hostPath", "path"]), {"problem": concat("", ["hostPath ", path]), "container": ""})
}

# Directories of the node whose contents are the node or other tenants: its
# configuration and credentials, the kubelet's and the runtimes' state (every
# pod's volumes and Secrets), their sockets, the kernel's views, devices and
# every container's logs.
node_system_dirs := {
	"/etc", "/root", "/home", "/boot", "/usr", "/bin", "/sbin", "/lib", "/lib64", "/opt/cni",
	"/proc", "/sys", "/dev", "/run", "/var/run", "/var/log",
	"/var/lib/kubelet", "/var/lib/docker", "/var/lib/containerd", "/var/lib/containers",
	"/var/lib/cri-o", "/var/lib/etcd", "/var/lib/rancher", "/var/lib/k0s", "/var/lib/cni",
}

# The path itself, a directory under a system directory, or one above it
# (/var holds /var/lib/kubelet). A path with a '..' step is not read.
node_system_path(path) if contains(path, "..")

node_system_path(path) if clean_path(path) == "/"

node_system_path(path) if {
	p := clean_path(path)
	some d in node_system_dirs
	path_related(p, d)
}

path_related(p, d) if p == d

path_related(p, d) if startswith(p, concat("", [d, "/"]))

path_related(p, d) if startswith(d, concat("", [p, "/"]))

# Doubled slashes and '.' steps folded, the trailing slash dropped.
clean_path(path) := c if {
	folds := {"/./": "/", "//": "/"}
	once := strings.replace_n(folds, concat("", [trim_space(path), "/"]))
	twice := strings.replace_n(folds, strings.replace_n(folds, once))
	c := clean_root(trim_right(twice, "/"))
}

clean_root("") := "/"

clean_root(p) := p if p != ""
