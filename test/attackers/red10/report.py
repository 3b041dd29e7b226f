#!/usr/bin/env python3
"""Writes final-results.md from results.tsv + verdicts.tsv. usage: report.py SHA"""
import csv, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
sha = sys.argv[1] if len(sys.argv) > 1 else "?"
V = {r["id"]: r for r in csv.DictReader(open(HERE + "/verdicts.tsv"), delimiter="\t")}
R = list(csv.DictReader(open(HERE + "/results.tsv"), delimiter="\t"))
un = [r for r in R if r["expected"] == "deny"]; sa = [r for r in R if r["expected"] == "allow"]
ua = [r for r in un if r["exit"] == "0"]; sd = [r for r in sa if r["exit"] != "0"]
leaks = [r for r in R if r["leak"] != "no"]; odd = [r for r in R if r["exit"] not in ("0", "1", "2")]
nonempty = [r for r in R if r["stdout_empty_on_deny"] == "NO"]
out = [f"# red10 final results\n", f"Judged: main at `{sha}` (`dist/st2-gitops render`).\n",
       f"- cases: {len(R)} ({len(un)} unsafe, {len(sa)} safe)",
       f"- **unsafe allowed: {len(ua)}/{len(un)}**",
       f"- **safe denied: {len(sd)}/{len(sa)}**",
       f"- leaks (planted value on stderr, or on stdout of a denial): {len(leaks)}",
       f"- odd exits (not 0/1/2): {len(odd)}; denials with non-empty stdout: {len(nonempty)}\n"]
by = collections.defaultdict(list)
for r in ua: by[r["class"]].append(r)
out.append("## Unsafe changes allowed, by class\n")
out.append("| class | id | harm (upstream fact) |\n|---|---|---|")
for c in sorted(by):
    for r in by[c]:
        out.append(f"| {c} | `{r['id']}` | {V[r['id']]['reason']} |")
out.append("\n## Safe changes denied\n")
out.append("| class | id | why it is safe | rules / exit |\n|---|---|---|---|")
for r in sd:
    out.append(f"| {r['class']} | `{r['id']}` | {V[r['id']]['reason']} | {r['rules']} (exit {r['exit']}) |")
out.append("\n## Every case\n")
out.append("| id | expected | class | exit | rules | ok |\n|---|---|---|---|---|---|")
for r in R:
    out.append(f"| `{r['id']}` | {r['expected']} | {r['class']} | {r['exit']} | {r['rules'][:120]} | {r['ok']} |")
open(HERE + "/final-results.md", "w").write("\n".join(out) + "\n")
print(f"unsafe allowed {len(ua)}/{len(un)}, safe denied {len(sd)}/{len(sa)}, leaks {len(leaks)}, odd {len(odd)}")
