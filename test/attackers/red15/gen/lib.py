import os, shutil, json, textwrap
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CASES = []
def case(cid, expected, cls, reason, env='prod', patches=None, resources=None, files=None, extra='', planted=None, raw_kust=None):
    CASES.append(dict(id=cid, expected=expected, cls=cls, reason=reason, env=env, patches=patches or [],
                      resources=resources or {}, files=files or {}, extra=extra, planted=planted or [], raw_kust=raw_kust))
def jp(target, ops):
    """json6902 inline patch. target dict, ops list of dicts"""
    return {'target': target, 'patch': json.dumps(ops)}
def sm(text):
    return {'patch': text}
def write_all():
    cdir = os.path.join(ROOT, 'cases')
    if os.path.isdir(cdir): shutil.rmtree(cdir)
    os.makedirs(cdir)
    seen = set()
    vt, pt = [], []
    for c in CASES:
        assert c['id'] not in seen, c['id']; seen.add(c['id'])
        d = os.path.join(cdir, c['id']); os.makedirs(d)
        if c['raw_kust'] is not None:
            k = c['raw_kust']
        else:
            res = ['../../' + c['env']] + sorted(c['resources'].keys())
            k = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' + ''.join(f'  - {r}\n' for r in res)
            if c['patches']:
                k += 'patches:\n'
                for p in c['patches']:
                    k += '  - ' + json.dumps(p) + '\n'
            k += c['extra']
        open(os.path.join(d, 'kustomization.yaml'), 'w').write(k)
        for name, body in list(c['resources'].items()) + list(c['files'].items()):
            fp = os.path.join(d, name); os.makedirs(os.path.dirname(fp), exist_ok=True)
            if isinstance(body, tuple) and body[0] == 'SYMLINK': os.symlink(body[1], fp)
            elif isinstance(body, bytes): open(fp, 'wb').write(body)
            else: open(fp, 'w').write(body)
        reason = c['reason'].replace('\t', ' ').replace('\n', ' ')
        vt.append(f"{c['id']}\t{c['expected']}\t{c['cls']}\t{reason}\n")
        for v in c['planted']: pt.append(f"{c['id']}\t{v}\n")
    open(os.path.join(ROOT, 'verdicts.tsv'), 'w').write(''.join(vt))
    open(os.path.join(ROOT, 'planted.tsv'), 'w').write(''.join(pt))
    print(len(CASES), 'cases')

CA = open('/work/red15/gen/ca.pem').read()
NS = {'prod': 'st2-prod', 'staging': 'st2-staging', 'dev': 'st2-dev'}
def ind(text, n):
    return '\n'.join((' ' * n + l) if l else l for l in text.splitlines())

def dep_env(dep, container, env, env_name='prod'):
    """strategic merge adding env vars to a container"""
    e = ''.join(f"            - name: {k}\n              value: {json.dumps(v)}\n" for k, v in env)
    return sm(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {dep}
spec:
  template:
    spec:
      containers:
        - name: {container}
          env:
{e}""")

def dep_cm_mount(dep, container, cm, mount, sub=None, env=(), kind='Deployment', group='apps/v1', item_path=None, mode=None):
    e = ''.join(f"            - name: {k}\n              value: {json.dumps(v)}\n" for k, v in env)
    envblock = ("          env:\n" + e) if env else ''
    subl = f"\n              subPath: {sub}" if sub else ''
    return sm(f"""apiVersion: {group}
kind: {kind}
metadata:
  name: {dep}
spec:
  template:
    spec:
      containers:
        - name: {container}
{envblock}          volumeMounts:
            - name: r15-extra
              mountPath: {mount}{subl}
              readOnly: true
      volumes:
        - name: r15-extra
          configMap:
            name: {cm}
""" + (f"            defaultMode: {mode}\n" if mode else ''))

def cm(name, data, ns='st2-prod', binary=None):
    body = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
    if data:
        body += "data:\n"
        for k, v in data.items():
            body += f"  {k}: |\n" + ind(v, 4) + "\n"
    if binary:
        body += "binaryData:\n" + ''.join(f"  {k}: {v}\n" for k, v in binary.items())
    return body

