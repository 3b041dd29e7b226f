# ST2-REP-003's partitioning, as each st2sensorcontainer process reads it: the
# last word of its own chain of config files on [sensorcontainer]
# partition_provider and sensor_node_name (src/policy/st2-sensor-partition.ts),
# so a pod mounting every partition's file but passing its own with
# --config-file is judged by that file. A sensor workload is partitioned when
# each of its sensor containers runs its sensors exclusively: hash ranges
# meeting no other sensor container's of the namespace, or a kvstore/file node
# name no other one uses.
package st2.replicas

sensor_partition_index[s.resource] contains s if {
	some s in object.get(input.facts, "sensor_partitions", [])
	is_object(s)
}

partitioned(i, _) if {
	facts := sensor_partition_index[i]
	count(facts) > 0
	every s in facts {
		s.exclusive == true
	}
}
