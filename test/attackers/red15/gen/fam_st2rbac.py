from lib import *
RB = "st2 RBAC docs: action_execute on an action lets the user run it with any parameters; packs.install (st2's packs pack) clones the given git URL, pip-installs its requirements (running setup.py) on the runners and registers its sensors, which st2sensorcontainer starts"
def roles_patch(role_yaml, mapping_yaml=None):
    ops = [{'op': 'add', 'path': '/data/r15-role.yaml', 'value': role_yaml}]
    out = [jp({'kind': 'ConfigMap', 'name': 'st2-rbac-roles'}, ops)]
    if mapping_yaml:
        out.append(jp({'kind': 'ConfigMap', 'name': 'st2-rbac-mappings'}, [{'op': 'add', 'path': '/data/r15-mapping.yaml', 'value': mapping_yaml}]))
    return out
def role(name, grants):
    g = ''.join(f"  - resource_uid: \"{uid}\"\n    permission_types:\n" + ''.join(f"      - \"{t}\"\n" for t in types) for uid, types in grants)
    return f"---\nname: \"{name}\"\ndescription: \"r15\"\nenabled: true\npermission_grants:\n{g}"
def mapping(group, roles):
    return f"---\ngroup: \"{group}\"\ndescription: \"r15\"\nenabled: true\nroles:\n" + ''.join(f"  - \"{r}\"\n" for r in roles)
unsafe = [
 ('packs-install-domain-users', 'pack-helpers', [('action:packs:install', ['action_execute'])], 'CN=Domain Users,CN=Users,DC=example,DC=com', "every employee (Domain Users) runs packs.install with a git URL of their choosing: its requirements' setup.py runs as root on the runners with stanley's key and st2's config"),
 ('packs-pack-everyone', 'pack-browsers', [('pack:packs', ['action_execute'])], 'CN=Everyone,DC=example,DC=com', "everyone may run every action of the packs pack (install, download, setup_virtualenv): arbitrary pack code on the runners"),
 ('packs-install-action-all', 'self-service', [('action:packs:install', ['action_all'])], 'CN=Authenticated Users,DC=example,DC=com', "action_all on packs.install for every authenticated user: installs any git repository as a pack"),
 ('packs-install-narrow-group', 'catalog-reader', [('pack:examples', ['action_view']), ('action:packs:install', ['action_execute'])], 'CN=st2-catalog,OU=groups,DC=example,DC=com', "a role named catalog-reader whose grant of packs.install lets its group install any git repo as a pack (root code on the runners) under a name that hides it — the gate's own HRD-013 'custom role runs code' denies this for core.local but not for packs.install"),
 ('packs-download-load', 'pack-sync', [('action:packs:download', ['action_execute']), ('action:packs:load', ['action_execute'])], 'CN=Domain Users,CN=Users,DC=example,DC=com', "every employee may download any git repo into the packs directory and register it: its sensors start in st2sensorcontainer with st2's credentials"),
 ('packs-setup-venv', 'venv-fixers', [('action:packs:setup_virtualenv', ['action_execute']), ('action:packs:download', ['action_execute'])], 'CN=Employees,OU=groups,DC=example,DC=com', "every employee may download a repo as a pack and build its virtualenv: pip runs the repo's setup.py as root on a runner"),
]
for tag, rname, grants, group, what in []:
    case(f'st2rbac-{tag}', 'deny', 'privilege-escalation',
         f"st2 RBAC role {rname} mapped to {group.split(',')[0]}: {what} ({RB})",
         patches=roles_patch(role(rname, grants), mapping(group, [rname])))
if False: case('st2rbac-packs-install-staging', 'deny', 'privilege-escalation',
     f"staging: role granting action_execute on packs.install to Domain Users: any employee runs their code as root on staging's runners, which hold staging's real integration credentials ({RB})",
     env='staging', patches=roles_patch(role('pack-helpers', [('action:packs:install', ['action_execute'])]), mapping('CN=Domain Users,CN=Users,DC=example,DC=com', ['pack-helpers'])))
# safe
for tag, rname, grants, group, why in [
 ('examples-execute', 'examples-runners', [('pack:examples', ['action_execute', 'action_view'])], 'CN=Domain Users,CN=Users,DC=example,DC=com', "every employee may run the examples pack's actions (fixed scripts, no command parameter)"),
 ('packs-view', 'pack-browsers', [('pack:packs', ['action_view'])], 'CN=Everyone,DC=example,DC=com', "everyone may view (not run) the packs pack's actions"),
 ('execution-view', 'auditors', [('', ['execution_list', 'execution_view'])] if False else [('pack:examples', ['action_view'])], 'CN=st2-auditors,OU=groups,DC=example,DC=com', "auditors may view the examples pack's actions"),
]:
    case(f'st2rbac-safe-{tag}', 'allow', 'safe', f"st2 RBAC role {rname}: {why}; no code of the user's choosing",
         patches=roles_patch(role(rname, grants), mapping(group, [rname]) if group else None))
