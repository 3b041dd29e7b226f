# ST2-HRD-027: images from a publisher the policy does not list, where the
# image gets st2's or a store's secrets or code (the eleventh red team's
# supply-chain class): a store's own image (mongo, rabbitmq, etcd...), a
# container of an st2 or store pod that reads one of the pod's Secrets, and a
# container filling the volume st2 loads packs or virtualenvs from. ST2-HRD-017
# keeps st2's service images; this rule keeps what runs beside them.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-027"] := {
	"title": "Image from an unlisted publisher given st2's or a store's secrets or code",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"This image, from a public registry (Docker Hub, GHCR, Quay...) where anyone publishes, runs",
		"with a store's data or credentials, or with a Secret of an st2 or store pod, or writes the",
		"packs and virtualenvs st2 runs: its publisher can read or replace them with its next push.",
		"Use Docker Hub's official image (mongo, rabbitmq, busybox...), your own registry,",
		"StackStorm's, or a publisher the bundle lists: settings.images.trusted_prefixes (Bitnami,",
		"Percona, MongoDB Inc., etcd's own registries by default) or settings.images.allowed_prefixes",
		"(your registry or mirror, e.g. registry.corp.example/st2/) in policies/settings/data.json.",
	]),
}

default_trusted_prefixes := [
	"bitnami/", "docker.io/bitnami/", "bitnamilegacy/", "docker.io/bitnamilegacy/", "public.ecr.aws/bitnami/",
	"percona/", "docker.io/percona/", "mongodb/", "docker.io/mongodb/", "quay.io/mongodb/",
	"quay.io/coreos/", "gcr.io/etcd-development/", "registry.k8s.io/",
]

trusted_prefixes := p if {
	p := data.settings.images.trusted_prefixes
	is_array(p)
} else := default_trusted_prefixes

# Docker Hub's official images: no namespace, `library/`, or `docker.io/NAME`.
official_image(img) if not contains(lib.image_path(img), "/")

official_image(img) if {
	parts := split(lib.image_path(img), "/")
	count(parts) == 2
	parts[0] in {"library", "docker.io", "index.docker.io", "registry-1.docker.io"}
}

official_image(img) if {
	parts := split(lib.image_path(img), "/")
	count(parts) == 3
	parts[0] in {"docker.io", "index.docker.io", "registry-1.docker.io"}
	parts[1] == "library"
}

publisher_listed(img) if official_image(img)

# A registry of the organisation's own (a host that is no public, multi-tenant registry): what it
# serves is the owner's choice. On Docker Hub, GHCR, Quay and the like anyone can publish, and
# only the listed publishers are trusted.
publisher_listed(img) if {
	first := split(lib.image_path(img), "/")[0]
	contains(lib.image_path(img), "/")
	registry_host(first)
	not public_registries[first]
}

registry_host(s) if contains(s, ".")

registry_host(s) if contains(s, ":")

registry_host("localhost")

public_registries := {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "ghcr.io", "docker.pkg.github.com", "quay.io", "gcr.io", "public.ecr.aws", "registry.gitlab.com", "lscr.io", "cgr.dev", "docker.cloudsmith.io"}

publisher_listed(img) if image_allowed(img)

publisher_listed(img) if {
	some prefix in trusted_prefixes
	startswith(lower(img), lower(prefix))
}

# The render's images whose publisher is not listed: most renders have none, and nothing below runs.
unlisted_publisher_images := {img |
	some img in {i | some c in lib.containers; i := c.container.image; is_string(i)}
	not publisher_listed(img)
}

store_image_families := {"mongo", "mongodb", "mongodb-community-server", "mongodb-enterprise-server", "percona-server-mongodb", "rabbitmq", "etcd", "redis", "zookeeper"}

publisher_findings contains [c.resource, c.path, c.name, img, why] if {
	count(unlisted_publisher_images) > 0
	some c in lib.containers
	img := c.container.image
	unlisted_publisher_images[img]
	some why in publisher_reasons(c)
}

publisher_reasons(c) := {why |
	some why in ["store-image", "reads-secret", "fills-packs"]
	publisher_reason(c, why)
}

publisher_reason(c, "store-image") if store_image_families[lib.image_repository(c.container.image)]

# Beside st2 or a store in the same pod (a tunnel's own token in its own pod is not theirs).
publisher_reason(c, "reads-secret") if {
	count(lib.workloads[c.resource].roles) > 0
	reads_pod_secret(c)
	some field in ["containers", "initContainers"]
	some other in object.get(pod_spec_of(c), field, [])
	is_string(other.image)
	other.image != c.container.image
	st2_or_store_image(other.image)
}

st2_or_store_image(img) if store_image_families[lib.image_repository(img)]

st2_or_store_image(img) if startswith(lib.image_repository(img), "st2")

publisher_reason(c, "fills-packs") if {
	spec := pod_spec_of(c)
	some m in object.get(c.container, "volumeMounts", [])
	not m.readOnly == true
	packs_volumes(spec)[m.name]
}

pod_spec_of(c) := lib.object_at(input.resources[c.resource], array.slice(c.path, 0, count(c.path) - 2))

reads_pod_secret(c) if {
	some e in object.get(c.container, "env", [])
	is_string(e.valueFrom.secretKeyRef.name)
}

reads_pod_secret(c) if {
	some e in object.get(c.container, "envFrom", [])
	is_string(e.secretRef.name)
}

reads_pod_secret(c) if {
	spec := pod_spec_of(c)
	some m in object.get(c.container, "volumeMounts", [])
	some v in object.get(spec, "volumes", [])
	v.name == m.name
	secret_volume(v)
}

secret_volume(v) if is_object(v.secret)

secret_volume(v) if {
	some s in object.get(v, ["projected", "sources"], [])
	is_object(s.secret)
}

# Volumes an st2 image's container mounts where st2 loads packs and virtualenvs from.
packs_volumes(spec) := {m.name |
	some field in ["containers", "initContainers"]
	some ctr in object.get(spec, field, [])
	is_string(ctr.image)
	startswith(lib.image_repository(ctr.image), "st2")
	some m in object.get(ctr, "volumeMounts", [])
	is_string(m.mountPath)
	some dir in ["/opt/stackstorm/packs", "/opt/stackstorm/virtualenvs"]
	startswith(m.mountPath, dir)
}

findings contains f if {
	some [resource, path, name, img, why] in publisher_findings
	f := lib.finding("ST2-HRD-027", lib.severity_strict, resource, array.concat(path, ["image"]), {"container": name, "image": img, "reason": why})
}

# An image volume (volumes[].image, Kubernetes' ImageVolume: beta and on by default from 1.35; the
# pinned 1.34 API server refuses it while the feature gate is off) mounted where st2 loads packs or
# virtualenvs: its files are code the runners run, from whoever pushes the reference next.
findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	img := v.image.reference
	is_string(img)
	not publisher_listed(img)
	packs_volumes(u.pod_spec)[v.name]
	f := lib.finding("ST2-HRD-027", lib.severity_strict, i, array.concat(u.spec_path, ["volumes", k, "image", "reference"]), {"container": v.name, "image": img, "reason": "image-volume-packs"})
}
