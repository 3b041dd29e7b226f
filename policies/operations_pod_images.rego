# ST2-OPS-062: an image reference whose registry no longer serves it. Since
# 2025-08-28 Bitnami keeps no versioned tags under docker.io/bitnami/ (they
# moved to docker.io/bitnamilegacy/, bitnami/containers#83267; only `latest`
# of a trial subset stays, and not etcd's: docker/hub-feedback#2500), so
# `bitnami/etcd:3.5.17` ends in ImagePullBackOff: no coordination for st2.
# The repositories are policy data (settings.images.gone_tags), judged for
# every container the render runs. A digest reference is left be: a registry
# may keep a manifest after its tag is gone, and the render cannot tell.
package st2.operations

import data.st2.lib

gone_tag_repositories := r if {
	r := data.settings.images.gone_tags
	is_array(r)
} else := []

findings contains f if {
	count(gone_tag_repositories) > 0
	some c in lib.containers
	img := c.container.image
	is_string(img)
	not contains(img, "@")
	some g in gone_tag_repositories
	some prefix in g.prefixes
	startswith(lower(img), prefix)
	tag := reference_tag(img)
	not tag in g.kept_tags
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {"container": c.name, "problem": concat("", [img, ": ", prefix, " keeps no such tag (", g.reason, "): ImagePullBackOff, the container never starts; use ", g.moved_to, " or your own registry's copy"])})
}

# The tag of a reference without a digest; none means `latest`.
reference_tag(img) := tag if {
	segments := split(img, "/")
	parts := split(segments[count(segments) - 1], ":")
	count(parts) == 2
	tag := parts[1]
} else := "latest"
