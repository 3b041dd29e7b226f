
# Wave 4: the holes on stores and on a component that runs with the default.
F = 'F07-exposure-edge'
def store_lb(cid, exp, reason, svcname, ann, ranges):
    ops = [{'op': 'add', 'path': '/spec/type', 'value': 'LoadBalancer'}, {'op': 'add', 'path': '/spec/loadBalancerSourceRanges', 'value': ranges}]
    for k, v in ann.items():
        ops.append({'op': 'add', 'path': '/metadata/annotations/' + k.replace('/', '~1'), 'value': v})
    add(cid, exp, F, reason, K(patches=[jp('Service', svcname, ops)]))
store_lb('f07-st2api-lb-azure-tag', 'deny', 'st2api Service on a LoadBalancer restricted to 10/8 plus azure-allowed-service-tags Internet: the API open to the internet (cloud-provider-azure annotations)', 'st2api', {'service.beta.kubernetes.io/azure-allowed-service-tags': 'Internet'}, ['10.0.0.0/8'])
store_lb('f07-st2auth-lb-azure-ip-ranges', 'deny', 'st2auth on a LoadBalancer restricted to 10/8 plus azure-allowed-ip-ranges 0.0.0.0/0: login endpoint on the internet (cloud-provider-azure annotations)', 'st2auth', {'service.beta.kubernetes.io/azure-allowed-ip-ranges': '0.0.0.0/0'}, ['10.0.0.0/8'])

F = 'F06-secret-encodings'
def keyfile_init(cid, reason, script):
    add(cid, 'deny', F, reason, K(patches=[jp('StatefulSet', 'mongodb', [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/command/2', 'value': script}])]))
keyfile_init('f06-lz4-mongo-keyfile-live', 'mongod runs with the chart default keyfile 82PItDpqroti5RngOA7UqbHH7c6bFUwy, written by install-keyfile from an LZ4 frame (stackstorm-ha.md §2.2 mongodb-ha.auth.key: anyone with the published key joins the replica set as a member)',
    'echo BCJNGEBAwCAAAIA4MlBJdERwcXJvdGk1Um5nT0E3VXFiSEg3YzZiRlV3eQAAAAA= | base64 -d | lz4 -dc > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt')
keyfile_init('f06-aes-mongo-keyfile-live', 'mongod runs with the chart default keyfile, decrypted by openssl with the passphrase in the same script (stackstorm-ha.md §2.2)',
    'echo U2FsdGVkX18w3kn/oL8QCyp4dtMX9ohrjAwB2EkFOU2qJhv/xN8adLp4yw8eet1n7u3L5LF9sjut3B/9cnKeUQ== | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:st2k8s -base64 -A > /data/configdb/key.txt && chmod 0400 /data/configdb/key.txt')

F = 'F16-config-parse-differential'
add('f16-coord-zake-staging-bracket', 'deny', F, 'staging: coordination.url = zake:// after a "[" comment (%s; tooz zake)' % OSLO,
    K('staging', patches=[userconf('\n[coordination]\n# [tmp]\nurl = zake://\n')]))
