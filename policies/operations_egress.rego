# ST2-SEC-022, 023, 024: what a container's environment and installers send
# out or take in (the tenth red team), read by src/policy/egress-env.ts and
# install-sources.ts through command-effects.ts (input.facts.command_effects):
# st2's plain-HTTP calls through a proxy outside the cluster, a Python startup
# hook or a module under PYTHONPATH (python-path.ts) sending to an outside host, packages installed over plain http, with
# TLS checks off, or from a moving git branch; ST2-SEC-030 code a loader
# (ld.so, erl) takes from a volume. ST2-SEC-016 keeps the sends
# of a command (curl, Python's clients, ssh, DNS lookups built from a secret).
package st2.operations

import data.st2.lib

rules["ST2-SEC-022"] := {
	"title": "st2's API calls through a plain-HTTP proxy outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"HTTP_PROXY or ALL_PROXY names a proxy outside the cluster and NO_PROXY does not cover",
		"st2api, st2auth and st2stream: st2 actions' calls to http://st2api:9101 carry",
		"ST2_ACTION_AUTH_TOKEN through a third party in clear. Add st2api,st2auth,st2stream",
		"(and .svc,.cluster.local) to NO_PROXY, or use an egress proxy inside the cluster.",
	]),
}

rules["ST2-SEC-023"] := {
	"title": "Python startup hook or PYTHONPATH module sending data outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A sitecustomize.py, usercustomize.py or .pth file on PYTHONPATH (or mounted by name)",
		"runs in every Python process of the container, st2's services included, with their",
		"environment and config files; so does any module or package the render puts in a",
		"PYTHONPATH directory, which Python finds before site-packages and the standard library",
		"(a six.py, yaml/ or kombu/ there replaces the one st2 imports at start), including a directory",
		"a `python -c` inserts into sys.path, an emptyDir a container copies modules into, and the .pth",
		"files of a site.addsitedir directory. This code sends",
		"to a host outside the cluster. Remove it; ship tooling in the image and telemetry",
		"through the cluster's own collector.",
	]),
}

rules["ST2-SEC-030"] := {
	"title": "Native library, Erlang or compiled Python code loaded from a volume instead of the image",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"LD_PRELOAD, LD_AUDIT (or a mounted /etc/ld.so.preload) names a shared library on a volume,",
		"LD_LIBRARY_PATH puts a volume's libraries ahead of the image's (ld.so searches it before",
		"its cache), PYTHONHOME puts Python's whole standard library on a volume (CPython believes it",
		"unconditionally, in a virtualenv too), or an Erlang -pa/-pz code path or -eval (ERL_FLAGS,",
		"RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS, RABBITMQ_SERVER_CODE_PATH, RABBITMQ_PLUGINS_DIR, or the",
		"same without RABBITMQ_ in a mounted rabbitmq-env.conf) adds a volume's .beam or .ez files or",
		"code of its own: a ConfigMap or Secret of the render",
		"(machine code from git), or an emptyDir, hostPath or claim that a container (an init",
		"container's download) or the node writes. The loader runs it inside every process of the",
		"container (st2auth sees every password, the runners hold st2's tokens, RabbitMQ and",
		"MongoDB hold every message and login), and no image build, scan or signature vouches for",
		"it. The same holds for a compiled Python module (.so, .pyc) or a zip archive a ConfigMap",
		"or Secret puts on PYTHONPATH, which Python imports before site-packages. Build the library,",
		"plugin or module into the image, or drop the variable. An emptyDir an init container fills",
		"only by copying out of its image passes when that image is pinned and its publisher listed.",
	]),
}

rules["ST2-SEC-024"] := {
	"title": "Packages installed over plain http, without TLS checks, from a moving branch or an unlisted host",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"pip's index over http:// or a --trusted-host / PIP_TRUSTED_HOST (TLS checks off) lets",
		"anyone on the path swap the packages every pack virtualenv installs; an extra index or",
		"find-links outside the cluster beside PyPI (PIP_EXTRA_INDEX_URL, pip.conf) lets its owner",
		"win any package name with a higher version (dependency confusion); git's",
		"url.<base>.insteadOf (GIT_CONFIG_*, a mounted gitconfig) sends st2 pack install's clones",
		"to another host; st2 pack install or pip install of a git repository, or a git clone into",
		"st2's packs volume, without a commit or version tag runs whatever the branch holds that day;",
		"a tarball unpacked into that volume from a host nobody listed (no checked hash, no digest",
		"in its URL) runs whatever that host serves. Use an https index (one mirror inside",
		"the cluster, or a host in settings.delivery.package_source_hosts), and pin packs and",
		"requirements (https://github.com/org/pack.git=v1.2.0, @<commit>). A pip index replacing",
		"PyPI must be in the cluster or listed there too.",
	]),
}

findings contains f if {
	some e in effects
	e.effect == "proxy"
	not e.internal
	not e.bypasses_st2
	st2_pod(lib.workloads[e.resource])
	f := lib.finding("ST2-SEC-022", lib.severity_strict, e.resource, e.path, {"variable": e.variable, "host": e.host})
}

findings contains f if {
	some e in effects
	e.effect == "python-hook"
	not e.module == true
	f := lib.finding("ST2-SEC-023", lib.severity_strict, e.resource, e.path, {"file": e.file, "host": e.host})
}

# A module under PYTHONPATH runs where Python imports it: it counts in a pod
# that holds a Secret st2 uses (st2's services and Jobs, a tool given st2's
# config), where it can stand in for a module of st2's.
findings contains f if {
	some e in effects
	e.effect == "python-hook"
	e.module == true
	holds_st2_secret(e.resource)
	f := lib.finding("ST2-SEC-023", lib.severity_strict, e.resource, e.path, {"file": e.file, "host": e.host})
}

holds_st2_secret(i) if {
	some u in lib.workloads[i].units
	some n in pod_secret_names(u.pod_spec)
	st2_secrets[n]
}

findings contains f if {
	some e in effects
	e.effect == "preload"
	not filled_from_trusted_images(e)
	f := lib.finding("ST2-SEC-030", lib.severity_strict, e.resource, e.path, {"file": e.file, "variable": object.get(e, "variable", "LD_PRELOAD")})
}

# An emptyDir that only copies out of images fill (volume-fills.ts: the chart's own
# init-container pattern) holds those images' files: trusted as the image's own
# directories are when every image is pinned (ST2-HRD-001) and from a listed
# publisher (ST2-HRD-027). A download, a script or a ConfigMap's copy carries no images.
filled_from_trusted_images(e) if {
	count(object.get(e, "images", [])) > 0
	every img in e.images {
		is_string(img)
		not data.st2.hardening.image_problem(img)
		data.st2.hardening.publisher_listed(img)
	}
}

findings contains f if {
	some e in effects
	e.effect == "install"
	not e.internal
	not source_listed(e)
	not clone_elsewhere(e)
	f := lib.finding("ST2-SEC-024", lib.severity_strict, e.resource, e.path, {"source": e.source, "problem": e.problem, "host": e.host})
}

# An unpinned `git clone`, or a download unpacked (tar, unzip) from a host no
# one listed (the fifteenth red team's init container), counts where the
# container writes st2's packs (a packs or virtualenvs volume an st2 container
# of the pod mounts): the code st2 then loads. Anything else (docs, a config
# repository) is not an install.
clone_elsewhere(e) if {
	e.source == "git"
	e.problem == "branch"
	not clone_fills_packs(e)
}

clone_elsewhere(e) if {
	e.problem == "archive"
	not clone_fills_packs(e)
}

clone_fills_packs(e) if {
	r := input.resources[e.resource]
	some i, field in e.path
	field in {"containers", "initContainers"}
	is_number(e.path[i + 1])
	ctr := lib.object_at(r, array.slice(e.path, 0, i + 2))
	packs := data.st2.hardening.packs_volumes(lib.object_at(r, array.slice(e.path, 0, i)))
	some m in object.get(ctr, "volumeMounts", [])
	not m.readOnly == true
	packs[m.name]
}

# Package sources the owner lists (their mirrors of PyPI and of the git hosts packs come
# from), and the render's own Services. No name tells a company's mirror from anyone's, so
# a pip index replacing PyPI must be one of these, as [content] index_url must be a listed
# pack index (ST2-SEC-026): the bundle's owner vouches for a mirror, the repository can't.
package_source_hosts := {lower(h) | some h in object.get(data.settings, ["delivery", "package_source_hosts"], []); is_string(h)}

source_listed(e) if {
	e.problem in {"index", "extra-index", "redirect", "archive"}
	package_source_hosts[e.host]
}

source_listed(e) if {
	e.problem in {"index", "extra-index", "redirect", "archive"}
	render_service_host(e.host)
}
