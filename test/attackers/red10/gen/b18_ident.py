from lib import *
case("id-percona-mongo-emptydir", "deny", "store-identity",
     "MongoDB switched to Percona Server for MongoDB 4.4 (drop-in mongod) and its data volume to an emptyDir: every restart of a member wipes it; a rollout wipes the whole replica set (st2's database gone)",
     "images:\n  - name: mongo\n    newName: percona/percona-server-mongodb\n    newTag: 4.4.29-28\n" + patches(jp("StatefulSet", "mongodb", """
       - op: add
         path: /spec/template/spec/volumes/-
         value: {name: scratch-data, emptyDir: {}}
       - op: replace
         path: /spec/template/spec/containers/0/volumeMounts/0/name
         value: scratch-data
     """)))
case("id-mongo-community-nojournal", "deny", "store-identity",
     "MongoDB on MongoDB Inc.'s own image (mongodb/mongodb-community-server) with --nojournal: 4.x refuses --nojournal for WiredTiger replica-set members (crash-loop), and would otherwise lose acknowledged writes on a crash",
     "images:\n  - name: mongo\n    newName: mongodb/mongodb-community-server\n    newTag: 4.4.29-ubuntu2004\n" + patches(jp("StatefulSet", "mongodb", """
       - op: add
         path: /spec/template/spec/containers/0/args/-
         value: --nojournal
     """)))
case("id-quay-etcd-nofsync", "deny", "store-identity",
     "etcd on the upstream quay.io/coreos/etcd image with --unsafe-no-fsync: a node crash loses committed raft entries",
     patches(jp("StatefulSet", "etcd", """
       - op: replace
         path: /spec/template/spec/containers/0/image
         value: quay.io/coreos/etcd:v3.5.17
       - op: add
         path: /spec/template/spec/containers/0/command/-
         value: --unsafe-no-fsync
     """)))
case("id-percona-mongo-noauth", "deny", "store-identity",
     "Percona Server for MongoDB image with --noauth appended: no access control on st2's database (every pod in the cluster reads and writes it)",
     "images:\n  - name: mongo\n    newName: percona/percona-server-mongodb\n    newTag: 4.4.29-28\n" + patches(jp("StatefulSet", "mongodb", """
       - op: replace
         path: /spec/template/spec/containers/0/args
         value: [--replSet, rs0, --noauth]
     """)))
case("id-percona-mongo-safe", "allow", "store-safe",
     "MongoDB on Percona Server for MongoDB 4.4.29 (drop-in, same flags, keyfile and auth)",
     "images:\n  - name: mongo\n    newName: percona/percona-server-mongodb\n    newTag: 4.4.29-28\n")
