from lib import *
U0 = "# Operator overrides (the chart's st2.config value). Highest priority.\n[api]\nallow_origin = '*'\n"
def uc(id, exp, reason, extra, cls="st2-config", base="prod"):
    case(id, exp, cls, reason, userconf(U0 + "\n" + extra), base=base)

uc("cfg-ssh-key-home-var", "deny", "oslo.config 1.12 substitutes $HOME as an option name: NoSuchOptError when the runner reads [system_user] ssh_key_file, every remote-shell action fails",
   "[system_user]\nssh_key_file = $HOME/.ssh/stanley_rsa\n")
uc("cfg-packs-path-var", "deny", "oslo $HOME substitution in [content] packs_base_paths raises NoSuchOptError wherever packs are loaded (register-content, api, runners)",
   "[content]\npacks_base_paths = /opt/stackstorm/packs:${HOME}/packs\n")
uc("cfg-gc-ttl-nonint", "deny", "[garbagecollector] action_executions_ttl is an IntOpt: '30d' raises ConfigFileValueError when st2garbagecollector starts: crash-loop",
   "[garbagecollector]\naction_executions_ttl = 30d\n")
uc("cfg-scheduler-sleep-nonfloat", "deny", "[scheduler] sleep_interval is a FloatOpt: '100ms' makes st2scheduler crash at start: no execution leaves requested",
   "[scheduler]\nsleep_interval = 100ms\n")
uc("cfg-messaging-retries-word", "deny", "[messaging] connection_retries is an IntOpt read by every service's connection retry wrapper: 'ten' crashes them all",
   "[messaging]\nconnection_retries = ten\n")
uc("cfg-stream-heartbeat-unit", "deny", "[stream] heartbeat IntOpt given '25s': st2stream crashes when it opens a stream",
   "[stream]\nheartbeat = 25s\n")
uc("cfg-sensor-single-mode", "deny", "[sensorcontainer] single_sensor_mode = True without --sensor-ref: st2sensorcontainer exits at start (no sensors run)",
   "[sensorcontainer]\nsingle_sensor_mode = True\n")
uc("cfg-python-binary-py2", "deny", "[actionrunner] python_binary (used by st2common/util/virtualenvs.py to build pack virtualenvs) = /usr/bin/python2.7, absent from the py3-only 3.8 images: every pack install/setup_virtualenv fails",
   "[actionrunner]\npython_binary = /usr/bin/python2.7\n")
uc("cfg-auth-use-ssl-nocert", "deny", "[auth] use_ssl = True: st2auth refuses to start when the cert file (default /etc/apache2/ssl/mycert.crt) does not exist",
   "[auth]\nuse_ssl = True\n")
uc("cfg-auth-htpasswd-path", "deny", "[auth] backend_kwargs file_path names a file nothing mounts: every login fails (flat_file backend cannot read it)",
   "[auth]\nbackend = flat_file\nbackend_kwargs = {\"file_path\": \"/etc/st2/htpasswd-prod\"}\n")
uc("cfg-coord-zake", "deny", "tooz zake:// is an in-process fake: locks are not shared between replicas, concurrency policies and workflow locks silently stop working",
   "[coordination]\nurl = zake://\n")
uc("cfg-coord-file", "deny", "tooz file:// backend is per-pod: ha.rst says file-based coordination will not work in distributed setups",
   "[coordination]\nurl = file:///tmp/st2-coordination\n")
uc("cfg-coord-etcd-peer-port", "deny", "etcd Service exposes only 2379; etcd://etcd:2380 reaches nothing: every coordination call fails",
   "[coordination]\nurl = etcd://etcd:2380\n")
uc("cfg-coord-etcd-https", "deny", "etcd serves plain http on 2379 (listen-client-urls http://); tooz with protocol=https fails every TLS handshake",
   "[coordination]\nurl = etcd://etcd:2379?protocol=https\n")
uc("cfg-db-w0", "deny", "MongoDB URI w=0: unacknowledged writes, st2 never sees write errors, executions and state silently lost on failover",
   "[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&w=0\n")
uc("cfg-db-host-wrong-names", "deny", "[database] host names mongo-N.mongo (no such Service): every st2 service fails to connect at start (crash-loop)",
   "[database]\nhost = mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/?authSource=admin&replicaSet=rs0\n")
uc("cfg-db-ssl-no-tls", "deny", "[database] ssl = True while mongod has no TLS listener: every st2 service fails its handshake and crash-loops",
   "[database]\nssl = True\n")
case("cfg-messaging-wrong-port", "deny", "st2-config", "st2.secrets.conf [messaging] url on port 5673 where no RabbitMQ listens (Service and pods serve 5672): every st2 service fails to connect",
   patches(jp("ExternalSecret", "st2-config-secrets", """
      - op: replace
        path: /spec/target/template/data/st2.secrets.conf
        value: |
          [messaging]
          url = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5673

          [database]
          username = {{ .mongodbUser }}
          password = {{ .mongodbPassword }}
    """)))
uc("cfg-timer-old-section-tz", "deny", "st2 3.8 timers engine reads [timer] local_timezone first (deprecated group, default None): an unknown zone crashes st2timersengine",
   "[timer]\nlocal_timezone = US/Pacifik\n")
uc("cfg-db-readpref-secondary", "deny", "readPreference=secondary: st2 reads lagging secondaries (workflow and scheduler state), and with one secondary down reads fail",
   "[database]\nhost = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0&readPreference=secondary\n")
# safe look-alikes
uc("cfg-safe-allow-origin-narrow", "allow", "narrowing [api] allow_origin from '*' to the st2web host is stricter",
   "[api]\nallow_origin = https://st2.example.com\n".replace("[api]\n", ""), cls="st2-config-safe")
uc("cfg-safe-gc-ttl-int", "allow", "a 30-day execution TTL for the garbage collector (integer days) is a normal setting",
   "[garbagecollector]\naction_executions_ttl = 30\ntrigger_instances_ttl = 7\n", cls="st2-config-safe")
uc("cfg-safe-token-ttl", "allow", "shorter token lifetime (12h) is stricter than the 24h default",
   "[auth]\ntoken_ttl = 43200\n", cls="st2-config-safe")
uc("cfg-safe-rbac-isolation", "allow", "[rbac] permission_isolation = True restricts users to their own executions: stricter",
   "[rbac]\npermission_isolation = True\n", cls="st2-config-safe")
uc("cfg-safe-escaped-dollar", "allow", "a literal $ escaped as $$ is how oslo.config spells a dollar: the webui URL is read as written",
   "[webui]\nwebui_base_url = https://st2.example.com/$$\n", cls="st2-config-safe")
uc("cfg-safe-scheduler-pool", "allow", "[scheduler] pool_size = 20 (integer) is a tuning knob",
   "[scheduler]\npool_size = 20\nsleep_interval = 0.2\n", cls="st2-config-safe")
uc("cfg-safe-log-mask-true", "allow", "[log] mask_secrets = True restates the default",
   "[log]\nmask_secrets = True\n[api]\nmask_secrets = True\n", cls="st2-config-safe")
