from lib import *
DEL_ES = lambda name: f"""  - patch: |-
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: {{name: {name}}}
      $patch: delete
"""
case("sec-prod-default-plus-year", "deny", "secret-weak",
     "production st2admin password 'Ch@ngeMe2026': the chart's published default with the year appended, the first guess of any attacker who knows the chart",
     f"""secretGenerator:
  - name: st2-auth
    options: {{disableNameSuffixHash: true}}
    literals:
      - username=st2admin
      - password=Ch@ngeMe2026
patches:
{DEL_ES('st2-auth')}""", planted=["Ch@ngeMe2026"])
case("waiver-staging-open-lb", "deny", "waiver",
     "staging st2web on an unrestricted LoadBalancer, waived for 60 days: staging runs real integrations with st2 credentials, and its UI/API is on the internet for two months (the never-waivable list binds production only)",
     """patches:
  - target: {kind: Service, name: st2web}
    patch: |-
      - op: replace
        path: /spec/type
        value: LoadBalancer
      - op: add
        path: /metadata/annotations/st2-gitops~1waive.ST2-EXP-007
        value: "expires=2027-02-04; reason=vendor demo without VPN, CHG-2211"
""", base="staging")
case("sc-st2web-runasnonroot", "deny", "securitycontext",
     "pod-level runAsNonRoot on st2web (hardening zeal): the st2web image starts nginx as root (no numeric non-root USER), so the kubelet refuses every st2web container: UI down",
     patches(jp("Deployment", "st2web", """
       - op: add
         path: /spec/template/spec/securityContext/runAsNonRoot
         value: true
     """)))
case("waiver-staging-nodeport-safe", "allow", "waiver-safe",
     "staging st2web on a NodePort behind the company's own L4 load balancer, waived for 30 days with a reason (EXP NodePort rules are waivable by design)",
     """patches:
  - target: {kind: Service, name: st2web}
    patch: |-
      - op: replace
        path: /spec/type
        value: NodePort
      - op: add
        path: /metadata/annotations/st2-gitops~1waive.ST2-EXP-002
        value: "expires=2027-01-05; reason=F5 VIP migration, CHG-2290"
""", base="staging")
case("dev-st2web-public-ingress", "deny", "exposure",
     "dev st2web (login st2admin/Ch@ngeMe from components/default-secrets) behind a public Ingress with a real certificate: the published default login works from the internet, and st2admin runs shell actions inside the cluster",
     "  - ing.yaml\n", base="dev", files={"ing.yaml": """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: st2web-dev
        annotations:
          cert-manager.io/cluster-issuer: letsencrypt-production
          nginx.ingress.kubernetes.io/backend-protocol: HTTPS
      spec:
        ingressClassName: nginx
        tls: [{hosts: [st2-dev.example.com], secretName: st2web-dev-tls}]
        rules:
          - host: st2-dev.example.com
            http:
              paths:
                - {path: /, pathType: Prefix, backend: {service: {name: st2web, port: {number: 443}}}}
     """})
case("dev-st2web-open-lb", "deny", "exposure",
     "dev st2web on an unrestricted LoadBalancer with the chart's published st2admin/Ch@ngeMe login: remote code execution in the shared cluster for anyone on the internet",
     "patches:\n  - target: {kind: Service, name: st2web}\n    patch: |-\n      - op: replace\n        path: /spec/type\n        value: LoadBalancer\n", base="dev")
case("dev-hostpath-root-daemonset", "deny", "cluster-harm",
     "dev render adds a DaemonSet mounting the node's / (hostPath) into a busybox container on every node: any st2 dev user (default creds) or the image owner gets every node's kubelet credentials and other tenants' volumes",
     "  - ds.yaml\n", base="dev", files={"ds.yaml": """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: node-debug}
      spec:
        selector: {matchLabels: {app: node-debug}}
        template:
          metadata: {labels: {app: node-debug}}
          spec:
            containers:
              - name: debug
                image: busybox:1.36.1
                command: [sh, -c, "sleep infinity"]
                volumeMounts: [{name: host, mountPath: /host}]
                resources: {requests: {cpu: 5m, memory: 8Mi}, limits: {cpu: 50m, memory: 32Mi}}
            volumes: [{name: host, hostPath: {path: /}}]
     """})
case("dev-privileged-hostpid", "deny", "cluster-harm",
     "dev st2actionrunner made privileged with hostPID: any st2 action (st2admin/Ch@ngeMe is published) can nsenter into the node as root",
     patches(jp("Deployment", "st2actionrunner", """
       - op: add
         path: /spec/template/spec/hostPID
         value: true
       - op: add
         path: /spec/template/spec/containers/0/securityContext
         value: {privileged: true}
     """)), base="dev")
case("mongo-init-sidecar-removed", "deny", "store-mongodb",
     "the replset-init container (it only runs `sleep infinity` once done, so it looks idle) removed: nothing ever runs rs.initiate, a fresh or rebuilt environment's mongod members never form rs0 and st2 (replicaSet=rs0) never connects",
     patches(jp("StatefulSet", "mongodb", "- op: remove\n  path: /spec/template/spec/containers/1\n")))
