from lib import *
case("cfg-safe-commented-old-value", "allow", "st2-config-safe",
     "st2.user.conf keeps the old `enable = False` as a comment line above the live `enable = True` (oslo.config ignores # lines)",
     userconf("# Operator overrides.\n[api]\nallow_origin = '*'\n\n[rbac]\n# enable = False   (was off until INC-1093)\nenable = True\nbackend = default\n"))
case("pdb-timers-maxunavailable-safe", "allow", "ha-safe", "a PDB on st2timersengine with maxUnavailable 1: drains may evict it (it reschedules), nothing blocks",
     "  - pdb.yaml\n", files={"pdb.yaml": """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: st2timersengine}
      spec:
        maxUnavailable: 1
        selector: {matchLabels: {app: st2timersengine, release: st2, support: enterprise}}
     """})
case("sensor-rolling-nosurge-safe", "allow", "ha-safe", "st2sensorcontainer RollingUpdate with maxSurge 0 (old pod stops before the new one starts)",
     patches(jp("Deployment", "st2sensorcontainer", "- op: replace\n  path: /spec/strategy\n  value: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 1}}\n")))
case("hook-deadline-safe", "allow", "argo-safe", "register-content hook Job given activeDeadlineSeconds 1800 and backoffLimit 3",
     patches(jp("Job", "st2-register-content", "- op: add\n  path: /spec/activeDeadlineSeconds\n  value: 1800\n- op: add\n  path: /spec/backoffLimit\n  value: 3\n")))
case("limitrange-generous-safe", "allow", "quota-safe", "a LimitRange in st2-prod whose defaults and maxima every rendered container fits (max 8Gi/4 CPU per container)",
     "  - lr.yaml\n", files={"lr.yaml": """
      apiVersion: v1
      kind: LimitRange
      metadata: {name: st2-limits}
      spec:
        limits:
          - type: Container
            default: {cpu: "1", memory: 1Gi}
            defaultRequest: {cpu: 100m, memory: 256Mi}
            max: {cpu: "4", memory: 8Gi}
     """})
case("quota-generous-safe", "allow", "quota-safe", "a ResourceQuota in st2-prod well above what the render runs (pods 150, 60 CPU / 160Gi requests)",
     "  - rq.yaml\n", files={"rq.yaml": """
      apiVersion: v1
      kind: ResourceQuota
      metadata: {name: st2-quota}
      spec:
        hard:
          pods: "150"
          requests.cpu: "60"
          requests.memory: 160Gi
          limits.cpu: "120"
          limits.memory: 320Gi
     """})
