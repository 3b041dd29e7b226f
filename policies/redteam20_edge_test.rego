# Traefik's chain middleware (twentieth round): a ForwardAuth over plain http to
# an outside host, run by a chain the st2 route names (also a chain of chains,
# or one in another namespace), sends every request's headers there as a
# ForwardAuth the route names does (ST2-EXP-013).
package st2_test.redteam20_edge

import data.st2_test.fixtures as fx

prod(resources) := {f.rule | some f in fx.eval("production", resources)}

edge(middlewares) := object.union(fx.ingress("st2-st2web"), {"metadata": {
	"name": "st2-edge", "namespace": fx.ns,
	"annotations": {"traefik.ingress.kubernetes.io/router.middlewares": middlewares},
}})

middleware(ns, name, spec) := {
	"apiVersion": "traefik.io/v1alpha1", "kind": "Middleware",
	"metadata": {"name": name, "namespace": ns},
	"spec": spec,
}

auth(address) := {"forwardAuth": {"address": address}}

chain(refs) := {"chain": {"middlewares": refs}}

ref(ns) := concat("", [ns, "-entry@kubernetescrd"])

test_forward_auth_through_chains if {
	outside := "http://auth.example.net/check"
	every case in [
		# The route names a chain holding the ForwardAuth.
		[[middleware(fx.ns, "entry", chain([{"name": "auth"}])), middleware(fx.ns, "auth", auth(outside))], {"ST2-EXP-013"}],
		# A chain of chains, three deep.
		[[
			middleware(fx.ns, "entry", chain([{"name": "headers"}, {"name": "c2"}])),
			middleware(fx.ns, "c2", chain([{"name": "c3"}])),
			middleware(fx.ns, "c3", chain([{"name": "auth"}])),
			middleware(fx.ns, "auth", auth(outside)),
		], {"ST2-EXP-013"}],
		# The chain names one in another namespace.
		[[middleware(fx.ns, "entry", chain([{"name": "auth", "namespace": "edge"}])), middleware("edge", "auth", auth(outside))], {"ST2-EXP-013"}],
		# Look-alikes: https to an outside identity provider, a Service in the cluster, a
		# ForwardAuth no chain of the route lists, a chain naming a namespace it is not in.
		[[middleware(fx.ns, "entry", chain([{"name": "auth"}])), middleware(fx.ns, "auth", auth("https://auth.example.net/check"))], set()],
		[[middleware(fx.ns, "entry", chain([{"name": "auth"}])), middleware(fx.ns, "auth", auth("http://oauth2-proxy.st2.svc:4180/oauth2/auth"))], set()],
		[[middleware(fx.ns, "entry", chain([{"name": "headers"}])), middleware(fx.ns, "auth", auth(outside))], set()],
		[[middleware(fx.ns, "entry", chain([{"name": "auth", "namespace": "other"}])), middleware(fx.ns, "auth", auth(outside))], set()],
	] {
		resources := array.concat(array.concat(fx.baseline, [edge(ref(fx.ns))]), case[0])
		prod(resources) & {"ST2-EXP-013"} == case[1]
	}
}
