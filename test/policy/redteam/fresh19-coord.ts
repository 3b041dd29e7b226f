/**
 * The nineteenth red team's config-parse holes on st2's coordination url, [auth] api_url and
 * [actionrunner] virtualenv_binary, in kept cases with their look-alikes (checked against
 * openstack/oslo.config's iniparser.py, tooz's drivers and StackStorm/st2 v3.8.1):
 *   - ST2-REP-006: oslo.config's parser takes a line starting with `#` or `;` as a comment whatever
 *     it holds, and the last value of an option wins; the gate's pattern stopped at any `[` and
 *     took the first `url`, so a comment like `# [temp]` or a second url line hid zake:// (tooz's
 *     in-memory fake), file:// (locks per pod) or an emptied url (tooz's NoOpDriver): several
 *     workflow engines and schedulers then race on what the locks guard.
 *   - ST2-HRD-014: `[auth] api_url` at a port st2api's Service does not serve. st2's
 *     get_base_public_api_url (st2common/util/api.py) returns it, and the runners hand it to every
 *     action as ST2_ACTION_API_URL: every datastore or API call an action makes fails.
 *   - ST2-HRD-009: `[actionrunner] virtualenv_binary` under a top directory the images do not have
 *     (st2common/util/virtualenvs.py raises when it is not a file): every pack install fails.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, ST2_CONF, add, patch, replace, userConf } from './targets.js';
import { dockerConfText } from './base-objects.js';

/** st2.docker.conf as staging and prod ship it, its coordination url zake:// (RBAC kept on). */
const DOCKER_ZAKE = patch(ST2_CONF, replace('/data/st2.docker.conf', dockerConfText('[rbac]\nenable = True\nbackend = default\n').replace('url = etcd://etcd:2379', 'url = zake://')));

/** st2workflowengine alone reads one more file (ConfigMap rt-extra-conf) after the shared ones. */
function engineExtraConf(...lines: string[]): CaseBody {
  return {
    resources: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rt-extra-conf' }, data: { 'extra.conf': [...lines, ''].join('\n') } }],
    patches: [
      patch(
        DEPLOY('st2workflowengine'),
        add(`${FIRST}/args/-`, '--config-file=/etc/st2-extra/extra.conf'),
        add(`${SPEC}/volumes/-`, { name: 'rt-extra-conf', configMap: { name: 'rt-extra-conf' } }),
        add(`${FIRST}/volumeMounts/-`, { name: 'rt-extra-conf', mountPath: '/etc/st2-extra', readOnly: true }),
      ),
    ],
  };
}

export function fresh19CoordCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const conf = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f19c-${id}`, 'st2-config', rule, { wraps, patches }));
  };
  const coord = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f19c-${id}`, 'availability', rule, body));
  };
  const REP6 = 'ST2-REP-006';
  const user = (...lines: string[]): CaseBody => ({ patches: [userConf(...lines)] });

  // --- The coordination url hidden from a pattern, as oslo.config reads it (ST2-REP-006) -------------
  coord('coord-zake-after-bracket-comment', REP6, user('[coordination]', '# [temp] local locks', 'url = zake://'));
  coord('coord-zake-after-bracket-comment-staging', REP6, { wraps: 'staging', ...user('[coordination]', '# [tmp]', 'url = zake://') });
  coord('coord-file-after-semicolon-comment', REP6, user('[coordination]', '; [locks] on local disk', 'url = file:///tmp/locks'));
  coord('coord-zake-colon-quoted-after-comment', REP6, user('[coordination]', '#[x]', "url: 'zake://'"));
  coord('coord-emptied-after-bracket-comment', REP6, user('[coordination]', '# [todo] pick a backend', 'url ='));
  coord('coord-etcd-then-zake', REP6, user('[coordination]', 'url = etcd://etcd:2379', 'url = zake://'));
  coord('coord-etcd-then-zake-second-section', REP6, user('[coordination]', 'url = etcd://etcd:2379', '', '[api]', 'debug = False', '', '[coordination]', '# [x]', 'url = ipc://'));
  coord('coord-engine-extra-file-zake', REP6, engineExtraConf('[coordination]', '# [local]', 'url = zake://'));
  coord('coord-redis-absent-after-comment', REP6, user('[coordination]', '# [cache]', 'url = redis://redis:6379'));
  // oslo reads these as the render's etcd, deployed.
  coord('safe-coord-bracket-comment-before-etcd', undefined, user('[coordination]', '# [note] same backend', 'url = etcd://etcd:2379'));
  coord('safe-coord-same-url-twice', undefined, user('[coordination]', 'url = etcd://etcd:2379', 'url = etcd://etcd:2379'));
  coord('safe-coord-zake-then-etcd', undefined, user('[coordination]', 'url = zake://', 'url = etcd://etcd:2379'));
  coord('safe-coord-commented-out-zake', undefined, user('[coordination]', '# url = zake://', 'url = etcd://etcd:2379'));
  // oslo.config: the last file wins. Every process reads st2.user.conf after st2.docker.conf, so its etcd is the one used...
  coord('safe-coord-docker-zake-user-etcd', undefined, { patches: [DOCKER_ZAKE, userConf('[coordination]', 'url = etcd://etcd:2379')] });
  // ... unless one workload stops reading st2.user.conf: its processes keep zake.
  coord('coord-docker-zake-engine-without-user-conf', REP6, {
    patches: [DOCKER_ZAKE, userConf('[coordination]', 'url = etcd://etcd:2379'), patch(DEPLOY('st2workflowengine'), replace(`${FIRST}/args`, ['--config-file=/etc/st2/st2.conf', '--config-file=/etc/st2/st2.docker.conf', '--config-file=/etc/st2/st2.secrets.conf']))],
  });
  coord('safe-coord-engine-extra-file-etcd', undefined, engineExtraConf('[coordination]', '# [local] no: the shared one', 'url = etcd://etcd:2379', 'lock_timeout = 60'));

  // --- [auth] api_url at a port nothing serves (ST2-HRD-014) ----------------------------------------
  const HRD14 = 'ST2-HRD-014';
  conf('api-url-dead-port', HRD14, [userConf('[auth]', 'api_url = http://st2api:9999/')]);
  conf('api-url-dead-port-staging', HRD14, [userConf('[auth]', 'api_url = http://st2api:9102/')], 'staging');
  // No port: http's 80, which st2api's Service does not serve.
  conf('api-url-no-port', HRD14, [userConf('[auth]', 'api_url = http://st2api/')]);
  conf('api-url-dead-port-after-comment', HRD14, [userConf('[auth]', '# [api] public endpoint', 'api_url = http://st2api:8080')]);
  conf('safe-api-url-restated', undefined, [userConf('[auth]', 'api_url = http://st2api:9101/')]);
  // st2web's nginx proxies /api on its Service's 443; an outside name is not the render's to judge.
  conf('safe-api-url-through-st2web', undefined, [userConf('[auth]', 'api_url = https://st2web/api')]);
  conf('safe-api-url-external', undefined, [userConf('[auth]', 'api_url = https://st2.example.com/api')]);
  conf('safe-api-url-dead-then-good', undefined, [userConf('[auth]', 'api_url = http://st2api:9999/', 'api_url = http://st2api:9101/')]);

  // --- [actionrunner] virtualenv_binary where no image has it (ST2-HRD-009) --------------------------
  const HRD9 = 'ST2-HRD-009';
  conf('virtualenv-binary-nonexistent', HRD9, [userConf('[actionrunner]', 'virtualenv_binary = /nonexistent/virtualenv')]);
  conf('virtualenv-binary-top-dir', HRD9, [userConf('[actionrunner]', 'virtualenv_binary = /venv/bin/virtualenv')], 'staging');
  conf('safe-virtualenv-binary-default', undefined, [userConf('[actionrunner]', 'virtualenv_binary = /opt/stackstorm/st2/bin/virtualenv')]);
  return cases;
}
