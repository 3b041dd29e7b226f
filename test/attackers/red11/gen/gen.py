import sys
sys.path.insert(0, '/work/red11/gen')
from lib import *
import c_config, c_stores, c_k8s, c_exfil, c_rbac_exp, c_ha, c_misc
import importlib, os
for extra in sorted(f for f in os.listdir('/work/red11/gen') if f.startswith('d_') and f.endswith('.py')):
    importlib.import_module(extra[:-3])
DROP = {'cfg-system-debug', 'pythonhttpsverify-0', 'cfg-metrics-statsd-out', 'rabbit-channel-max-1', 'cfg-db-connecttimeout-1ms'}
import lib
lib.CASES[:] = [c for c in lib.CASES if c['id'] not in DROP]
write_all()
