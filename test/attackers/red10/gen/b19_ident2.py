from lib import *
def mongo_noauth(id, newname, exp="deny", tag="4.4.29"):
    case(id, exp, "store-identity",
         f"MongoDB pulled as {newname}:{tag} (the same official image through another registry path) with --noauth: no access control on st2's database",
         f"images:\n  - name: mongo\n    newName: {newname}\n    newTag: {tag}\n" + patches(jp("StatefulSet", "mongodb", """
           - op: replace
             path: /spec/template/spec/containers/0/args
             value: [--replSet, rs0, --noauth]
         """)))
mongo_noauth("id-dockerio-library-mongo-noauth", "docker.io/library/mongo")
mongo_noauth("id-ecr-public-mongo-noauth", "public.ecr.aws/docker/library/mongo")
mongo_noauth("id-gcr-mirror-mongo-noauth", "mirror.gcr.io/library/mongo")
