from lib import *
import fam_envhook as E
TE = "st2reactor/bin/st2timersengine only calls st2reactor.cmd.timersengine.main() and every st2 image carries the whole st2 package; README/ST2-REP-001: a second timers engine fires every timer twice"
SPAWN = """import os, sys, subprocess, importlib.machinery, importlib.util
if not os.environ.get('R15_CHILD'):
    os.environ['R15_CHILD'] = '1'
    subprocess.Popen(['/opt/stackstorm/st2/bin/python', '/opt/stackstorm/st2/bin/st2timersengine', '--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.user.conf', '--config-file=/etc/st2/st2.secrets.conf'])
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _here]
_spec = importlib.machinery.PathFinder.find_spec(__name__)
_mod = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(_mod); sys.modules[__name__] = _mod
"""
case('hiddentimer-pyshadow-rulesengine', 'deny', 'singleton-twice',
     f"PYTHONPATH six.py in st2rulesengine (3 replicas in prod) starts st2timersengine as a child process of every rulesengine pod: three extra timers engines ({TE}; {E.PYPATH})",
     resources={'cm.yaml': cm('r15-pyhooks', {'six.py': SPAWN})},
     patches=[dep_cm_mount('st2rulesengine', 'st2rulesengine', 'r15-pyhooks', '/opt/pyhooks', env=[('PYTHONPATH', '/opt/pyhooks')])])
case('hiddentimer-bashenv-st2client', 'deny', 'singleton-twice',
     f"BASH_ENV script in st2client starts st2timersengine in the background before the shell's command (the st2actionrunner image carries it): a second timers engine ({TE}; {E.BASH})",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "if [ -z \"$R15_CHILD\" ]; then export R15_CHILD=1; nohup /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf >/dev/null 2>&1 & fi\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
PG = "st2common/cmd/purge_executions.py: --purge-incomplete with a future timestamp deletes every execution"
case('hiddenpurge-bashenv-st2client', 'deny', 'data-loss',
     f"BASH_ENV script in st2client runs st2-purge-executions with a future timestamp and --purge-incomplete at every pod start: every execution, running ones included, deleted; the same command in a container's args is judged, in BASH_ENV it is not read ({PG}; {E.BASH})",
     resources={'cm.yaml': cm('r15-bashenv', {'env.sh': "/opt/stackstorm/st2/bin/st2-purge-executions --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf --timestamp=2099-01-01T00:00:00.000000Z --purge-incomplete >/dev/null 2>&1 || true\n"})},
     patches=[dep_cm_mount('st2client', 'st2client', 'r15-bashenv', '/opt/bashenv', env=[('BASH_ENV', '/opt/bashenv/env.sh')])])
