from lib import *
def ann(kind, name, key, value):
    k = key.replace("/", "~1")
    return jp(kind, name, f"- op: add\n  path: /metadata/annotations/{k}\n  value: \"{value}\"\n")
case("argo-skip-pdb-mongodb", "deny", "argo",
     "argocd.argoproj.io/hook: Skip on the MongoDB PDB: Argo CD never applies it, so a node drain may evict two of the three members at once (no quorum, st2 stops)",
     patches(ann("PodDisruptionBudget", "mongodb", "argocd.argoproj.io/hook", "Skip")))
case("argo-skip-st2-config", "deny", "argo",
     "argocd.argoproj.io/hook: Skip on the st2-config ConfigMap: Argo CD stops applying st2's configuration, so every later config change (and a fresh install) never reaches the cluster",
     patches(ann("ConfigMap", "st2-config", "argocd.argoproj.io/hook", "Skip")))
case("argo-presync-wait-job-safe", "allow", "argo-safe",
     "a one-off PreSync Job (Argo hook, deleted before re-creation) that waits for the ExternalSecrets to be Ready",
     "  - job.yaml\n", files={"job.yaml": """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: wait-for-secrets
        annotations:
          argocd.argoproj.io/hook: PreSync
          argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
      spec:
        backoffLimit: 2
        template:
          spec:
            restartPolicy: Never
            securityContext: {runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: {type: RuntimeDefault}}
            containers:
              - name: wait
                image: busybox:1.36.1
                command: [sh, -c, "sleep 20"]
                resources: {requests: {cpu: 5m, memory: 8Mi}, limits: {cpu: 50m, memory: 32Mi}}
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}
     """})
