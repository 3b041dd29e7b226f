#!/usr/bin/env python3
"""Summarise verdicts.tsv x out/results.tsv into tmp/summary.md (tables used in final-results.md)."""
import collections, os
R = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = {l.split("\t")[0]: l.rstrip("\n").split("\t") for l in open(f"{R}/verdicts.tsv")}
res = {}
for l in list(open(f"{R}/out/results.tsv"))[1:]:
    i, rc, by, rules, leak = l.rstrip("\n").split("\t"); res[i] = (int(rc), int(by), rules, leak)
got = lambda rc: {0: "allow", 1: "deny", 2: "bad"}.get(rc, "other")
m = collections.Counter(); fam = collections.defaultdict(lambda: collections.defaultdict(list))
for i, (cid, exp, f, why) in V.items():
    rc, by, rules, leak = res.get(i, (-1, 0, "-", "missing"))
    g = got(rc)
    m[(exp, g)] += 1
    if exp == "deny":
        fam[f]["hole" if g == "allow" else ("bad" if g == "bad" else "held")].append(i)
    elif exp == "allow":
        fam[f]["safe-ok" if g == "allow" else "safe-denied"].append(i)
    else:
        fam[f]["bad-ok" if g == "bad" else "bad-mishandled"].append(i)
    if leak not in ("none",): m[("leak", leak)] += 1
out = []
nd = sum(v for (e, g), v in m.items() if e == "deny"); na = sum(v for (e, g), v in m.items() if e == "allow"); nb = sum(v for (e, g), v in m.items() if e == "bad")
out.append(f"| measure | value |\n|---|---|")
out.append(f"| unsafe allowed | {m[('deny','allow')]}/{nd} |")
out.append(f"| unsafe refused as bad input | {m[('deny','bad')]}/{nd} |")
out.append(f"| unsafe denied | {m[('deny','deny')]}/{nd} |")
out.append(f"| safe denied | {m[('allow','deny')] + m[('allow','bad')]}/{na} |")
out.append(f"| bad input mishandled | {nb - m[('bad','bad')]}/{nb} |")
out.append(f"| planted leaks | {sum(v for (e, g), v in m.items() if e == 'leak')} |")
out.append("")
out.append("| family | unsafe | holes | bad-input | held | safe | safe denied |\n|---|---|---|---|---|---|---|")
for f, d in sorted(fam.items()):
    u = len(d["hole"]) + len(d["held"]) + len(d["bad"])
    out.append(f"| {f} | {u} | {len(d['hole'])} | {len(d['bad'])} | {len(d['held'])} | {len(d['safe-ok'])+len(d['safe-denied'])} | {len(d['safe-denied'])} |")
out.append("")
for f, d in sorted(fam.items()):
    out.append(f"### {f}")
    for k in ("hole", "bad", "held", "safe-ok", "safe-denied", "bad-ok", "bad-mishandled"):
        if d[k]:
            out.append(f"- **{k}** ({len(d[k])}): " + ", ".join(sorted(d[k])))
    out.append("")
open(f"{R}/tmp/summary.md", "w").write("\n".join(out))
print("\n".join(out[:20]))
