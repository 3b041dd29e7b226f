from lib import *
case("kust-replacements-timers", "deny", "kustomize",
     "a replacements entry copies st2api's replica count (3) into st2timersengine: three timers engines fire every timer three times",
     """replacements:
  - source: {kind: Deployment, name: st2api, fieldPath: spec.replicas}
    targets:
      - select: {kind: Deployment, name: st2timersengine}
        fieldPaths: [spec.replicas]
""")
case("kust-component-timers", "deny", "kustomize",
     "a local Component (kind: Component) whose patch scales the sensor container to 2: every sensor runs twice",
     "components:\n  - comp\n", files={"comp/kustomization.yaml": """
      apiVersion: kustomize.config.k8s.io/v1alpha1
      kind: Component
      patches:
        - target: {kind: Deployment, name: st2sensorcontainer}
          patch: |-
            - op: replace
              path: /spec/replicas
              value: 2
     """})
case("kust-kindchange-timers-daemonset", "deny", "kustomize",
     "allowKindChange turns st2timersengine into a DaemonSet: one timers engine per node",
     """patches:
  - target: {kind: Deployment, name: st2timersengine}
    options: {allowKindChange: true}
    patch: |-
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: st2timersengine}
""")
case("kust-component-safe", "allow", "kustomize-safe",
     "a local Component adding a team label and a longer runner grace period",
     "components:\n  - comp\n", files={"comp/kustomization.yaml": """
      apiVersion: kustomize.config.k8s.io/v1alpha1
      kind: Component
      patches:
        - target: {kind: Deployment, name: st2actionrunner}
          patch: |-
            - op: add
              path: /metadata/labels/team
              value: automation
     """})
case("mongo-exporter-sidecar-safe", "allow", "observability-safe",
     "a percona mongodb_exporter sidecar in each MongoDB pod, connecting as the admin user from the existing Secret (in-pod, no Service)",
     patches(jp("StatefulSet", "mongodb", """
       - op: add
         path: /spec/template/spec/containers/-
         value:
           name: exporter
           image: percona/mongodb_exporter:0.40.0
           args: [--discovering-mode, --compatible-mode, --web.listen-address=:9216]
           env:
             - name: MONGO_USER
               valueFrom: {secretKeyRef: {name: mongodb-admin, key: user}}
             - name: MONGO_PASS
               valueFrom: {secretKeyRef: {name: mongodb-admin, key: password}}
             - {name: MONGODB_URI, value: "mongodb://$(MONGO_USER):$(MONGO_PASS)@localhost:27017/admin"}
           ports: [{name: metrics, containerPort: 9216}]
           resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {cpu: 200m, memory: 128Mi}}
           securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, privileged: false}
     """)))
case("rabbit-prometheus-plugin-safe", "allow", "observability-safe",
     "rabbitmq_prometheus enabled beside the management plugin (metrics on 15692, cluster-internal)",
     patches(jp("ConfigMap", "rabbitmq-config", "- op: replace\n  path: /data/enabled_plugins\n  value: |\n    [rabbitmq_management,rabbitmq_prometheus].\n")))
