# ST2-OPS-040..042, ST2-SEC-015: objects of the render that act on the whole
# cluster, every other tenant included (the ninth red team,
# test/policy/redteam/fresh9-cluster.ts). A cluster is shared by dev, staging
# and production and by other teams: a dev render that takes the default
# IngressClass, replaces an API or preempts every pod harms them as much as a
# production one. These rules deny in every environment. What the cluster's
# owners accept is the policy bundle's to say (data.settings.cluster:
# allowed_objects, max_priority_value, cloud_identities), never the
# repository's. Only the kinds named here are read (indexed by kind), and the
# pod specs once through lib.workloads.
package st2.operations

import data.st2.lib

rules["ST2-OPS-040"] := {
	"title": "Priority that preempts other tenants' pods",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"A PriorityClass with globalDefault: true gives every new pod of every tenant its value;",
		"one above settings.cluster.max_priority_value (default 1000000) outranks other teams' and",
		"the cluster add-ons' pods, and the scheduler preempts them for it. system-node-critical",
		"and system-cluster-critical are for the pods a node or the cluster cannot run without",
		"(kube-proxy, CNI, DNS): st2's pods (the action runners run any user's code) at those",
		"classes evict everything else. Give st2 a PriorityClass of its own, globalDefault false,",
		"with a value at or below the limit (the stores may rank above the st2 services).",
	]),
}

rules["ST2-OPS-041"] := {
	"title": "Cluster default class taken over",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"An IngressClass, StorageClass or VolumeSnapshotClass annotated is-default-class \"true\"",
		"becomes the class of every other tenant's Ingress, PersistentVolumeClaim or snapshot that",
		"names none (and two defaults make the choice ambiguous). Name st2's class explicitly",
		"(ingressClassName, storageClassName) instead, or list the object in",
		"settings.cluster.allowed_objects when the platform team owns it.",
	]),
}

rules["ST2-OPS-042"] := {
	"title": "Cluster API or policy guardrail changed by the render",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"An APIService, CustomResourceDefinition, FlowSchema, PriorityLevelConfiguration or",
		"ClusterTrustBundle changes the API every tenant uses: Argo CD overwrites an operator's",
		"CRD, an APIService sends metrics.k8s.io to st2, a FlowSchema throttles everyone. A Kyverno",
		"PolicyException, a Gatekeeper Config exemption or a namespace label that opts out of",
		"Gatekeeper or the Sigstore policy controller switches the cluster's guardrails",
		"(privileged pods, registries, hostPath) off for st2. Ship them from the platform's own",
		"reviewed repository, or list the object (Kind/name, Kind/namespace/name) in",
		"settings.cluster.allowed_objects.",
	]),
}

rules["ST2-SEC-015"] := {
	"title": "Cloud identity the bundle does not list",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"An IRSA role (eks.amazonaws.com/role-arn), GKE Workload Identity account",
		"(iam.gke.io/gcp-service-account), Azure workload identity (azure.workload.identity/client-id),",
		"kube2iam/kiam role (iam.amazonaws.com/role) or EKS Pod Identity association gives st2's",
		"pods a cloud identity: st2 actions run any user's code as the pods' service accounts,",
		"and st2web faces the internet, so its rights are every st2 user's. Only identities listed",
		"in settings.cluster.cloud_identities (reviewed by the platform team) may be used.",
	]),
}

# --- Settings ----------------------------------------------------------------------------------------

# Objects the platform accepts in a render ("Kind/name" or "Kind/namespace/name").
allowed_cluster_objects := {s | some s in cluster_setting("allowed_objects", []); is_string(s)}

object_allowed(r) if allowed_cluster_objects[concat("/", [r.kind, lib.name(r)])]

object_allowed(r) if allowed_cluster_objects[concat("/", [r.kind, lib.namespace(r), lib.name(r)])]

max_priority_value := v if {
	v := cluster_setting("max_priority_value", 1000000)
	is_number(v)
} else := 1000000

allowed_cloud_identities := {s | some s in cluster_setting("cloud_identities", []); is_string(s)}

# --- ST2-OPS-040: preemption -------------------------------------------------------------------------

findings contains f if {
	some i, r in lib.resources_of_kind("PriorityClass")
	r.globalDefault == true
	f := lib.finding("ST2-OPS-040", lib.severity_always, i, ["globalDefault"], {"priority_class": lib.name(r), "problem": "the default priority of every new pod in the cluster"})
}

findings contains f if {
	some i, r in lib.resources_of_kind("PriorityClass")
	is_number(r.value)
	r.value > max_priority_value
	f := lib.finding("ST2-OPS-040", lib.severity_always, i, ["value"], {"priority_class": lib.name(r), "value": r.value, "limit": max_priority_value, "problem": "outranks other tenants and the cluster's add-ons"})
}

system_priority_classes := {"system-node-critical", "system-cluster-critical"}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	pc := u.pod_spec.priorityClassName
	system_priority_classes[pc]
	f := lib.finding("ST2-OPS-040", lib.severity_always, i, array.concat(u.spec_path, ["priorityClassName"]), {"priority_class": pc, "problem": "a class for the pods a node or the cluster cannot run without: preempts every other tenant"})
}

# --- ST2-OPS-041: default classes --------------------------------------------------------------------

default_class_annotations := {
	"IngressClass": ["ingressclass.kubernetes.io/is-default-class"],
	"StorageClass": ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"],
	"VolumeSnapshotClass": ["snapshot.storage.kubernetes.io/is-default-class"],
}

findings contains f if {
	some kind, keys in default_class_annotations
	some i, r in lib.resources_of_kind(kind)
	some key in keys
	object.get(r, ["metadata", "annotations", key], "") == "true"
	not object_allowed(r)
	f := lib.finding("ST2-OPS-041", lib.severity_always, i, ["metadata", "annotations", key], {"kind": kind, "class": lib.name(r)})
}

# --- ST2-OPS-042: the cluster's API and guardrails ---------------------------------------------------

cluster_api_kinds := {
	"APIService": "serves an API group for every client of the cluster",
	"CustomResourceDefinition": "replaces the definition every tenant's objects of that kind use",
	"FlowSchema": "decides how the API server throttles requests",
	"PriorityLevelConfiguration": "decides how the API server throttles requests",
	"ClusterTrustBundle": "adds a trust anchor every workload may read",
}

findings contains f if {
	some kind, why in cluster_api_kinds
	some i, r in lib.resources_of_kind(kind)
	not object_allowed(r)
	f := lib.finding("ST2-OPS-042", lib.severity_always, i, ["metadata", "name"], {"kind": kind, "object": lib.name(r), "problem": why})
}

# Kyverno's PolicyException (kyverno.io v2beta1/v2, policies.kyverno.io).
findings contains f if {
	some i, r in lib.resources_of_kind("PolicyException")
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
	not object_allowed(r)
	f := lib.finding("ST2-OPS-042", lib.severity_always, i, ["spec"], {"kind": "PolicyException", "object": lib.name(r), "problem": "exempts pods from the cluster's Kyverno policies"})
}

# Gatekeeper's Config: spec.match entries exclude namespaces from its processes.
findings contains f if {
	some i, r in lib.resources_of_kind("Config")
	startswith(object.get(r, "apiVersion", ""), "config.gatekeeper.sh/")
	some k, m in object.get(r, ["spec", "match"], [])
	count(object.get(m, "excludedNamespaces", [])) > 0
	not object_allowed(r)
	f := lib.finding("ST2-OPS-042", lib.severity_always, i, ["spec", "match", k, "excludedNamespaces"], {"kind": "Config", "object": lib.name(r), "problem": "exempts namespaces from Gatekeeper's constraints"})
}

# Namespace labels that opt out of a policy engine.
exempting_namespace_labels := {
	"admission.gatekeeper.sh/ignore": "",
	"policy.sigstore.dev/include": "false",
}

findings contains f if {
	some i, r in lib.resources_of_kind("Namespace")
	some key, value in lib.labels(r)
	want := exempting_namespace_labels[key]
	label_exempts(want, value)
	not object_allowed(r)
	f := lib.finding("ST2-OPS-042", lib.severity_always, i, ["metadata", "labels", key], {"kind": "Namespace", "object": lib.name(r), "problem": "opts the namespace out of the cluster's policy engine"})
}

# "" stands for any value: the label's presence is what counts.
label_exempts("", _)

label_exempts(want, value) if {
	want != ""
	value == want
}

# --- ST2-SEC-015: cloud identities -------------------------------------------------------------------

cloud_identity_annotations := {
	"eks.amazonaws.com/role-arn",
	"iam.gke.io/gcp-service-account",
	"azure.workload.identity/client-id",
}

findings contains f if {
	some i, r in lib.resources_of_kind("ServiceAccount")
	some key in cloud_identity_annotations
	id := object.get(r, ["metadata", "annotations", key], null)
	is_string(id)
	not allowed_cloud_identities[id]
	f := lib.finding("ST2-SEC-015", lib.severity_always, i, ["metadata", "annotations", key], {"service_account": lib.name(r), "identity": id})
}

# kube2iam and kiam read the role from the pod's own annotation.
findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	id := u.annotations["iam.amazonaws.com/role"]
	is_string(id)
	not allowed_cloud_identities[id]
	f := lib.finding("ST2-SEC-015", lib.severity_always, i, array.concat(array.slice(u.spec_path, 0, count(u.spec_path) - 1), ["metadata", "annotations", "iam.amazonaws.com/role"]), {"service_account": w.name, "identity": id})
}

# EKS Pod Identity, through the ACK controller's PodIdentityAssociation.
findings contains f if {
	some i, r in lib.resources_of_kind("PodIdentityAssociation")
	id := object.get(r, ["spec", "roleARN"], object.get(r, ["spec", "roleArn"], null))
	is_string(id)
	not allowed_cloud_identities[id]
	f := lib.finding("ST2-SEC-015", lib.severity_always, i, ["spec"], {"service_account": object.get(r, ["spec", "serviceAccount"], ""), "identity": id})
}
