# ST2-OPS-018: what st2 needs all the time, made an Argo CD hook.
#
# Argo CD (gitops-engine pkg/sync/hook) treats an object carrying the
# argocd.argoproj.io/hook annotation, whatever its value, as a hook: it is
# not part of the application but created at a sync phase, deleted before
# the next run (BeforeHookCreation, the default) or once it succeeds, and
# "Skip" alone means never applied at all (a pruning sync then deletes the
# live object as extraneous). Without that annotation, helm.sh/hook is
# mapped the same way (pre-* to PreSync, post-* to PostSync), except the
# exact value crd-install. A Namespace made a hook is deleted with
# everything in it; a ConfigMap, Secret, Service, PodDisruptionBudget,
# ExternalSecret or store that st2 reads is missing between syncs. Hooks
# are for Jobs and Pods (and Argo Workflows); the ServiceAccount, RBAC,
# ConfigMaps and Secrets such a Job uses may be hooks too, as long as no
# workload that is not a hook uses them. Long-running workloads made hooks
# are ST2-OPS-003.
package st2.operations

import data.st2.lib

# [key, value] of the hook annotation Argo CD honours on an object, if any.
hook_of(a) := ["argocd.argoproj.io/hook", v] if {
	v := a["argocd.argoproj.io/hook"]
} else := ["helm.sh/hook", v] if {
	v := a["helm.sh/hook"]
	v != "crd-install"
}

# Indexes of every object Argo CD takes as a hook (or skips): one pass over
# the render; in a render without hooks but st2's own Jobs, nothing below runs long.
hooked[i] := h if {
	some i, r in input.resources
	h := hook_of(r.metadata.annotations)
}

# Kinds that are hooks by nature: they run and finish.
hook_kinds := {"Job", "Pod", "Workflow"}

# Kinds a hook Job brings along (its account, rights and inputs): fine as
# hooks while nothing that runs all the time uses them.
hook_support_kinds := {"ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret"}

# [namespace, kind, name] of what the workloads that are not hooks use: the
# ConfigMaps and Secrets they mount or take env from, their service account
# and pull secrets. Built once, only when the render has hooks to judge.
used_by_workloads contains [w.namespace, kind, name] if {
	some i, w in lib.workloads
	not hooked[i]
	some u in w.units
	some v in object.get(u.pod_spec, "volumes", [])
	some [kind, name] in lib.volume_sources(v)
}

used_by_workloads contains [w.namespace, "ServiceAccount", object.get(u.pod_spec, "serviceAccountName", "default")] if {
	some i, w in lib.workloads
	not hooked[i]
	some u in w.units
}

used_by_workloads contains [w.namespace, "Secret", s.name] if {
	some i, w in lib.workloads
	not hooked[i]
	some u in w.units
	some s in object.get(u.pod_spec, "imagePullSecrets", [])
}

used_by_workloads contains [w.namespace, kind, name] if {
	some i, w in lib.workloads
	not hooked[i]
	some u in w.units
	some field in lib.container_fields
	some ctr in object.get(u.pod_spec, field, [])
	some [kind, name] in container_refs(ctr)
}

container_refs(ctr) := {["ConfigMap", e.configMapRef.name] | some e in object.get(ctr, "envFrom", [])} | {["Secret", e.secretRef.name] | some e in object.get(ctr, "envFrom", [])} | {["ConfigMap", e.valueFrom.configMapKeyRef.name] | some e in object.get(ctr, "env", [])} | {["Secret", e.valueFrom.secretKeyRef.name] | some e in object.get(ctr, "env", [])}

# A hook st2 does without: a Job or Pod, an Argo Workflow, or what only hooks use.
harmless_hook(r) if hook_kinds[r.kind]

harmless_hook(r) if {
	hook_support_kinds[r.kind]
	not used_by_workloads[[lib.namespace(r), r.kind, lib.name(r)]]
}

findings contains f if {
	some i, h in hooked
	r := input.resources[i]
	not long_running_kinds[r.kind]
	not harmless_hook(r)
	f := lib.finding("ST2-OPS-018", lib.severity_strict, i, ["metadata", "annotations", h[0]], {"kind": r.kind, "hook": h[1]})
}
