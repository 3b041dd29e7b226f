"""red16 case writer: each case is an overlay dir wrapping ../../<env>."""
import os, shutil, json, yaml
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CASES = []
DROP = {'st2opt-wf-gc-1s', 'planted-secret-manifest', 'etcdq-maxreq-tiny', 'esref-dskey-remote-rotated', 'kz-buildmetadata-ok'}
NS = {'prod': 'st2-prod', 'staging': 'st2-staging', 'dev': 'st2-dev'}
_docs = {e: list(yaml.safe_load_all(open(f'/tmp/r16{e}.yaml'))) for e in ('prod', 'stg')}
def obj(kind, name, env='prod'):
    for d in _docs['stg' if env == 'staging' else 'prod']:
        if d['kind'] == kind and d['metadata']['name'] == name:
            return d
    raise KeyError(kind + '/' + name)

def case(cid, expected, cls, reason, env='prod', patches=(), resources=None, raw=None, extra='', planted=()):
    CASES.append(dict(id=cid, expected=expected, cls=cls, reason=reason, env=env, patches=list(patches),
                      resources=resources or {}, raw=raw, extra=extra, planted=list(planted)))

GROUPS = {'Deployment': 'apps', 'StatefulSet': 'apps', 'Ingress': 'networking.k8s.io', 'PodDisruptionBudget': 'policy',
          'ExternalSecret': 'external-secrets.io', 'Job': 'batch'}
def jp(kind, name, ops):
    t = {'kind': kind, 'name': name}
    if kind in GROUPS: t = {'group': GROUPS[kind], **t}
    return {'target': t, 'patch': json.dumps(ops)}
def add(path, value): return {'op': 'add', 'path': path, 'value': value}
def rep(path, value): return {'op': 'replace', 'path': path, 'value': value}
def rm(path): return {'op': 'remove', 'path': path}
C0 = '/spec/template/spec/containers/0'
PS = '/spec/template/spec'

def write_all():
    cdir = os.path.join(ROOT, 'cases')
    if os.path.isdir(cdir): shutil.rmtree(cdir)
    os.makedirs(cdir)
    seen = set(); vt = []; pt = []
    for c in [c for c in CASES if c['id'] not in DROP]:
        assert c['id'] not in seen, c['id']; seen.add(c['id'])
        d = os.path.join(cdir, c['id']); os.makedirs(d)
        if c['raw'] is not None:
            k = c['raw']
        else:
            res = ['../../' + c['env']] + sorted(c['resources'])
            k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' + ''.join(f'  - {r}\n' for r in res)
            if c['patches']:
                k += 'patches:\n' + ''.join('  - ' + json.dumps(p) + '\n' for p in c['patches'])
            k += c['extra']
        open(os.path.join(d, 'kustomization.yaml'), 'w').write(k)
        for name, body in c['resources'].items():
            fp = os.path.join(d, name); os.makedirs(os.path.dirname(fp), exist_ok=True)
            open(fp, 'w').write(body if isinstance(body, str) else yaml.safe_dump(body, sort_keys=False))
        vt.append('\t'.join([c['id'], c['expected'], c['cls'], c['reason'].replace('\t', ' ').replace('\n', ' ')]) + '\n')
        for v in c['planted']: pt.append(f"{c['id']}\t{v}\n")
    open(os.path.join(ROOT, 'verdicts.tsv'), 'w').write(''.join(vt))
    open(os.path.join(ROOT, 'planted.tsv'), 'w').write(''.join(pt))
    print(len(seen), 'cases')
