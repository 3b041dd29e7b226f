# The stores run by an operator: a custom resource the operator turns into a
# StatefulSet and Services the render never holds (RabbitMQ Cluster Operator,
# MongoDB Community and Enterprise, Percona Server for MongoDB, KubeDB, etcd
# and ZooKeeper operators, Redis operators). They are the same stores as the
# base's StatefulSets: ST2-EXP-006 and ST2-EXP-002 judge the Service type the
# resource asks for, ST2-REP-007 its member count (replicas_operators.rego),
# and the Services and pods it creates are store targets, so a route, a
# forwarder, an export or a Service selecting its pods is judged as one in
# front of the base's stores. Field names as each operator's CRD has them.
package st2.exposure

import data.st2.lib

api_group(r) := split(object.get(r, "apiVersion", ""), "/")[0]

# A member count as the operator reads it: a number, else the CRD's default;
# anything else (a string the API server would refuse) counts as none.
count_at(r, path, default_n) := n if {
	n := object.get(r, path, default_n)
	is_number(n)
} else := 0

svc_name(r, suffix) := concat("-", [lib.name(r), suffix])

# operator_stores[[resource index, part]]: one store (a replica set of a
# sharded cluster is a part of its own).
#   members: data-bearing members (null: not judged), voters: with arbiters,
#   services: the Service names the operator creates, pods: the prefix of its
#   pod names (<pods>-<n>), pod_labels: labels every member pod carries,
#   exposures: [path, Service type asked for].
operator_stores[[i, ""]] := s if {
	some i, r in lib.resources_of_kind("RabbitmqCluster")
	api_group(r) in {"rabbitmq.com", "rabbitmq.pivotal.io"}
	n := count_at(r, ["spec", "replicas"], 1)
	s := {
		"role": "rabbitmq", "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
		"members": n, "voters": n, "members_path": ["spec", "replicas"],
		"services": {lib.name(r), svc_name(r, "nodes")},
		"pods": svc_name(r, "server"),
		"pod_labels": {"app.kubernetes.io/name": lib.name(r), "app.kubernetes.io/component": "rabbitmq"},
		"exposures": {[p, t] |
			some p in [["spec", "service", "type"], ["spec", "override", "service", "spec", "type"]]
			t := object.get(r, p, "ClusterIP")
		},
	}
}

# MongoDB Community (mongodbcommunity.mongodb.com) and Enterprise (mongodb.com)
# replica sets: Service <name>-svc, pods <name>-<n> labelled app: <name>-svc.
operator_stores[[i, ""]] := s if {
	some i, r in lib.resources_of_kind("MongoDBCommunity")
	n := count_at(r, ["spec", "members"], 0)
	s := mongodb_store(r, n, n + count_at(r, ["spec", "arbiters"], 0), ["spec", "members"], set())
}

operator_stores[[i, ""]] := s if {
	some i, r in lib.resources_of_kind("MongoDB")
	api_group(r) == "mongodb.com"
	n := enterprise_members(r)
	exposures := {[["spec", "exposedExternally"], "NodePort"] | r.spec.exposedExternally == true} | {[["spec", "externalAccess"], t] |
		is_object(r.spec.externalAccess)
		t := object.get(r.spec.externalAccess, ["externalService", "spec", "type"], "LoadBalancer")
	}
	s := mongodb_store(r, n, n, ["spec", "members"], exposures)
}

# A Standalone is one member; a sharded cluster's shards are not counted here.
enterprise_members(r) := 1 if {
	r.spec.type == "Standalone"
} else := null if {
	r.spec.type == "ShardedCluster"
} else := count_at(r, ["spec", "members"], 0)

mongodb_store(r, n, voters, path, exposures) := {
	"role": "mongodb", "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
	"members": n, "voters": voters, "members_path": path,
	"services": {svc_name(r, "svc")},
	"pods": lib.name(r),
	"pod_labels": {"app": svc_name(r, "svc")},
	"exposures": exposures,
}

# KubeDB (kubedb.com) MongoDB and RabbitMQ: spec.replicas (a MongoDB without
# spec.replicaSet is a standalone), Services <name> and <name>-pods, and the
# Service types of spec.serviceTemplates.
operator_stores[[i, ""]] := s if {
	some kind, role in {"MongoDB": "mongodb", "RabbitMQ": "rabbitmq"}
	some i, r in lib.resources_of_kind(kind)
	api_group(r) == "kubedb.com"
	n := kubedb_members(r, role)
	s := {
		"role": role, "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
		"members": n, "voters": n, "members_path": ["spec", "replicas"],
		"services": {lib.name(r), svc_name(r, "pods")},
		"pods": lib.name(r),
		"pod_labels": {"app.kubernetes.io/instance": lib.name(r), "app.kubernetes.io/managed-by": "kubedb.com"},
		"exposures": {[["spec", "serviceTemplates", k, "spec", "type"], t] |
			some k, tpl in object.get(r, ["spec", "serviceTemplates"], [])
			t := object.get(tpl, ["spec", "type"], "ClusterIP")
		},
	}
}

kubedb_members(r, "mongodb") := 1 if {
	not is_object(r.spec.replicaSet)
	not is_object(r.spec.shardTopology)
} else := null if {
	is_object(r.spec.shardTopology)
} else := count_at(r, ["spec", "replicas"], 1)

kubedb_members(r, "rabbitmq") := count_at(r, ["spec", "replicas"], 1)

# Percona Server for MongoDB: each replica set (spec.replsets[]: size, default
# 3; Service <name>-<rs>; expose.enabled with exposeType, or type since 1.19),
# the config server replica set and mongos of a sharded cluster.
operator_stores[[i, rs.name]] := s if {
	some i, r in lib.resources_of_kind("PerconaServerMongoDB")
	some k, rs in object.get(r, ["spec", "replsets"], [])
	is_string(rs.name)
	s := psmdb_part(r, rs.name, rs, ["spec", "replsets", k], count_at(rs, ["size"], 3))
}

operator_stores[[i, "cfg"]] := s if {
	some i, r in lib.resources_of_kind("PerconaServerMongoDB")
	r.spec.sharding.enabled == true
	cfg := object.get(r, ["spec", "sharding", "configsvrReplSet"], {})
	s := psmdb_part(r, "cfg", cfg, ["spec", "sharding", "configsvrReplSet"], count_at(cfg, ["size"], 3))
}

operator_stores[[i, "mongos"]] := s if {
	some i, r in lib.resources_of_kind("PerconaServerMongoDB")
	r.spec.sharding.enabled == true
	mongos := object.get(r, ["spec", "sharding", "mongos"], {})
	s := psmdb_part(r, "mongos", object.union(mongos, {"expose": object.union({"enabled": true}, object.get(mongos, "expose", {}))}), ["spec", "sharding", "mongos"], null)
}

psmdb_part(r, part, spec, path, n) := {
	"role": "mongodb", "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
	"members": n, "voters": n, "members_path": array.concat(path, ["size"]),
	"services": {svc_name(r, part)},
	"pods": svc_name(r, part),
	"pod_labels": {"app.kubernetes.io/instance": lib.name(r), "app.kubernetes.io/replset": part},
	"exposures": {[array.concat(path, ["expose", field]), t] |
		spec.expose.enabled == true
		some field in ["exposeType", "type"]
		t := spec.expose[field]
	},
}

# etcd operators (etcd.database.coreos.com, operator.etcd.io): spec.size.
operator_stores[[i, ""]] := s if {
	some i, r in lib.resources_of_kind("EtcdCluster")
	n := count_at(r, ["spec", "size"], 0)
	s := {
		"role": "etcd", "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
		"members": n, "voters": n, "members_path": ["spec", "size"],
		"services": {lib.name(r), svc_name(r, "client")},
		"pods": lib.name(r),
		"pod_labels": {"etcd_cluster": lib.name(r)},
		"exposures": set(),
	}
}

# ZooKeeper (zookeeper.pravega.io) and Redis operators (OpsTree, Spotahome):
# stores for routes and exports; their sizes are not judged here.
operator_stores[[i, ""]] := s if {
	some kind, services in {
		"ZookeeperCluster": ["client", "headless"],
		"Redis": ["headless"],
		"RedisReplication": ["headless", "master"],
		"RedisCluster": ["leader", "follower", "leader-headless", "follower-headless"],
		"RedisSentinel": ["sentinel", "sentinel-headless"],
	}
	some i, r in lib.resources_of_kind(kind)
	s := {
		"role": operator_role[kind], "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
		"members": null, "voters": null, "members_path": ["spec"],
		"services": {lib.name(r)} | {svc_name(r, x) | some x in services},
		"pods": lib.name(r),
		"pod_labels": {},
		"exposures": set(),
	}
}

operator_stores[[i, ""]] := s if {
	some i, r in lib.resources_of_kind("RedisFailover")
	s := {
		"role": "redis", "kind": r.kind, "name": lib.name(r), "namespace": lib.namespace(r),
		"members": null, "voters": null, "members_path": ["spec"],
		"services": {concat("-", ["rfr", lib.name(r)]), concat("-", ["rfs", lib.name(r)])},
		"pods": concat("-", ["rfr", lib.name(r)]),
		"pod_labels": {},
		"exposures": set(),
	}
}

operator_role := {"ZookeeperCluster": "zookeeper", "Redis": "redis", "RedisReplication": "redis", "RedisCluster": "redis", "RedisSentinel": "redis"}

# --- What they add to the stores by address ------------------------------------

store_targets[[s.namespace, name]] contains s.role if {
	some s in operator_stores
	some name in s.services | {s.name}
}

store_targets[[s.namespace, concat("-", [s.pods, format_int(k, 10)])]] contains s.role if {
	some s in operator_stores
	is_number(s.members)
	some k in numbers.range(0, min({max({s.members, 1}), 16}) - 1)
}

# A Service of the render selecting an operator's member pods fronts the store.
role_pods contains [s.role, s.namespace, s.pod_labels] if {
	some s in operator_stores
	count(s.pod_labels) > 0
}

store_pods contains [s.role, s.namespace, s.pod_labels] if {
	some s in operator_stores
	count(s.pod_labels) > 0
}

# --- Findings: the Service type an operator is asked for --------------------------

findings contains f if {
	some [i, _], s in operator_stores
	some [path, t] in s.exposures
	t == "LoadBalancer"
	f := lib.finding("ST2-EXP-006", lib.severity_strict, i, path, {"service": concat(" ", [s.kind, s.name]), "component": s.role})
}

findings contains f if {
	some [i, _], s in operator_stores
	some [path, t] in s.exposures
	t == "NodePort"
	f := lib.finding("ST2-EXP-002", lib.severity_strict, i, path, {"service": concat(" ", [s.kind, s.name])})
}
