# ST2-REP-007 for stores an operator runs (data.st2.exposure.operator_stores):
# a RabbitmqCluster, MongoDBCommunity, MongoDB, PerconaServerMongoDB replica
# set or EtcdCluster is held to the floors of the base's StatefulSets:
# MongoDB and etcd an odd number of voting members, at least 3 (MongoDB: at
# least 3 that hold data, arbiters counted only for the vote), RabbitMQ at
# least 3 nodes. Whether st2 points at it is not asked: a one-member store in
# st2's namespace is either st2's or one nobody should rely on, and the base's
# own StatefulSets are judged the same way.
package st2.replicas

import data.st2.lib

findings contains f if {
	severity := lib.severity_capacity
	some [i, _], s in data.st2.exposure.operator_stores
	s.role in {"mongodb", "etcd"}
	is_number(s.members)
	not operator_quorum(s)
	f := lib.finding("ST2-REP-007", severity, i, s.members_path, {"component": s.name, "kind": s.kind, "replicas": s.members, "role": s.role, "minimum": 3, "odd": true})
}

operator_quorum(s) if {
	s.members >= 3
	odd_and_at_least_3(s.voters)
}

findings contains f if {
	severity := lib.severity_capacity
	some [i, _], s in data.st2.exposure.operator_stores
	s.role == "rabbitmq"
	is_number(s.members)
	s.members < 3
	f := lib.finding("ST2-REP-007", severity, i, s.members_path, {"component": s.name, "kind": s.kind, "replicas": s.members, "role": "rabbitmq", "minimum": 3, "odd": false})
}
