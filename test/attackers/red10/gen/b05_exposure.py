from lib import *
def res(id, exp, cls, reason, yaml_text, extra_k="", base="prod", planted=None):
    case(id, exp, cls, reason, "  - extra.yaml\n" + extra_k, files={"extra.yaml": yaml_text}, base=base, planted=planted)

res("exp-cf-tunnelbinding-mongo", "deny", "exposure-tunnel",
    "cloudflare-operator TunnelBinding publishes the MongoDB Service through a Cloudflare tunnel at mongo.example.com: the database reachable from the internet",
    """
    apiVersion: networking.cfargotunnel.com/v1alpha1
    kind: TunnelBinding
    metadata: {name: mongodb-tunnel}
    subjects:
      - name: mongodb
        spec: {fqdn: mongo.example.com, protocol: tcp, target: "tcp://mongodb.st2-prod.svc:27017"}
    tunnelRef: {kind: ClusterTunnel, name: k8s-tunnel}
    """)
res("exp-ngrok-agentendpoint-rabbit", "deny", "exposure-tunnel",
    "ngrok operator AgentEndpoint forwarding a public tcp:// ngrok address to RabbitMQ's AMQP port",
    """
    apiVersion: ngrok.k8s.ngrok.com/v1alpha1
    kind: AgentEndpoint
    metadata: {name: rabbitmq-public}
    spec:
      url: tcp://1.tcp.ngrok.io:20001
      upstream: {url: "tcp://rabbitmq.st2-prod:5672"}
    """)
res("exp-ngrok-ingressclass-etcd", "deny", "exposure-tunnel",
    "an Ingress of class ngrok (the ngrok ingress controller publishes it on the internet) in front of etcd's client port: st2's coordination store, with no auth, open to the world",
    """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: etcd-debug}
    spec:
      ingressClassName: ngrok
      rules:
        - host: st2-etcd.ngrok.app
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: etcd, port: {number: 2379}}}
    """)
res("exp-socat-relay-st2auth-lb", "deny", "exposure",
    "a socat relay Deployment forwarding to st2auth:9100 behind an unrestricted LoadBalancer: st2's login endpoint (password guessing, tokens over plain HTTP) on the internet",
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: auth-relay, labels: {app: auth-relay}}
    spec:
      replicas: 1
      selector: {matchLabels: {app: auth-relay}}
      template:
        metadata: {labels: {app: auth-relay}}
        spec:
          containers:
            - name: relay
              image: alpine/socat:1.8.0.0
              args: ["TCP-LISTEN:9100,fork,reuseaddr", "TCP:st2auth:9100"]
              ports: [{containerPort: 9100}]
              resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 100m, memory: 64Mi}}
              securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsNonRoot: true, runAsUser: 1001, seccompProfile: {type: RuntimeDefault}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: auth-relay}
    spec:
      type: LoadBalancer
      selector: {app: auth-relay}
      ports: [{port: 80, targetPort: 9100}]
    """)
res("exp-grpcroute-etcd", "deny", "exposure",
    "Gateway API GRPCRoute sending etcd's gRPC (v3) API through a shared public Gateway: the coordination store reachable from outside",
    """
    apiVersion: gateway.networking.k8s.io/v1
    kind: GRPCRoute
    metadata: {name: etcd}
    spec:
      parentRefs: [{name: public-gw, namespace: gateway-system}]
      hostnames: [st2-etcd.example.com]
      rules:
        - backendRefs: [{name: etcd, port: 2379}]
    """)
res("exp-tlsroute-mongo", "deny", "exposure",
    "Gateway API TLSRoute passing TLS through to MongoDB on a public Gateway",
    """
    apiVersion: gateway.networking.k8s.io/v1alpha2
    kind: TLSRoute
    metadata: {name: mongo}
    spec:
      parentRefs: [{name: public-gw, namespace: gateway-system, sectionName: tls}]
      hostnames: [st2-mongo.example.com]
      rules:
        - backendRefs: [{name: mongodb, port: 27017}]
    """)
res("exp-safe-st2api-ingress", "allow", "exposure-safe",
    "st2api on its own TLS host (cert-manager production issuer, ssl-redirect on): st2api requires a token or API key for everything but its root",
    """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: st2api
      annotations:
        cert-manager.io/cluster-issuer: letsencrypt-production
        nginx.ingress.kubernetes.io/ssl-redirect: "true"
    spec:
      ingressClassName: nginx
      tls: [{hosts: [st2-api.example.com], secretName: st2api-ingress-tls}]
      rules:
        - host: st2-api.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: st2api, port: {number: 9101}}}
    """)
res("exp-safe-internal-lb-st2api", "allow", "exposure-safe",
    "st2api on an AWS internal NLB with private source ranges: reachable only from the VPC",
    """
    apiVersion: v1
    kind: Service
    metadata:
      name: st2api-internal
      annotations:
        service.beta.kubernetes.io/aws-load-balancer-internal: "true"
        service.beta.kubernetes.io/aws-load-balancer-scheme: internal
    spec:
      type: LoadBalancer
      loadBalancerSourceRanges: [10.0.0.0/8]
      selector: {app: st2api, release: st2, support: enterprise}
      ports: [{name: http, port: 9101, targetPort: 9101}]
    """)
res("exp-safe-servicemonitor-like-clusterip", "allow", "exposure-safe",
    "a ClusterIP Service for RabbitMQ's management API (15672) used by in-cluster monitoring",
    """
    apiVersion: v1
    kind: Service
    metadata: {name: rabbitmq-mgmt, labels: {app: rabbitmq, release: st2}}
    spec:
      type: ClusterIP
      selector: {app: rabbitmq, release: st2}
      ports: [{name: http, port: 15672, targetPort: 15672}]
    """)
