#!/usr/bin/env python3
"""Generate red15 cases, verdicts.tsv and planted.tsv. Re-runnable."""
import os, sys, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import case, jp, sm, write_all
for m in ['fam_rbac', 'fam_rbac2', 'fam_refgrant', 'fam_st2rbac', 'fam_envhook', 'fam_tls', 'fam_misc', 'fam_bad', 'fam_probe2', 'fam_probe3', 'fam_more', 'fam_more2', 'fam_planted', 'fam_more3', 'fam_safe2', 'fam_cert', 'fam_probe4', 'fam_purge', 'fam_hidden2']:
    __import__(m)
write_all()
