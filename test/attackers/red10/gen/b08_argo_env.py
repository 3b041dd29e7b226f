from lib import *
def ann(kind, name, key, value):
    k = key.replace("/", "~1")
    return jp(kind, name, f"- op: add\n  path: /metadata/annotations/{k}\n  value: \"{value}\"\n")
case("argo-prune-false-safe", "allow", "argo-safe", "Prune=false on the pack-configs ConfigMap keeps it if it is ever removed from git",
     patches(ann("ConfigMap", "st2-pack-configs", "argocd.argoproj.io/sync-options", "Prune=false")))
case("argo-namespace-delete-false-safe", "allow", "argo-safe", "Delete=false on the st2-prod Namespace: deleting the Application never deletes the namespace and its volumes",
     patches(ann("Namespace", "st2-prod", "argocd.argoproj.io/sync-options", "Delete=false")))
case("argo-hook-succeeded-safe", "allow", "argo-safe", "register-content hook also deleted once it succeeds (HookSucceeded,BeforeHookCreation)",
     patches(jp("Job", "st2-register-content", "- op: replace\n  path: /metadata/annotations/argocd.argoproj.io~1hook-delete-policy\n  value: BeforeHookCreation,HookSucceeded\n")))
case("argo-ssa-safe", "allow", "argo-safe", "ServerSideApply=true on the st2api Deployment",
     patches(ann("Deployment", "st2api", "argocd.argoproj.io/sync-options", "ServerSideApply=true")))
case("kust-commonlabels-selector-outage", "deny", "kustomize",
     "commonLabels also rewrites Deployment/StatefulSet selectors, which the API server refuses to change (immutable): the sync fails for every workload while the Services' new selectors (mutable) apply and match none of the running pods: every Service loses its endpoints",
     "commonLabels:\n  team: platform\n")
case("kust-labels-no-selectors-safe", "allow", "kustomize-safe",
     "labels with includeSelectors false (the default for `labels`): metadata only, selectors untouched",
     "labels:\n  - pairs: {team: platform}\n    includeTemplates: true\n")
case("kust-timers-bad-tag-recreate", "deny", "kustomize",
     "st2timersengine moved to tag 3.8.01, which does not exist: strategy Recreate kills the running timers pod first, the new one sits in ImagePullBackOff: no timers fire",
     "images:\n  - name: stackstorm/st2timersengine\n    newTag: 3.8.01\n")
case("kust-configmapgen-replace-safe", "allow", "kustomize-safe",
     "st2-config turned into a generated, hash-suffixed ConfigMap with the same files (plus a narrower allow_origin): pods roll on config changes, references rewritten by kustomize",
     """configMapGenerator:
  - name: st2-config
    behavior: replace
    files:
      - st2.docker.conf=st2.docker.conf
      - st2.user.conf=st2.user.conf
""", files={"st2.docker.conf": """
    # Generated for the st2 HA cluster. Credentials live in /etc/st2/st2.secrets.conf.
    [auth]
    api_url = http://st2api:9101/

    [coordination]
    url = etcd://etcd:2379

    [keyvalue]
    encryption_key_path = /etc/st2/keys/datastore_key.json

    [rbac]
    enable = True
    backend = default

    [database]
    host = mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/?authSource=admin&replicaSet=rs0
    """, "st2.user.conf": """
    [api]
    allow_origin = https://st2.example.com
    """})
# environment trust
case("env-prod-declared-dev-nodeport", "deny", "environment",
     "an overlay wrapping prod that declares itself dev and moves to st2-dev's name, then exposes st2web on a NodePort: still production (the base it includes), lands in st2-prod",
     """patches:
  - target: {kind: Service, name: st2web}
    patch: |-
      - op: replace
        path: /spec/type
        value: NodePort
""", meta="metadata:\n  name: prod-hotfix\n  annotations:\n    st2-gitops/environment: dev")
case("env-dev-into-prod-namespace", "deny", "environment",
     "the dev overlay (chart default secrets, NodePort etcd) re-namespaced into st2-prod",
     "namespace: st2-prod\n", base="dev")
case("env-staging-declared-dev-nodeport", "deny", "environment",
     "staging wrapped and declared dev to get dev's leniency, st2web on NodePort",
     """patches:
  - target: {kind: Service, name: st2web}
    patch: |-
      - op: replace
        path: /spec/type
        value: NodePort
""", base="staging", meta="metadata:\n  annotations:\n    st2-gitops/environment: dev")
# waivers
def waive_limits(id, exp, reason, value, cls="waiver"):
    case(id, exp, cls, reason, patches(jp("Deployment", "st2client", f"""
      - op: remove
        path: /spec/template/spec/containers/0/resources/limits
      - op: add
        path: /metadata/annotations/st2-gitops~1waive.ST2-HRD-002
        value: "{value}"
    """)))
waive_limits("waiver-legit-limits", "allow", "st2client's limits removed with a 56-day waiver and a reason (HRD-002 is waivable)",
             "expires=2027-01-31; reason=limits come from the namespace LimitRange rollout, INC-4411", cls="waiver-safe")
waive_limits("waiver-too-long", "deny", "a waiver 200 days ahead (limit 90)",
             "expires=2027-06-24; reason=limits come from the namespace LimitRange rollout, INC-4411")
waive_limits("waiver-no-reason", "deny", "a waiver with an empty reason", "expires=2027-01-31; reason=  ")
case("waiver-on-pod-template", "deny", "waiver",
     "a second st2timersengine replica 'waived' by an annotation on the pod template instead of the Deployment: must not waive (and REP-001 is never waivable)",
     patches(jp("Deployment", "st2timersengine", """
       - op: replace
         path: /spec/replicas
         value: 2
       - op: add
         path: /spec/template/metadata/annotations/st2-gitops~1waive.ST2-REP-001
         value: "expires=2027-01-10; reason=load test"
     """)))
