import os, shutil, yaml, json
ROOT = '/work/red11'
CASES = []
def Y(x):
    return yaml.safe_dump(x, sort_keys=False, default_flow_style=False, width=1000)
def case(id, env, exp, cls, reason, kz=None, files=None, planted=None, raw=None, extra_res=None):
    CASES.append(dict(id=id, env=env, exp=exp, cls=cls, reason=reason, kz=kz or {}, files=files or {}, planted=planted, raw=raw, extra_res=extra_res or []))
def jp(kind, name, ops, group=None):
    t = {'kind': kind, 'name': name}
    if group: t['group'] = group
    return {'target': t, 'patch': Y(ops)}
def userconf(text):
    return jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': text}])
def write_all():
    d = os.path.join(ROOT, 'cases')
    if os.path.isdir(d): shutil.rmtree(d)
    os.makedirs(d)
    seen = set()
    vt = ['id\texpected\tclass\treason']
    pt = []
    for c in CASES:
        assert c['id'] not in seen, c['id']; seen.add(c['id'])
        cd = os.path.join(d, c['id']); os.makedirs(cd)
        if c['raw'] is not None:
            open(os.path.join(cd, 'kustomization.yaml'), 'w').write(c['raw'])
        else:
            k = {'apiVersion': 'kustomize.config.k8s.io/v1beta1', 'kind': 'Kustomization',
                 'resources': ['../../%s' % c['env']] + c['extra_res']}
            for key, v in c['kz'].items():
                if key == 'resources': k['resources'] += v
                else: k[key] = v
            open(os.path.join(cd, 'kustomization.yaml'), 'w').write(Y(k))
        for fn, content in c['files'].items():
            p = os.path.join(cd, fn); os.makedirs(os.path.dirname(p), exist_ok=True)
            mode = 'wb' if isinstance(content, bytes) else 'w'
            if not isinstance(content, (str, bytes)): content = Y(content) if not isinstance(content, list) else '---\n'.join(Y(x) for x in content)
            open(p, mode).write(content)
        vt.append('\t'.join([c['id'], c['exp'], c['cls'], c['reason'].replace('\t', ' ').replace('\n', ' ')]))
        if c['planted']:
            for pv in (c['planted'] if isinstance(c['planted'], list) else [c['planted']]):
                pt.append('%s\t%s' % (c['id'], pv))
    open(os.path.join(ROOT, 'verdicts.tsv'), 'w').write('\n'.join(vt) + '\n')
    open(os.path.join(ROOT, 'planted.tsv'), 'w').write('\n'.join(pt) + ('\n' if pt else ''))
    print('wrote', len(CASES), 'cases;', sum(1 for c in CASES if c['exp']=='deny'), 'deny', sum(1 for c in CASES if c['exp']=='allow'), 'allow', sum(1 for c in CASES if c['exp']=='badinput'), 'badinput')
