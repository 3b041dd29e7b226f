import os, shutil, textwrap, json
CASES = []
def case(id, exp, cls, reason, k="", files=None, base="prod", planted=None, meta=None):
    assert exp in ("deny", "allow")
    files = dict(files or {})
    if "kustomization.yaml" not in files:
        head = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        if meta:
            head += meta.rstrip() + "\n"
        head += f"resources:\n  - ../../{base}\n"
        files["kustomization.yaml"] = head + k.lstrip("\n")
    files = {n: (textwrap.dedent(c).lstrip("\n") if n != "kustomization.yaml" else c) if isinstance(c, str) else c for n, c in files.items()}
    assert not any(c[0] == id for c in CASES), id
    CASES.append((id, exp, cls, reason, files, planted or []))

def write(root=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")):
    cdir = os.path.join(root, "cases")
    seen = set()
    with open(os.path.join(root, "verdicts.tsv"), "w") as v, open(os.path.join(root, "planted.tsv"), "w") as p:
        v.write("id\texpected\tclass\treason\n")
        for id, exp, cls, reason, files, planted in CASES:
            d = os.path.join(cdir, id)
            if os.path.isdir(d): shutil.rmtree(d)
            os.makedirs(d)
            for n, c in files.items():
                fp = os.path.join(d, n); os.makedirs(os.path.dirname(fp), exist_ok=True)
                open(fp, "wb" if isinstance(c, bytes) else "w").write(c)
            v.write(f"{id}\t{exp}\t{cls}\t{reason}\n")
            for s in planted: p.write(f"{id}\t{s}\n")
            seen.add(id)
    for n in os.listdir(cdir):
        if n not in seen: shutil.rmtree(os.path.join(cdir, n))

def indent(s, n):
    pad = " " * n
    return "".join(pad + l if l.strip() else l for l in textwrap.dedent(s).lstrip("\n").splitlines(True))

def userconf(text, extra=""):
    """kustomization body replacing st2-config's st2.user.conf (highest-priority file in the repo)."""
    return ("patches:\n  - target: {kind: ConfigMap, name: st2-config}\n    patch: |-\n"
            "      - op: replace\n        path: /data/st2.user.conf\n        value: |\n"
            + indent(text, 10) + extra)

def jp(kind, name, ops, group=None):
    """one inline JSON6902 patch entry (ops: yaml list text)"""
    t = f"kind: {kind}, name: {name}" + (f", group: {group}" if group else "")
    return f"  - target: {{{t}}}\n    patch: |-\n" + indent(ops, 6)

def patches(*entries):
    return "patches:\n" + "".join(entries)
