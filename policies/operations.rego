# What the cluster does with the manifests after the gate has judged them:
# objects that deploy or rewrite other manifests the gate never sees, Argo CD
# hook semantics that delete long-running workloads, rollouts, disruption
# budgets and node pins that take every replica at once, RBAC grants that hand
# the st2 namespace's Secrets to everyone, st2web sending logins out of the
# cluster, tunnels publishing a store, store versions st2 3.8 cannot use,
# probes st2's APIs cannot answer, and a missing or switched-off timers engine.
# Found by the fifth red team (test/policy/redteam/fresh5.ts). This file holds
# the rules' metadata and shared helpers; the checks are in operations_delivery,
# operations_access and operations_availability.rego.
package st2.operations

import data.st2.lib

rules["ST2-OPS-001"] := {
	"title": "Nested delivery of manifests the gate never sees",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An Argo CD Application or ApplicationSet, a Flux Kustomization or HelmRelease, a Fleet",
		"GitRepo or Bundle, a k3s HelmChart, a Carvel App, a Crossplane Helm Release or a Kyverno",
		"generate rule that clones makes the cluster apply manifests this gate never renders or",
		"judges (overlays/dev with its default secrets, say). Deploy through the gated overlay",
		"and ship other delivery objects from their own reviewed repository. Inline manifests (a",
		"Crossplane Object's forProvider.manifest, a Kyverno generate rule's data) are judged as",
		"if they were in the render instead.",
	]),
}

rules["ST2-OPS-002"] := {
	"title": "Admission mutation the gate cannot see",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A MutatingWebhookConfiguration, MutatingAdmissionPolicy, Kyverno mutate rule or",
		"Gatekeeper mutation rewrites objects after the gate judged them (a second timers engine,",
		"a default password, an open Service). Ship cluster-wide admission control from its own",
		"reviewed repository, not in the st2 overlay.",
	]),
}

rules["ST2-OPS-003"] := {
	"title": "Long-running workload made a hook, or it, its Namespace or a claim it mounts force-replaced",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Argo CD never applies a resource with hook Skip, deletes a PreSync/Sync hook before",
		"each run (hook-delete-policy BeforeHookCreation) and a PostSync one once it succeeds,",
		"and sync-options Force=true,Replace=true deletes and recreates the object at every sync:",
		"a Deployment or StatefulSet is missing or killed, a Namespace deleted with everything",
		"in it, a claim with its data. Hooks and forced replaces are for Jobs and Pods; remove",
		"the hook annotations from the workload and Force=true from it, its Namespace and the",
		"claims its pods mount.",
	]),
}

rules["ST2-OPS-004"] := {
	"title": "st2web Ingress or Gateway listener without TLS",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's Ingress carries every login password and st2 token; without a tls entry for",
		"its host the controller serves it over plain HTTP. Add spec.tls with the host and a",
		"certificate Secret (cert-manager), as components/ingress does. For Gateway API, attach",
		"the st2web route only to an HTTPS listener (parentRefs sectionName), and give the HTTP",
		"listener a route that only redirects to https.",
	]),
}

rules["ST2-OPS-005"] := {
	"title": "Change that takes every replica of an HA service or store at once",
	"default_severity": "deny",
	"profiles": "deny in staging and production (a pod quota: warn in staging), not checked in dev",
	"remediation": concat(" ", [
		"maxUnavailable equal to the replicas (or 100%), or strategy Recreate, stops every pod of",
		"the service on each rollout; a PodDisruptionBudget allowing every replica to go lets a",
		"node drain evict them all, and on a quorum store (MongoDB, etcd, ZooKeeper, RabbitMQ)",
		"one allowing more than (n-1)/2 of n members to go lets a drain take the quorum;",
		"nodeName or a kubernetes.io/hostname selector puts every replica on one node.",
		"Keep maxUnavailable below the replicas (RollingUpdate for HA services; Recreate only for",
		"the singletons), PDBs at minAvailable >= 1 (a majority for quorum stores), and spread",
		"replicas over nodes. Give st2 every member of a replicated store (replicaSet=,",
		"cluster_urls, Redis Sentinel, a Service over all members, not one pod's name or a",
		"statefulset.kubernetes.io/pod-name selector), and a pod quota above what the namespace runs.",
	]),
}

rules["ST2-OPS-006"] := {
	"title": "RBAC grant handing an st2 namespace to everyone",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev; a cluster-wide grant or aggregation, or a built-in role redefined: deny in every profile",
	"remediation": concat(" ", [
		"Reading or writing Secrets, exec/attach/port-forward into pods, writing ConfigMaps or",
		"workloads (or what a controller turns into them: autoscalers, an operator's jobs, route",
		"kinds, ReferenceGrants), binding or escalating roles, impersonation or cluster-admin/admin/edit, given",
		"to every authenticated user, anonymous, every service account (system:serviceaccounts,",
		"or system:serviceaccounts:<namespace>: whatever runs there), to st2's own service",
		"accounts (any st2 user runs actions as them), or to every holder of view, edit or admin",
		"through an aggregate-to-* label, gives away the st2 SSH key, the datastore key and the",
		"database passwords. Bind narrow roles to named users, groups or service accounts. Never",
		"ship a ClusterRole or ClusterRoleBinding named cluster-admin, admin, edit, view or system:*:",
		"it replaces the cluster's own, and whatever it grants goes to everyone already bound to it.",
	]),
}

rules["ST2-OPS-007"] := {
	"title": "st2web forwarding logins or tokens outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's nginx proxies /auth, /api and /stream to ST2_AUTH_URL, ST2_API_URL and",
		"ST2_STREAM_URL: an address outside the cluster receives every password and token users",
		"type. Point them at the in-cluster Services (http://st2auth:9100/, and so on).",
	]),
}

rules["ST2-OPS-008"] := {
	"title": "Tunnel agent publishing MongoDB, RabbitMQ, etcd or Redis",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"cloudflared, ngrok, bore, inlets, zrok, frpc, localtunnel, pagekite, rathole, ssh -R,",
		"and chisel R:, gost rtcp:// or wstunnel -R to an outside server publish what they",
		"forward on the internet without any Service, Ingress or LoadBalancer: a store behind",
		"one is open to the world. Reach the stores through kubectl port-forward from an",
		"authorised workstation instead.",
	]),
}

rules["ST2-OPS-009"] := {
	"title": "MongoDB or RabbitMQ version StackStorm 3.8 cannot run on",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 3.8 supports MongoDB 4.0 to 4.4 (MongoDB 5+ images also lack the legacy mongo shell",
		"the probes and replica-set init use) and RabbitMQ 3.x (4.0 removed the classic queue",
		"mirroring the ha policy relies on, and cannot be reached from 3.12 in one step).",
		"Stay on mongo 4.4.x and rabbitmq 3.x.",
	]),
}

rules["ST2-OPS-010"] := {
	"title": "HTTP probe on st2api, st2auth or st2stream",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 has no unauthenticated health endpoint (StackStorm/st2#4020): an httpGet probe on",
		"these APIs gets 401 or 404, so the kubelet kills or never readies every replica.",
		"Use a tcpSocket probe on the service port.",
	]),
}

rules["ST2-OPS-011"] := {
	"title": "Volume mounted inside st2web's web root",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's nginx serves /opt/stackstorm/static to anyone who reaches the UI, before any",
		"login: a Secret or ConfigMap mounted there (the SSH key, the datastore key) is",
		"downloadable. Mount it elsewhere.",
	]),
}

rules["ST2-OPS-012"] := {
	"title": "Forwarder or secret store reaching into a stricter environment",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"A forwarder (socat, kubectl port-forward, a tunnel, a mounted nginx or HAProxy config)",
		"or an ExternalName Service in a leniently judged render that leads to a Service in",
		"st2-prod (or another namespace the policy maps to a stricter environment) publishes that",
		"environment's stores under the lenient rules; an ExternalSecret or PushSecret using the",
		"secret store the policy maps to that environment copies its passwords into (or over)",
		"the lenient one. Keep each environment's traffic and secrets inside its own namespace and store.",
	]),
}

rules["ST2-OPS-013"] := {
	"title": "st2's message bus, database or locks, or RabbitMQ's logins, sent outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[messaging] url and [database] host carry the stores' passwords and every action's",
		"parameters and results, and [coordination] url holds every lock st2 takes (whoever runs it",
		"decides which scheduler or workflow engine holds one); RabbitMQ's auth_http paths receive every client's password, and",
		"its LDAP servers (auth_ldap.servers) are bound to with it (use_ssl or use_starttls for TLS).",
		"Point them at the in-cluster Services. A managed store outside the cluster must be",
		"named in the policy bundle's settings (exposure.external_stores) and reached over TLS",
		"(amqps:// or [messaging] ssl = True; [database] ssl = True, tls=true or mongodb+srv://;",
		"rediss:// or ?ssl=true, or etcd's ?protocol=https, for [coordination] url).",
	]),
}

rules["ST2-OPS-014"] := {
	"title": "PushSecret copying st2's Secrets to a store the policy does not name",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A PushSecret writes a Secret into an outside secret store: one pushing st2's passwords,",
		"keys or tokens (or whatever a label selector picks) to a store nobody vetted copies them",
		"out of the cluster. Push only into stores named in the policy bundle's settings",
		"(exposure.push_secret_stores), or push generated values (generatorRef) instead.",
	]),
}

rules["ST2-OPS-020"] := {
	# The trust model: a lenient render never decides for a stricter environment.
	"waivable_in_production": false,
	"title": "Lenient render acting on a stricter environment through a cluster-scoped object",
	"default_severity": "deny",
	"profiles": "deny in every profile (only dev and staging renders can act on a stricter environment)",
	"remediation": concat(" ", [
		"A dev or staging render's Namespace object for st2-prod (its Application then owns,",
		"relabels or prunes production's namespace), admission webhook, Kyverno or Gatekeeper",
		"policy whose selectors reach a stricter environment's namespaces (an empty selector",
		"reaches all), or ClusterRoleBinding of Secret, exec or write rights (every namespace)",
		"acts on that environment under the lenient rules, as does a ClusterSecretStore the bundle",
		"maps to it (environments.secret_stores) or a ClusterIssuer its certificates name",
		"(exposure.tls_issuers): the lenient Application takes the shared object over. Select namespaces by",
		"kubernetes.io/metadata.name, bind with RoleBindings in the render's own namespace, and",
		"ship each environment's Namespace from its own overlay.",
	]),
}

rules["ST2-OPS-021"] := {
	"title": "Admission webhook outside the render that can stop st2's pods or receives its Secrets",
	"default_severity": "deny",
	"profiles": "deny when it reaches a staging or production namespace, warn in dev",
	"remediation": concat(" ", [
		"A webhook with failurePolicy Fail (the v1 default) over Pods in st2's namespaces stops",
		"every st2 pod from being created or replaced while its server is missing or down; one",
		"over Secrets is sent every st2 Secret written. Serve it from the render, name its",
		"Service (namespace/name) or URL host in the policy bundle's settings",
		"(admission.webhook_services), use failurePolicy Ignore for pods, or leave Secrets out",
		"of its rules.",
	]),
}

rules["ST2-OPS-022"] := {
	"title": "Container resources no node can schedule or no process can start in",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Kubernetes quantities without a unit are whole cores and bytes: cpu \"1000\" is a",
		"thousand cores (the pod never schedules), memory \"512\" is 512 bytes (the container is",
		"killed as it starts). Write 1000m, 512Mi. The bounds are the policy bundle's",
		"(settings.outage: max_cpu_cores, max_memory_bytes, min_memory_bytes).",
	]),
}

rules["ST2-OPS-023"] := {
	"title": "st2 process that cannot start: a missing config file or directory or an unknown time zone",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"oslo.config stops an st2 service whose --config-file (or the default file) or",
		"--config-dir does not exist, and the timers engine stops on a [timersengine] local_timezone that is not an",
		"IANA time zone. With strategy Recreate the old pod is gone before the new one fails.",
		"Point --config-file at a file (--config-dir at a directory) a volume mount provides; use a zone name such as Europe/Berlin.",
	]),
}

rules["ST2-OPS-024"] := {
	"title": "Store setting that stops RabbitMQ or etcd",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"vm_memory_high_watermark.absolute below the policy's floor (settings.outage",
		"min_rabbitmq_watermark_bytes; a bare number is bytes) keeps RabbitMQ's memory alarm on",
		"and blocks every publisher, as does a relative watermark of 0 or below",
		"min_rabbitmq_watermark_relative; one above 1 lets the node",
		"outgrow its memory. etcd's --quota-backend-bytes below min_etcd_quota_bytes trips the",
		"NOSPACE alarm at once and every write (every st2 lock) fails. Write the unit (2GB, 4Gi",
		"as 4294967296), or leave the default. RabbitMQ needs an AMQP listener (rabbitmq.conf",
		"listeners.tcp.*, advanced.config's or a -rabbit argument's tcp_listeners, which override it,",
		"else RABBITMQ_NODE_IP_ADDRESS and RABBITMQ_NODE_PORT) on every interface",
		"and on the port its clients use (the amqp port of its",
		"containers and Services, else 5672): loopback only, listeners.tcp = none (tcp_listeners []) without a TLS",
		"listener, or another port leaves st2 unable to connect. etcd refuses an --election-timeout",
		"below 5 times --heartbeat-interval or above 50000 ms: change both in ratio, and exits on an",
		"https client or peer listener without --cert-file/--key-file (or the peer ones). RabbitMQ's",
		"first auth_backends entry must be internal or a plugin enabled_plugins enables, and",
		"total_memory_available_override_value times the relative watermark must stay above",
		"min_rabbitmq_watermark_bytes. The alarm must also fire below the RabbitMQ container's",
		"memory limit (an absolute watermark, the total times the relative one, or a relative 1):",
		"at or above it the kernel kills the node first. A RABBITMQ_NODENAME with a dotted host needs",
		"RABBITMQ_USE_LONGNAME=true, and the last entry of a repeated variable is the one the",
		"container gets.",
	]),
}

rules["ST2-OPS-032"] := {
	"title": "LimitRange or ResourceQuota that refuses what the render runs",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The API server applies the namespace's LimitRanges (defaults first, then min, max and",
		"maxLimitRequestRatio per container, pod or claim) and ResourceQuotas (compute totals,",
		"storage, object counts such as count/secrets) to every pod and object it creates: a",
		"value below what the render needs refuses st2's pods, or the Secrets External Secrets",
		"writes, at the next restart, rollout or rotation. Size them from the render (replicas",
		"times requests and limits, Secrets and ConfigMaps counted with what controllers create),",
		"or change the workloads' requests and limits to fit.",
	]),
}

rules["ST2-OPS-033"] := {
	"title": "Admission policy the gate cannot evaluate over st2's pods",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A ValidatingAdmissionPolicy bound with the Deny action, a Kyverno validate or",
		"verifyImages rule in Enforce, a Gatekeeper constraint with enforcementAction deny, or",
		"a sigstore policy-controller opt-in (policy.sigstore.dev/include on the Namespace) or",
		"ClusterImagePolicy decides in the cluster whether st2's pods may start, by CEL, Rego or",
		"signatures the gate cannot evaluate: a rule no st2 pod template satisfies refuses every",
		"new pod. Ship admission policies from their own reviewed repository, or have the bundle's",
		"owner list the checked policy in policies/settings/data.json admission.policies",
		"(\"<Kind>/<name>\", or the label policy.sigstore.dev/include).",
	]),
}

rules["ST2-OPS-015"] := {
	"title": "Object outside st2's namespaces",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"An st2 overlay may put objects only in st2's namespaces (the policy data's environment",
		"map) and those the bundle's owner lists in settings.delivery.namespaces. Anything in",
		"argocd (RBAC, the CMP plugin), kube-system (CoreDNS) or another team's namespace",
		"changes what the whole cluster trusts, in every environment. Ship those objects from",
		"their owners' repositories, or have the bundle's owner list the namespace.",
	]),
}

rules["ST2-OPS-016"] := {
	"title": "Workload that writes cluster objects the gate never sees",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A container running kubectl apply, create, replace, run or expose (or helm install)",
		"creates objects nobody judged: a second timers engine, an open Service. One running",
		"kubectl scale, patch, delete, set, edit, label, annotate or rollout against st2's",
		"workloads changes them behind Argo CD's back (st2scheduler at 0 replicas, timers at 2).",
		"Put the objects in the overlay. Manifests in a ConfigMap the container mounts and",
		"applies are judged as if they were in the render.",
	]),
}

rules["ST2-OPS-017"] := {
	"waivable_in_production": false,
	"title": "Singleton StackStorm service under a new name in production",
	"default_severity": "deny",
	"profiles": "deny in production",
	"remediation": concat(" ", [
		"Production syncs by hand without prune (deploy/argocd/applications/st2-prod.yaml), so a",
		"renamed st2timersengine (or any service settings.delivery.singleton_names lists) leaves",
		"the old workload running beside the new one: two timers engines. Keep the canonical workload name (the service's own",
		"name, st2timersengine); rename only in a change that deletes the old workload first.",
	]),
}

rules["ST2-OPS-018"] := {
	"title": "Object st2 needs all the time made an Argo CD or Helm hook",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Argo CD takes any object with an argocd.argoproj.io/hook annotation (or helm.sh/hook,",
		"which it maps to PreSync and PostSync) as a hook: created at a sync phase, deleted before",
		"the next run or once it succeeds, and never applied with hook Skip (a pruning sync then",
		"deletes the live one). A Namespace, a Service, a PodDisruptionBudget, an ExternalSecret or",
		"a ConfigMap or Secret a running workload uses is then missing. Hooks are for Jobs and",
		"Pods (their ServiceAccount, RBAC, ConfigMaps and Secrets may be hooks when only hooks use",
		"them); remove the hook annotations from everything else.",
	]),
}

rules["ST2-OPS-019"] := {
	"title": "st2's namespace handed to another delivery or tenancy system",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"argocd.argoproj.io/managed-by (the Argo CD operator gives that instance admin there),",
		"the cluster-argocd labels, a Capsule tenant or Rancher project, an HNC parent",
		"(HierarchyConfiguration, subnamespace-of) or child (SubnamespaceAnchor) or an",
		"HNCConfiguration let someone else deploy or grant rights in st2's namespace, or inherit",
		"from it, without this gate. Deliver st2 only through the gated overlay; delegate other",
		"teams their own namespaces.",
	]),
}

rules["ST2-OPS-025"] := {
	"waivable_in_production": false,
	"title": "st2 wired to another environment's services",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"st2's URL variables (ST2_API_URL, ST2_AUTH_URL, ST2_STREAM_URL, ST2_BASE_URL) and the",
		"hosts in its config files (message bus, database, coordination, api_url) naming a",
		"Service in a namespace the policy maps to another environment send that environment",
		"st2's tokens, passwords and API calls (production's to staging, whose owners are not",
		"production's), or mix one environment's executions into another's. Name the Services",
		"of the render's own namespace (http://st2api:9101/).",
	]),
}

rules["ST2-OPS-026"] := {
	"title": "Hand-written endpoints for an st2 Service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An EndpointSlice (kubernetes.io/service-name) or Endpoints object for st2auth, st2api,",
		"MongoDB, RabbitMQ or another st2 Service, or such a Service without a selector, sends",
		"st2's logins and traffic to whatever addresses the manifest lists (kube-proxy adds a",
		"hand-written slice to a selector's own); Argo CD excludes both kinds by default, so the",
		"Service may end up with no endpoints at all. Keep the selector and let Kubernetes",
		"manage the endpoints; give an outside service a Service of its own name.",
	]),
}

rules["ST2-SEC-011"] := {
	"waivable_in_production": false,
	"title": "st2's secrets from a more lenient environment's secret store",
	"default_severity": "deny",
	"profiles": "deny in staging and production",
	"remediation": concat(" ", [
		"An ExternalSecret, PushSecret or ClusterExternalSecret using a secret store the policy",
		"maps to a more lenient environment (environments.secret_stores), or an ESO kubernetes",
		"store reading a lenient environment's namespace, or a key whose path names a more",
		"lenient environment (dev/st2/auth in production: one store serving both by path), lets",
		"that environment's administrators set (and read) this one's passwords and keys. Use the",
		"environment's own store and keys.",
	]),
}

# --- Helpers ---------------------------------------------------------------------

annotations(r) := a if {
	a := r.metadata.annotations
	is_object(a)
} else := {}

# Namespaces an st2 render deploys to: the policy's namespace map and the render's own.
st2_namespaces := ({ns | some ns, _ in lib.namespace_profiles} | lib.render_namespaces) | {ns |
	ns := input.namespace
	is_string(ns)
	ns != ""
}

# Active-active st2 services and quorum stores: every replica going at once is an outage.
ha_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2workflowengine",
	"st2scheduler", "st2actionrunner", "st2notifier", "mongodb", "rabbitmq", "etcd",
}

ha_workload(w) if {
	some role in w.roles
	ha_roles[role]
	w.replicas > 1
}
