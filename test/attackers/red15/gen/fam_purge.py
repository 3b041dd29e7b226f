from lib import *
import fam_probe4 as P4
PG = "st2common/cmd/purge_executions.py (st2 3.x): with --purge-incomplete the only filter is start_timestamp < --timestamp, without it end_timestamp < timestamp and a done status; no check that the timestamp is in the past, so a future literal deletes every execution (running and scheduled ones too with --purge-incomplete); the gate treats any literal date as 'in the past' (src/policy/command-effects.ts purgesRunningExecutions)"
def cron(name, prog, extra, env='prod', hook=False):
    ns = NS[env]
    args = json.dumps(P4.ARGS + extra)
    meta = f"  annotations:\n    argocd.argoproj.io/hook: PostSync\n    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation\n" if hook else ''
    job = f"""      imagePullSecrets: [{{name: st2-license}}]
      restartPolicy: OnFailure
      containers:
        - name: purge
          image: stackstorm/st2actionrunner:3.8.1
          imagePullPolicy: IfNotPresent
          command: ["/opt/stackstorm/st2/bin/{prog}"]
          args: {args}
          resources:
            limits: {{cpu: 500m, memory: 512Mi}}
            requests: {{cpu: 50m, memory: 128Mi}}
          securityContext: {{allowPrivilegeEscalation: false, privileged: false}}
          volumeMounts:
            - {{name: st2-config-vol, mountPath: /etc/st2/st2.docker.conf, subPath: st2.docker.conf}}
            - {{name: st2-config-vol, mountPath: /etc/st2/st2.user.conf, subPath: st2.user.conf}}
            - {{name: st2-config-secrets-vol, mountPath: /etc/st2/st2.secrets.conf, subPath: st2.secrets.conf, readOnly: true}}
      volumes:
        - {{name: st2-config-vol, configMap: {{name: st2-config}}}}
        - {{name: st2-config-secrets-vol, secret: {{secretName: st2-config-secrets}}}}
"""
    if hook:
        return f"apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {name}\n  namespace: {ns}\n{meta}spec:\n  backoffLimit: 1\n  template:\n    spec:\n" + job
    return f"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  schedule: \"17 3 * * *\"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      backoffLimit: 1\n      template:\n        spec:\n" + '\n'.join('    ' + l if l else l for l in job.splitlines()) + '\n'
F = '--timestamp=2099-01-01T00:00:00.000000Z'
for tag, prog, extra, env, hook, what in [
  ('executions-incomplete-cron', 'st2-purge-executions', [F, '--purge-incomplete'], 'prod', False, "a nightly CronJob deletes every execution, running and scheduled ones included (their workflows and inquiries break, the audit history is gone)"),
  ('executions-incomplete-hook', 'st2-purge-executions', [F, '--purge-incomplete'], 'prod', True, "a PostSync Job deletes every execution, running ones included, at every sync"),
  ('executions-history-cron', 'st2-purge-executions', [F], 'prod', False, "a nightly CronJob deletes the whole completed execution history (results and audit trail), not just what is older than a retention"),
  ('workflows-incomplete-cron', 'st2-purge-workflows', [F, '--purge-incomplete'], 'prod', False, "a nightly CronJob deletes every workflow execution record, running workflows included, so the workflow engine loses their state"),
  ('executions-incomplete-2030', 'st2-purge-executions', ['--timestamp=2030-06-30T00:00:00.000000Z', '--purge-incomplete'], 'prod', False, "a literal date three years ahead: every execution, running ones included, deleted nightly"),
  ('executions-incomplete-staging', 'st2-purge-executions', [F, '--purge-incomplete'], 'staging', False, "staging: a nightly CronJob deletes every execution, running ones included"),
  ('trigger-instances-cron', 'st2-purge-trigger-instances', [F], 'prod', False, "a nightly CronJob deletes every trigger instance, so no rule enforcement or execution can be traced back to the event that caused it"),
]:
    case(f'purgefuture-{tag}', 'deny', 'data-loss', f"st2's purge tool run with a future literal --timestamp: {what} ({PG})",
         env=env, resources={'j.yaml': cron('st2-purge-r15', prog, extra, env, hook)})
case('purgefuture-safe-past-literal', 'allow', 'safe', f"nightly st2-purge-executions with a literal timestamp in the past (2026-06-01) and no --purge-incomplete: removes completed executions older than that date only ({PG})",
     resources={'j.yaml': cron('st2-purge-r15', 'st2-purge-executions', ['--timestamp=2026-06-01T00:00:00.000000Z'])})
case('purgefuture-safe-past-incomplete', 'allow', 'safe', f"st2-purge-executions --purge-incomplete with a literal timestamp a year in the past (2025-12-01): only executions started before then, long dead, are removed ({PG})",
     resources={'j.yaml': cron('st2-purge-r15', 'st2-purge-executions', ['--timestamp=2025-12-01T00:00:00.000000Z', '--purge-incomplete'])})
for tag, prog, extra, what in [
  ('task-executions-incomplete', 'st2-purge-task-executions', [F, '--purge-incomplete'], "deletes every workflow task execution record, running workflows' tasks included"),
  ('rule-enforcements', 'st2-purge-rule-enforcements', [F], "deletes every rule enforcement record (which rule fired which execution)"),
  ('split-timestamp-arg', 'st2-purge-executions', ['--timestamp', '2099-01-01T00:00:00.000000Z', '--purge-incomplete'], "(timestamp as a separate argument) deletes every execution, running ones included"),
]:
    case(f'purgefuture-{tag}', 'deny', 'data-loss', f"nightly {prog} with a future literal --timestamp: {what} ({PG})",
         resources={'j.yaml': cron('st2-purge-r15', prog, extra)})
