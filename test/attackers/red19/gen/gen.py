#!/usr/bin/env python3
"""red19 adversarial corpus generator for st2-gitops.

Writes cases/<id>/ (kustomization.yaml + files), verdicts.tsv, planted.tsv.
Each case is copied to overlays/red19/<id>/ before rendering, so ../../prod is overlays/prod.
"""
import json, os, shutil, sys
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = json.load(open(os.path.join(HERE, 'data.json')))
CASES = []
PLANTED = []


def dump(o):
    return yaml.safe_dump(o, sort_keys=False, default_flow_style=False, width=1000)


def K(base='prod', patches=None, resources=None, extra=None, meta=None):
    k = {'apiVersion': 'kustomize.config.k8s.io/v1beta1', 'kind': 'Kustomization'}
    if meta:
        k['metadata'] = meta
    k['resources'] = ['../../' + base] + (resources or [])
    if patches:
        k['patches'] = patches
    if extra:
        k.update(extra)
    return k


def jp(kind, name, ops, group=None):
    t = {'kind': kind, 'name': name}
    if group:
        t['group'] = group
    return {'target': t, 'patch': dump(ops)}


def smp(obj):
    return {'patch': dump(obj)}


def userconf(text, base_user=True):
    body = (DATA['user_conf'] if base_user else '') + text
    return jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': body}])


def ctr(kind, name, cname, fields, init=False, api='apps/v1', podfields=None, specfields=None, meta=None):
    c = {'name': cname}
    c.update(fields)
    spec = {('initContainers' if init else 'containers'): [c]}
    if podfields:
        spec.update(podfields)
    s = {'template': {'spec': spec}}
    if specfields:
        s.update(specfields)
    m = {'name': name}
    if meta:
        m.update(meta)
    return smp({'apiVersion': api, 'kind': kind, 'metadata': m, 'spec': s})


def podspec(kind, name, podfields, specfields=None, meta=None, tmeta=None):
    s = {'template': {'spec': podfields}}
    if tmeta:
        s['template']['metadata'] = tmeta
    if specfields:
        s.update(specfields)
    m = {'name': name}
    if meta:
        m.update(meta)
    return smp({'apiVersion': 'apps/v1', 'kind': kind, 'metadata': m, 'spec': s})


def spec_only(kind, name, specfields, api='apps/v1', meta=None):
    m = {'name': name}
    if meta:
        m.update(meta)
    return smp({'apiVersion': api, 'kind': kind, 'metadata': m, 'spec': specfields})


def add(cid, exp, fam, reason, kust, files=None, raw=None):
    assert exp in ('deny', 'allow', 'bad'), cid
    assert all(c['id'] != cid for c in CASES), cid
    CASES.append({'id': cid, 'exp': exp, 'fam': fam, 'reason': reason, 'kust': kust, 'files': files or {}, 'raw': raw})


ST2_ARGS = ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf',
            '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf']
ST2_MOUNTS = [
    {'mountPath': '/etc/st2/st2.docker.conf', 'name': 'st2-config-vol', 'subPath': 'st2.docker.conf'},
    {'mountPath': '/etc/st2/st2.user.conf', 'name': 'st2-config-vol', 'subPath': 'st2.user.conf'},
    {'mountPath': '/etc/st2/st2.secrets.conf', 'name': 'st2-config-secrets-vol', 'readOnly': True, 'subPath': 'st2.secrets.conf'}]
ST2_VOLS = [{'name': 'st2-config-vol', 'configMap': {'name': 'st2-config'}},
            {'name': 'st2-config-secrets-vol', 'secret': {'secretName': 'st2-config-secrets', 'defaultMode': 288}}]
HARD_SC = {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}, 'privileged': False}
POD_SC = {'runAsUser': 1000, 'runAsGroup': 1000, 'fsGroup': 1000, 'runAsNonRoot': True, 'seccompProfile': {'type': 'RuntimeDefault'}}
RES = {'requests': {'cpu': '100m', 'memory': '256Mi'}, 'limits': {'cpu': '1000m', 'memory': '512Mi'}}
LBL = {'release': 'st2', 'support': 'enterprise', 'vendor': 'stackstorm', 'tier': 'backend'}


def st2_deploy(name, svc, extra_args=None, replicas=1, labels=None, cmd=None):
    lab = dict(LBL, app=name)
    if labels:
        lab.update(labels)
    return {
        'apiVersion': 'apps/v1', 'kind': 'Deployment',
        'metadata': {'name': name, 'labels': lab},
        'spec': {'replicas': replicas, 'strategy': {'type': 'Recreate'},
                 'selector': {'matchLabels': {'app': name, 'release': 'st2'}},
                 'template': {'metadata': {'labels': lab}, 'spec': {
                     'securityContext': POD_SC, 'imagePullSecrets': [{'name': 'st2-license'}],
                     'containers': [{'name': svc, 'image': 'stackstorm/%s:3.8.1' % svc,
                                     'command': cmd or ['/opt/stackstorm/st2/bin/%s' % svc],
                                     'args': ST2_ARGS + (extra_args or []),
                                     'envFrom': [{'configMapRef': {'name': 'st2-urls'}}],
                                     'resources': RES, 'securityContext': HARD_SC,
                                     'volumeMounts': ST2_MOUNTS}],
                     'volumes': ST2_VOLS}}}}


def svc(name, selector, ports, typ='ClusterIP', extra=None, ann=None):
    s = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': name, 'labels': {'release': 'st2'}},
         'spec': {'type': typ, 'selector': selector, 'ports': ports}}
    if ann:
        s['metadata']['annotations'] = ann
    if extra:
        s['spec'].update(extra)
    return s


def res_file(objs):
    return '---\n'.join(dump(o) for o in objs)


exec(open(os.path.join(HERE, 'cases_a.py')).read())
exec(open(os.path.join(HERE, 'cases_b.py')).read())
exec(open(os.path.join(HERE, 'cases_c.py')).read())
exec(open(os.path.join(HERE, 'cases_d.py')).read())
exec(open(os.path.join(HERE, 'cases_e.py')).read())


DROPPED = {
    'f11-etcd-peer-tls-nocert': 'harm not established: could not confirm from etcd sources in time that --peer-client-cert-auth with plain-http peer URLs and no certificates stops etcd (it may only warn)',
    'f09s-timers-rolling-nosurge': 'was a safe look-alike, but the gate is right: a RollingUpdate scales the new ReplicaSet up while the old pod is still Terminating (the Deployment controller does not wait for terminating pods; k8s KEP-3973 podReplacementPolicy), so two timers engines can overlap even with maxSurge 0; only Recreate waits',
    'f01-etcd-wal-tmp': 'harm not established: with the WAL lost and member identity derived from the static --initial-cluster and token, the member may rejoin and receive a snapshot from the leader; could not show data loss or a crash from upstream sources in time',
    'f04-workflow-gc-tiny': 'harm not established: action_executions_ttl=1 is a retention policy st2 explicitly allows (MINIMUM_TTL_DAYS = 1); deleting history is the operator choice, not a failure',
    'f04s-actionrunner-python3': 'not run as safe: /opt/stackstorm/st2/bin/python path existence in the 3.8.1 image not verified',
}

def main():
    CASES[:] = [c for c in CASES if c['id'] not in DROPPED]
    with open(os.path.join(ROOT, 'dropped.tsv'), 'w') as d:
        d.write('id\twhy\n')
        for k, v in DROPPED.items():
            d.write('%s\t%s\n' % (k, v))
    cdir = os.path.join(ROOT, 'cases')
    if os.path.isdir(cdir):
        shutil.rmtree(cdir)
    os.makedirs(cdir)
    with open(os.path.join(ROOT, 'verdicts.tsv'), 'w') as v:
        v.write('id\texpected\tfamily\treason\n')
        for c in CASES:
            d = os.path.join(cdir, c['id'])
            os.makedirs(d)
            txt = c['raw'] if c['raw'] is not None else dump(c['kust'])
            open(os.path.join(d, 'kustomization.yaml'), 'w').write(txt)
            for fn, body in c['files'].items():
                p = os.path.join(d, fn)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                open(p, 'w').write(body if isinstance(body, str) else res_file(body if isinstance(body, list) else [body]))
            v.write('\t'.join([c['id'], c['exp'], c['fam'], c['reason'].replace('\t', ' ').replace('\n', ' ')]) + '\n')
    with open(os.path.join(ROOT, 'planted.tsv'), 'w') as p:
        p.write('id\tvalue\n')
        for cid, val in PLANTED:
            p.write('%s\t%s\n' % (cid, val))
    from collections import Counter
    print(len(CASES), Counter(c['exp'] for c in CASES), Counter(c['fam'] for c in CASES))


main()
