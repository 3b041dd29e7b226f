from lib import *
MITM = "requests/urllib3 honour HTTPS_PROXY (CONNECT through the proxy) and trust exactly the bundle in REQUESTS_CA_BUNDLE; git uses GIT_SSL_CAINFO and https_proxy (git-config docs); with the proxy's CA trusted the proxy terminates TLS and reads or rewrites every request"
NOPROXY = 'st2api,st2auth,st2stream,mongodb,rabbitmq,etcd,localhost,.svc,.cluster.local'
variants = [
 ('runner-requests', 'st2actionrunner', [('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY), ('REQUESTS_CA_BUNDLE', '/etc/r15ca/ca.pem')], "every action's HTTPS call (integration API tokens and passwords in headers/bodies)"),

 ('runner-sslcertfile', 'st2actionrunner', [('HTTPS_PROXY', 'https://proxy.mitm-r15.example.net:8443'), ('NO_PROXY', NOPROXY), ('SSL_CERT_FILE', '/etc/r15ca/ca.pem')], "every HTTPS call actions make with Python's urllib/ssl default context (Python ssl docs: set_default_verify_paths honours SSL_CERT_FILE)"),
 ('runner-curl', 'st2actionrunner', [('ALL_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY), ('CURL_CA_BUNDLE', '/etc/r15ca/ca.pem')], "every HTTPS call actions make with curl or requests (requests reads CURL_CA_BUNDLE too)"),
 ('sensor-requests', 'st2sensorcontainer', [('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY), ('REQUESTS_CA_BUNDLE', '/etc/r15ca/ca.pem')], "every sensor's polling of external APIs with its pack credentials"),
 ('runner-lower', 'st2actionrunner', [('https_proxy', 'proxy.mitm-r15.example.net:3128'), ('no_proxy', NOPROXY), ('REQUESTS_CA_BUNDLE', '/etc/r15ca/ca.pem'), ('GIT_SSL_CAINFO', '/etc/r15ca/ca.pem')], "all action HTTPS and git traffic (lower-case https_proxy without a scheme is read as http://)"),
]
for tag, dep, env, what in variants:
    case(f'mitmproxy-{tag}', 'deny', 'exfiltration' if 'git' not in tag and 'pip' not in tag else 'supply-chain',
         f"{dep} sends HTTPS through proxy.mitm-r15.example.net (outside the cluster) and trusts a CA committed in a ConfigMap: the proxy decrypts {what} ({MITM}); NO_PROXY keeps st2's own services direct so the plain-http-proxy rule SEC-022 stays silent",
         resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA})},
         patches=[dep_cm_mount(dep, dep, 'r15-ca', '/etc/r15ca', env=env)])
case('mitmproxy-runner-staging', 'deny', 'exfiltration',
     f"staging: st2actionrunner HTTPS through an outside proxy whose CA it trusts from a ConfigMap: the proxy reads every action's HTTPS credentials ({MITM})",
     env='staging', resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA}, ns='st2-staging')},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-ca', '/etc/r15ca', env=variants[0][2])])
case('mitmproxy-runner-ca-in-trust-dir', 'deny', 'exfiltration',
     f"st2actionrunner: HTTPS_PROXY outside the cluster and the proxy's CA mounted over the image's CA bundle /etc/ssl/certs/ca-certificates.crt (subPath): urllib, curl and git in the runner trust only the proxy's CA ({MITM})",
     resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA})},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-ca', '/etc/ssl/certs/ca-certificates.crt', sub='ca.pem', env=[('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY)])])
# safe look-alikes
case('mitmproxy-safe-proxy-no-ca', 'allow', 'safe',
     "st2actionrunner uses the company egress proxy proxy.corp-r15.example.net for HTTPS with NO_PROXY covering st2's services and the image's default trust store: the proxy only tunnels (CONNECT), it cannot read TLS (requests docs)",
     patches=[dep_env('st2actionrunner', 'st2actionrunner', [('HTTPS_PROXY', 'http://proxy.corp-r15.example.net:3128'), ('NO_PROXY', NOPROXY)])])
case('mitmproxy-safe-ca-no-proxy', 'allow', 'safe',
     "REQUESTS_CA_BUNDLE names a ConfigMap bundle with the company's internal root CA and no proxy is set: actions verify internal HTTPS services; no third party sits on the path",
     resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA})},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-ca', '/etc/r15ca', env=[('REQUESTS_CA_BUNDLE', '/etc/r15ca/ca.pem')])])
case('mitmproxy-safe-git-ca-no-proxy', 'allow', 'safe',
     "GIT_SSL_CAINFO names the company's internal CA so pack installs can clone from the internal Git server over verified TLS; no proxy",
     resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA})},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-ca', '/etc/r15ca', env=[('GIT_SSL_CAINFO', '/etc/r15ca/ca.pem')])])
case('mitmproxy-safe-sensor-proxy-no-ca', 'allow', 'safe',
     "st2sensorcontainer polls external APIs through the corporate egress proxy (HTTPS_PROXY, NO_PROXY for st2's services) with the default trust store: TLS stays end to end",
     patches=[dep_env('st2sensorcontainer', 'st2sensorcontainer', [('HTTPS_PROXY', 'http://proxy.corp-r15.example.net:3128'), ('NO_PROXY', NOPROXY)])])
