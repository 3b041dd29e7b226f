# Wave 3: around the holes found.
F = 'F16-config-parse-differential'
uc2('f16-coord-file-bracket-comment', 'deny', 'coordination.url = file:// after a "[" comment: file locks are per pod (%s; st2 ha.rst "file-based co-ordination backend will not work")' % OSLO,
    '\n[coordination]\n# [tmp]\nurl = file:///tmp/locks\n')
uc2('f16-coord-redis-absent-bracket', 'deny', 'coordination.url = redis://redis:6379 after a "[" comment with no Redis in the render: every lock fails (%s; tooz redis driver)' % OSLO,
    '\n[coordination]\n# moving to redis [CHG-9]\nurl = redis://redis:6379\n')
uc2('f16-coord-etcd3-bracket', 'deny', 'coordination.url = etcd3+http:// after a "[" comment: etcd3gw not shipped in st2 3.8.1 (%s; stackstorm-ha.md §12)' % OSLO,
    '\n[coordination]\n# [v3]\nurl = etcd3+http://etcd:2379\n')
uc2('f16-coord-zake-dup-section', 'deny', 'two [coordination] sections, the last url zake:// (%s)' % OSLO_LAST,
    '\n[coordination]\nurl = etcd://etcd:2379\n\n[coordination]\nurl = zake://\n')
split('f16-coord-zake-per-service-bracket', 'deny', 'st2workflowengine alone on zake:// hidden after a "[" comment in its extra config file: its workflow locks are not shared (%s; st2 services/workflows.py takes coordination locks)' % OSLO,
      'st2workflowengine', '[coordination]\n# [local]\nurl = zake://\n')
CASES[-1]['fam'] = F
uc2('f16s-coord-comment-etcd', 'allow', 'a "[" comment before the same etcd:// url', '\n[coordination]\n# [note] same backend\nurl = etcd://etcd:2379\n')

F = 'F11-store-runtime'
rconf('f11-rmq-auth-backend-ldap', 'deny', 'auth_backends.1 = ldap with no LDAP server or plugin configured: the internal admin user is no longer consulted, st2 cannot log in (RabbitMQ access control docs auth_backends)', 'auth_backends.1 = ldap\n')
add('f11-etcd-client-https-nocert', 'deny', F, '--listen-client-urls=https://0.0.0.0:2379 without --cert-file/--key-file: etcd refuses to start (etcd security docs: TLS listener needs a key pair)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/4', 'value': '--listen-client-urls=https://0.0.0.0:2379'}])]))
margs('f11-mongo-tls-require-nocert', 'deny', 'mongod --tlsMode requireTLS without --tlsCertificateKeyFile: mongod refuses to start (MongoDB docs net.tls.mode)', ['--tlsMode', 'requireTLS'])
margs('f11-mongo-cluster-x509-nocert', 'deny', 'mongod --clusterAuthMode x509 without TLS certificates: refuses to start (MongoDB docs security.clusterAuthMode)', ['--clusterAuthMode', 'x509'])
rconf('f11-rmq-loopback-admin-alt', 'deny', 'loopback_users.admin = true written after a comment: admin limited to localhost (RabbitMQ access control docs)', '# lock down admin\nloopback_users.admin = true\n')
eargs('f11-etcd-peer-tls-nocert', 'deny', '--peer-client-cert-auth=true with plain-http peer URLs and no certs: etcd refuses to start (etcd security docs)', '--peer-client-cert-auth=true')

F = 'F06-secret-encodings'
enc('f06-lz4-cookie-b64-script', 'Erlang cookie default in an LZ4 frame piped through lz4 -dc (stackstorm-ha.md §2.2)',
    'echo BCJNGEBAwCgAAIA4TXJxUWRDUTZBUThVM01hY1N1YkhFNVJxa1Nmdk5hUkh6dnh1RmNHAAAAAA== | base64 -d | lz4 -dc')
