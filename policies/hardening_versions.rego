# ST2-HRD-015, ST2-HRD-016: the st2 release the services run. Every st2
# service reads and writes the same MongoDB collections and RabbitMQ messages,
# so they must come from one release line: a runner from another minor release
# runs actions against models and migrations (st2 3.5's dict-field migration,
# 3.7's and 3.8's schema changes) the others do not share. Patch releases of one
# minor share them (a rolling patch upgrade runs mixed by necessity), so the
# release line is major.minor. Production runs a published release tag: a dev,
# unstable or nightly build is whatever was pushed last under that name.
# Judged once per distinct image (renders repeat images).
package st2.hardening

import data.st2.lib

rules["ST2-HRD-015"] := {
	"title": "st2 image not on a release tag in production",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging and dev",
	"remediation": concat(" ", [
		"StackStorm's dev and unstable images (tags such as dev, 3.9dev, unstable, edge, nightly,",
		"master) are rebuilt from the development branch: what runs changes under the same",
		"manifest and carries unreleased migrations; a 3.8 tag StackStorm never published (3.8.2,",
		"3.8.01) pulls nothing. Pin a release tag (3.8.1), ideally with its @sha256 digest,",
		"promoted from staging. :latest and untagged images are ST2-HRD-001.",
	]),
}

rules["ST2-HRD-016"] := {
	"title": "st2 services on different st2 releases",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Every st2 service shares one database and one message bus; a service from another",
		"minor release (st2actionrunner 3.7 beside st2api 3.8) reads and writes documents and",
		"messages of another schema. Run every stackstorm/st2* image (init containers and Jobs",
		"included) on one release: set every newTag of the overlay's images list together.",
	]),
}

# st2's service images: stackstorm/st2<service> (or a mirror keeping the name).
st2_image_repos := {repo | some repo, _ in lib.image_role_map; startswith(repo, "st2")} | {"st2actionrunner"}

# The tag of an image (a digest dropped); undefined when there is none.
release_tag_of(img) := tag if {
	no_digest := split(img, "@")[0]
	segments := split(no_digest, "/")
	parts := split(segments[count(segments) - 1], ":")
	count(parts) > 1
	tag := parts[count(parts) - 1]
}

st2_images := {img |
	some img in images
	lib.image_repository(img) in st2_image_repos
}

# A release tag: 3.8.1 (a leading v, or a rebuild's suffix such as -ubuntu or -r1, tolerated),
# not a pre-release or a build of a branch. latest and missing tags are HRD-001's. Read with
# string functions, once per distinct tag (a render has one or two): no regular expression.
is_release_tag(tag) if {
	version := split(split(trim_prefix(tag, "v"), "-")[0], "+")[0]
	parts := split(version, ".")
	count(parts) == 3
	every p in parts {
		digits(p)
	}
	t := lower(tag)
	not branch_marker(t)
	not unpublished_release(parts)
}

# The patch releases StackStorm published of the 3.8 line (3.8.0, 3.8.1 of 2023-12-13, the
# last): 3.8.2 or 3.8.01 are no image anyone pushed, and a Recreate rollout to one has already
# stopped the running pod when the new one sits in ImagePullBackOff. Other lines are not listed.
st2_published_patches := {"3.8": {"0", "1"}}

unpublished_release(parts) if {
	published := st2_published_patches[concat(".", [parts[0], parts[1]])]
	not parts[2] in published
}

digits(p) if {
	p != ""
	trim(p, "0123456789") == ""
}

branch_markers := ["dev", "unstable", "nightly", "snapshot", "edge", "master", "main", "alpha", "beta", "rc", "pre", "test"]

branch_marker(t) if {
	some m in branch_markers
	contains(t, m)
}

st2_tags := {tag |
	some img in st2_images
	tag := release_tag_of(img)
}

unreleased_tags := {tag |
	some tag in st2_tags
	lower(tag) != "latest"
	not is_release_tag(tag)
}

unreleased_st2_images := {img |
	count(unreleased_tags) > 0
	some img in st2_images
	release_tag_of(img) in unreleased_tags
}

findings contains f if {
	count(unreleased_st2_images) > 0
	some c in lib.containers
	img := c.container.image
	img in unreleased_st2_images
	f := lib.finding("ST2-HRD-015", lib.severity_production, c.resource, array.concat(c.path, ["image"]), {
		"container": c.name,
		"image": img,
		"problem": "not a release tag",
	})
}

# major.minor of each distinct tag that starts with numbers (3.8.1, 3.8, v3.7.0-ubuntu), then of each st2 image.
tag_lines := {tag: line |
	some tag in st2_tags
	parts := split(split(trim_prefix(tag, "v"), "-")[0], ".")
	count(parts) >= 2
	digits(parts[0])
	digits(parts[1])
	line := concat(".", [parts[0], parts[1]])
}

st2_release_line := {img: line |
	some img in st2_images
	line := tag_lines[release_tag_of(img)]
}

st2_lines := {line | some line in st2_release_line}

# The line most st2 containers run (the newest one on a tie) is the release; the others are skewed.
majority_line := line if {
	count(st2_lines) > 1
	counts := {l: n |
		some l in st2_lines
		n := count([1 | some c in lib.containers; st2_release_line[c.container.image] == l])
	}
	top := max({n | some _, n in counts})
	line := max({l | some l, n in counts; n == top})
}

findings contains f if {
	release := majority_line
	some c in lib.containers
	line := st2_release_line[c.container.image]
	line != release
	f := lib.finding("ST2-HRD-016", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {
		"container": c.name,
		"image": c.container.image,
		"release": line,
		"others": release,
	})
}

# --- ST2-HRD-017: where st2's images come from --------------------------------------------------

rules["ST2-HRD-017"] := {
	"title": "st2 service image from a registry or namespace the policy does not list",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An st2 service runs users' actions with st2's Secrets: its image from someone's own",
		"Docker Hub namespace or an unknown registry is whatever that account pushes next. Use",
		"StackStorm's images (stackstorm/st2api...). A pull-through cache or mirror of them is",
		"fine once the policy bundle's owner lists its prefix (the finding's prefix, e.g.",
		"registry.corp.example/mirror/stackstorm/) in settings.images.allowed_prefixes",
		"(policies/settings/data.json); a private rebuild mapped in settings.image_roles is listed by that.",
	]),
}

default_allowed_prefixes := ["stackstorm/", "docker.io/stackstorm/", "index.docker.io/stackstorm/", "registry-1.docker.io/stackstorm/"]

allowed_prefixes := p if {
	p := data.settings.images.allowed_prefixes
	is_array(p)
} else := default_allowed_prefixes

# The images st2's services run: by repository name (jdoe/st2api), or any image whose command
# starts an st2 service's program (/opt/stackstorm/st2/bin/st2api in python-tools:1.0). A word
# merely naming a service (a tunnel's --url https://st2web:443) starts nothing.
st2_service_images := st2_images | {img |
	some c in lib.containers
	img := c.container.image
	is_string(img)
	not img in st2_images
	runs_st2_program(c.container)
}

# The program a container starts: its command's first word, or args' first when it has no command
# (the image's entrypoint then runs it), or an absolute path among the words (`sh -c` aside).
# `kubectl rollout restart deployment/st2api` starts kubectl, not st2api.
runs_st2_program(ctr) if st2_program(ctr.command[0])

runs_st2_program(ctr) if {
	count(object.get(ctr, "command", [])) == 0
	st2_program(ctr.args[0])
}

runs_st2_program(ctr) if {
	some field in ["command", "args"]
	some w in object.get(ctr, field, [])
	startswith(w, "/")
	st2_program(w)
}

st2_program(w) if {
	is_string(w)
	contains(w, "st2")
	parts := split(w, "/")
	startswith(lib.binary_role_map[parts[count(parts) - 1]], "st2")
}

image_allowed(img) if {
	some prefix in allowed_prefixes
	startswith(lower(img), lower(prefix))
}

image_allowed(img) if lib.settings_image_roles[lib.image_path(img)]

unlisted_st2_images := {img |
	some img in st2_service_images
	not image_allowed(img)
}

findings contains f if {
	count(unlisted_st2_images) > 0
	some c in lib.containers
	img := c.container.image
	img in unlisted_st2_images
	f := lib.finding("ST2-HRD-017", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {
		"container": c.name,
		"image": img,
		"prefix": image_prefix(img),
	})
}

# What settings.images.allowed_prefixes would need to list: the image's path up to its name.
image_prefix(img) := concat("", [concat("/", array.slice(parts, 0, count(parts) - 1)), "/"]) if {
	parts := split(lib.image_path(img), "/")
	count(parts) > 1
} else := "(none: the image has no registry or namespace)"
