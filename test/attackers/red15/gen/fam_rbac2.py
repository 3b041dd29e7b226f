from lib import *
def role(name, rules, ns='st2-prod'):
    return f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n  namespace: {ns}\nrules:\n{rules}"
def rb(name, role_kind, role_name, subjects, ns='st2-prod'):
    return f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {name}\n  namespace: {ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {role_kind}\n  name: {role_name}\nsubjects:\n{subjects}"
def sa(name, ns): return f"  - kind: ServiceAccount\n    name: {name}\n    namespace: {ns}\n"
RUN = "st2's runners run as SA default of st2-prod (no serviceAccountName; k8s automounts its token), so any st2 user allowed core.local holds what it holds — the premise of the gate's own ST2-OPS-006 table"
def rule(groups, resources, verbs):
    return f"  - apiGroups: {json.dumps(groups)}\n    resources: {json.dumps(resources)}\n    verbs: {json.dumps(verbs)}\n"
items = [
 ('hpa', rule(['autoscaling'], ['horizontalpodautoscalers'], ['create','update','patch']), 'privilege-escalation', "create an HPA on st2timersengine with minReplicas 2: the HPA controller runs a second timers engine (every timer fires twice); same effect as deployments/scale which the table denies (k8s HPA docs)"),
 ('hpa-star', rule(['autoscaling'], ['*'], ['*']), 'privilege-escalation', "hold every autoscaling verb: an HPA with minReplicas 2 on st2sensorcontainer runs every sensor twice (k8s HPA docs)"),
 ('keda-scaledobjects', rule(['keda.sh'], ['scaledobjects'], ['create','update','patch']), 'privilege-escalation', "create KEDA ScaledObjects: KEDA's operator scales st2timersengine above 1 (duplicate timers) or MongoDB's StatefulSet to 0 (KEDA docs: ScaledObject scales its scaleTargetRef)"),
 ('keda-scaledjobs', rule(['keda.sh'], ['scaledjobs'], ['create']), 'privilege-escalation', "create KEDA ScaledJobs: KEDA creates Jobs from the object's own pod template, so any pod mounting st2's Secrets runs in st2-prod; same as batch jobs create which the table denies (KEDA docs: ScaledJob jobTargetRef is a Job spec)"),
 ('tekton-taskruns', rule(['tekton.dev'], ['taskruns','pipelineruns'], ['create']), 'privilege-escalation', "create Tekton TaskRuns: Tekton's controller starts pods of any image and steps in st2-prod, mounting any Secret of the namespace (Tekton docs: TaskRun runs its steps as containers in the TaskRun's namespace)"),
 ('argo-workflowtemplates', rule(['argoproj.io'], ['workflowtemplates','workflowtaskresults'], ['create','update']), 'privilege-escalation', "rewrite Argo WorkflowTemplates that the namespace's cron workflows reference: the next run executes the user's pod spec (Argo Workflows docs: workflowTemplateRef)"),
 ('spark-apps', rule(['sparkoperator.k8s.io'], ['sparkapplications','scheduledsparkapplications'], ['create']), 'privilege-escalation', "create SparkApplications: the spark operator starts driver/executor pods of any image in st2-prod mounting any Secret (spark-operator docs: spec.volumes/secrets)"),
 ('flux-kustomizations', rule(['kustomize.toolkit.fluxcd.io','source.toolkit.fluxcd.io'], ['kustomizations','gitrepositories'], ['create']), 'privilege-escalation', "create Flux GitRepository+Kustomization in st2-prod: kustomize-controller applies whatever the named repo holds, with its own (by default cluster-admin) account (Flux docs: spec.serviceAccountName optional, defaults to the controller's)"),
 ('traefik-tcp', rule(['traefik.io','traefik.containo.us'], ['ingressroutetcps','ingressroutes'], ['create','update','patch']), 'exposure', "create Traefik IngressRouteTCPs: publish mongodb:27017 or rabbitmq:5672 on the public entrypoint (Traefik docs: IngressRouteTCP)"),
 ('istio-routing', rule(['networking.istio.io'], ['virtualservices','gateways'], ['create','update','patch']), 'exposure', "create Istio Gateways/VirtualServices: bind a public ingressgateway port to mongodb (Istio docs: Gateway + VirtualService tcp route)"),
 ('contour-httpproxy', rule(['projectcontour.io'], ['httpproxies'], ['create','update','patch']), 'exposure', "create Contour HTTPProxies: publish rabbitmq's management UI or a TCP proxy to mongodb on the public Envoy (Contour docs: HTTPProxy tcpproxy)"),
 ('ambassador-mappings', rule(['getambassador.io'], ['mappings','tcpmappings','hosts'], ['create','update']), 'exposure', "create Emissary Mappings/TCPMappings: route the public edge to mongodb or rabbitmq management (Emissary docs: TCPMapping)"),
 ('kong-routes', rule(['configuration.konghq.com'], ['tcpingresses','kongplugins'], ['create','update']), 'exposure', "create Kong TCPIngresses: publish mongodb on Kong's public stream listener (Kong docs: TCPIngress)"),
 ('gateway-referencegrants', rule(['gateway.networking.k8s.io'], ['referencegrants'], ['create','update']), 'exposure', "create ReferenceGrants in st2-prod: let any other namespace's routes send public traffic to mongodb or rabbitmq (Gateway API docs: ReferenceGrant)"),
 ('velero-restores', rule(['velero.io'], ['restores','backups'], ['create']), 'exfiltration', "create Velero Backups of st2-prod: velero (cluster-wide rights) copies every Secret and volume of the namespace to its storage location and can restore them into any namespace with namespaceMapping (Velero docs)"),
 ('cert-manager-certs', rule(['cert-manager.io'], ['certificates'], ['create','update']), 'exposure', "create cert-manager Certificates with the public ACME ClusterIssuer for any name the Ingress answers: plus the write on ingresses-like CRDs... "),
]
items = [i for i in items if i[0] not in ('cert-manager-certs', 'velero-restores', 'argo-workflowtemplates')]
for tag, rules_, cls, what in items:
    case(f'runnerrole-{tag}', 'deny', cls,
         f"Role bound to SA default in st2-prod lets it {what}. {RUN}",
         resources={'role.yaml': role('r15-runner', rules_), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', sa('default', 'st2-prod'))})
# via ClusterRole + RoleBinding, via User-form subject, via named SA used by runners
case('runnerrole-hpa-clusterrole', 'deny', 'privilege-escalation',
     f"ClusterRole with HPA create bound by RoleBinding in st2-prod to SA default: runners (any st2 user with core.local) create an HPA running two st2timersengine pods. {RUN}",
     resources={'cr.yaml': "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r15-autoscaler-writer\nrules:\n" + rule(['autoscaling'], ['horizontalpodautoscalers'], ['create','patch']),
                'rb.yaml': rb('r15-runner', 'ClusterRole', 'r15-autoscaler-writer', sa('default', 'st2-prod'))})
case('runnerrole-hpa-userform', 'deny', 'privilege-escalation',
     f"Role with HPA create bound to User system:serviceaccount:st2-prod:default (the runners' token user): any st2 user with core.local doubles st2timersengine through an HPA. {RUN}",
     resources={'role.yaml': role('r15-runner', rule(['autoscaling'], ['horizontalpodautoscalers'], ['create'])), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', "  - kind: User\n    apiGroup: rbac.authorization.k8s.io\n    name: system:serviceaccount:st2-prod:default\n")})
case('runnerrole-tekton-staging', 'deny', 'privilege-escalation',
     f"staging: runners' SA may create Tekton TaskRuns: any st2 user starts pods mounting staging's Secrets. {RUN}",
     env='staging', resources={'role.yaml': role('r15-runner', rule(['tekton.dev'], ['taskruns'], ['create']), 'st2-staging'), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', sa('default', 'st2-staging'), 'st2-staging')})
case('runnerrole-keda-dedicated-sa', 'deny', 'privilege-escalation',
     f"st2actionrunner given serviceAccountName st2-runner, which may create KEDA ScaledObjects: any st2 user with core.local runs two timers engines. {RUN}",
     resources={'sa.yaml': "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: st2-runner\n  namespace: st2-prod\n",
                'role.yaml': role('r15-runner', rule(['keda.sh'], ['scaledobjects'], ['create'])), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', sa('st2-runner', 'st2-prod'))},
     patches=[sm("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2actionrunner\nspec:\n  template:\n    spec:\n      serviceAccountName: st2-runner\n")])
# safe look-alikes
for tag, rules_, why in [
  ('hpa-read', rule(['autoscaling'], ['horizontalpodautoscalers'], ['get','list','watch']), 'read HPAs (a pack reporting scaling state)'),
  ('keda-read', rule(['keda.sh'], ['scaledobjects'], ['get','list']), 'read KEDA ScaledObjects'),
  ('tekton-read', rule(['tekton.dev'], ['taskruns','pipelineruns'], ['get','list','watch']), 'read Tekton run status (a pack that reports CI results)'),
  ('events-create', rule([''], ['events'], ['create','patch']), 'write Events (a pack recording what it did)'),
  ('leases', rule(['coordination.k8s.io'], ['leases'], ['get','create','update']), 'hold Leases (a pack sensor electing a leader)'),
]:
    case(f'runnerrole-safe-{tag}', 'allow', 'safe',
         f"Role bound to the runners' SA default may only {why}: nothing that runs pods, scales, routes or reads Secrets",
         resources={'role.yaml': role('r15-runner', rules_), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', sa('default', 'st2-prod'))})
case('runnerrole-safe-hpa-other-sa', 'allow', 'safe',
     "HPA write given to a dedicated SA st2-scaler used by no pod (token not mounted anywhere): st2 users cannot act as it",
     resources={'sa.yaml': "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: st2-scaler\n  namespace: st2-prod\nautomountServiceAccountToken: false\n",
                'role.yaml': role('r15-scaler', rule(['autoscaling'], ['horizontalpodautoscalers'], ['get','list'])), 'rb.yaml': rb('r15-scaler', 'Role', 'r15-scaler', sa('st2-scaler', 'st2-prod'))})
