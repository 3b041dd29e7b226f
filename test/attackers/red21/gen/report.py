#!/usr/bin/env python3
import csv, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = [r for r in csv.reader(open(f"{ROOT}/verdicts.tsv"), delimiter="\t")]
R = {r[0]: r for r in csv.reader(open(f"{ROOT}/out/results.tsv"), delimiter="\t") if r[0] != "id"}
got = lambda rc: {"0": "allow", "1": "deny", "2": "bad"}.get(rc, "other")
fam = collections.defaultdict(lambda: {"hole": [], "held": [], "safe_ok": [], "safe_denied": [], "bad": [], "unsafe_bad": []})
m = collections.Counter()
for cid, exp, f, why in V:
    r = R[cid]; g = got(r[1])
    if exp == "deny":
        m["unsafe"] += 1
        if g == "allow": m["unsafe_allowed"] += 1; fam[f]["hole"].append(cid + ("(warned:" + r[3] + ")" if r[3] != "-" else ""))
        elif g == "bad": m["unsafe_bad"] += 1; fam[f]["unsafe_bad"].append(cid)
        else: fam[f]["held"].append(cid)
        if g == "deny" and r[2] != "0": m["stdout_after_deny"] += 1
    elif exp == "allow":
        m["safe"] += 1
        if g != "allow": m["safe_denied"] += 1; fam[f]["safe_denied"].append(cid + ":" + r[3])
        else: fam[f]["safe_ok"].append(cid)
    else:
        m["badc"] += 1
        if g != "bad": m["bad_mishandled"] += 1
        fam[f]["bad"].append(cid)
    if r[4] != "-": m["leaks"] += 1
out = []
out.append("| measure | value |\n|---|---|")
out.append(f"| unsafe allowed | {m['unsafe_allowed']}/{m['unsafe']} |")
out.append(f"| unsafe refused as bad input | {m['unsafe_bad']}/{m['unsafe']} |")
out.append(f"| safe denied | {m['safe_denied']}/{m['safe']} |")
out.append(f"| bad input mishandled | {m['bad_mishandled']}/{m['badc']} |")
out.append(f"| planted leaks (stderr, or stdout after deny) | {m['leaks']} |")
out.append(f"| stdout bytes after a deny | {m['stdout_after_deny']} cases |")
out.append("")
out.append("| family | unsafe | holes (allowed) | held | safe | safe denied |\n|---|---|---|---|---|---|")
for f in sorted(fam):
    d = fam[f]; nu = len(d["hole"]) + len(d["held"]) + len(d["unsafe_bad"])
    out.append(f"| {f} | {nu} | {len(d['hole'])} | {len(d['held'])} | {len(d['safe_ok'])+len(d['safe_denied'])} | {len(d['safe_denied'])} |")
out.append("")
for f in sorted(fam):
    d = fam[f]
    out.append(f"### {f}\n- holes (allowed): {', '.join(d['hole']) or 'none'}\n- denied (gate held): {', '.join(d['held']) or 'none'}\n- safe look-alikes allowed: {', '.join(d['safe_ok']) or 'none'}\n- safe denied: {', '.join(d['safe_denied']) or 'none'}\n- bad input: {', '.join(d['bad']) or 'none'}\n")
open(f"{ROOT}/out/measures.md", "w").write("\n".join(out) + "\n")
print("\n".join(out[:20]))
