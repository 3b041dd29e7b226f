/**
 * Options that stop or stall the st2 service using them (src/policy/st2-role-options.ts),
 * as st2 3.8.1 uses them: which service, and the look-alikes st2 runs with.
 */
import { describe, expect, it } from 'vitest';
import { roleOptionProblems, type PathFacts } from '../../src/policy/st2-role-options.js';

const FILE = '/etc/st2/st2.user.conf';
/** The stock image's /etc/st2 logging files; a volume at /opt/packs-volume. */
const files: PathFacts = {
  isMounted: (p) => p.startsWith('/opt/packs-volume'),
  isMissing: (p) => p.startsWith('/etc/st2/') && !['/etc/st2/logging.api.conf', '/etc/st2/logging.api.gunicorn.conf'].includes(p),
};

function problems(options: Record<string, string>, stock = true, cli: Record<string, string> = {}): string[] {
  const typed = new Map(Object.entries(options).map(([k, value]) => [k, { value, unknown: undefined, file: FILE }]));
  return roleOptionProblems(typed, files, stock, new Map(Object.entries(cli))).map((p) => `${p.role}:${p.why.slice(0, p.why.indexOf(' ', p.why.indexOf(']') + 2))}`);
}

describe('options that stop the service using them', () => {
  it.each([
    // [options, expected role:option pairs]
    [{ 'garbagecollector.action_executions_ttl': '-3' }, ['st2garbagecollector:[garbagecollector] action_executions_ttl']],
    [{ 'garbagecollector.traces_ttl': '-1' }, ['st2garbagecollector:[garbagecollector] traces_ttl']],
    // st2 3.8.1's minimum TTL is 1 day (MINIMUM_TTL_DAYS = 1): 1, 3 and 6 run; 0 switches the purge off.
    [{ 'garbagecollector.action_executions_ttl': '3', 'garbagecollector.traces_ttl': '1', 'garbagecollector.trigger_instances_ttl': '6', 'garbagecollector.tokens_ttl': '0' }, []],
    [{ 'scheduler.pool_size': '0' }, ['st2scheduler:[scheduler] pool_size']],
    [{ 'actionrunner.actions_pool_size': '-1' }, ['st2actionrunner:[actionrunner] actions_pool_size']],
    [{ 'scheduler.pool_size': '1', 'actionrunner.workflows_pool_size': '20' }, []],
    [{ 'auth.backend': 'kerberos_ad' }, ['st2auth:[auth] backend']],
    [{ 'auth.backend': 'ldap' }, []],
    [{ 'auth.backend': 'flat_file', 'auth.mode': 'standalone' }, []],
    // proxy mode asks no backend.
    [{ 'auth.backend': 'kerberos_ad', 'auth.mode': 'proxy' }, []],
    [{ 'api.logging': '/etc/st2/logging.api.missing.conf' }, ['st2api:[api] logging']],
    [{ 'api.logging': '/etc/st2/logging.api.gunicorn.conf' }, []],
    [{ 'content.system_packs_base_path': '/opt/stackstorm/no-such-packs' }, [':[content] system_packs_base_path']],
    [{ 'content.system_packs_base_path': '/opt/stackstorm/packs/' }, []],
    [{ 'content.system_packs_base_path': '/opt/packs-volume' }, []],
    [{ 'coordination.url': 'etcd3+http://etcd:2379' }, ['st2actionrunner:[coordination] url', 'st2scheduler:[coordination] url', 'st2workflowengine:[coordination] url', 'st2notifier:[coordination] url']],
    [{ 'coordination.url': 'etcd://etcd:2379' }, []],
    [{ 'coordination.url': 'redis://redis:6379' }, []],
    [{ 'database.authentication_mechanism': 'MONGODB-X509', 'database.password': '{{ .mongodbPassword }}' }, [':[database] authentication_mechanism']],
    [{ 'database.authentication_mechanism': 'scram-sha-256' }, [':[database] authentication_mechanism']],
    [{ 'database.authentication_mechanism': 'SCRAM-SHA-256', 'database.password': '{{ .mongodbPassword }}' }, []],
    [{ 'database.authentication_mechanism': 'MONGODB-X509' }, []],
    // Files the runner opens: the images' /opt holds only /opt/stackstorm, and they ship no SSH key.
    [{ 'actionrunner.virtualenv_binary': '/opt/nothing/bin/virtualenv' }, ['st2actionrunner:[actionrunner] virtualenv_binary']],
    [{ 'actionrunner.virtualenv_binary': '/opt/stackstorm/st2/bin/virtualenv' }, []],
    // Elsewhere in the image the gate does not know what is there.
    [{ 'actionrunner.virtualenv_binary': '/usr/local/bin/virtualenv' }, []],
    // A top directory the Ubuntu-based images do not have (red19 f04-virtualenv-binary).
    [{ 'actionrunner.virtualenv_binary': '/nonexistent/virtualenv' }, ['st2actionrunner:[actionrunner] virtualenv_binary']],
    [{ 'actionrunner.virtualenv_binary': '/venv/bin/virtualenv' }, ['st2actionrunner:[actionrunner] virtualenv_binary']],
    [{ 'actionrunner.virtualenv_binary': '/usr/bin/virtualenv' }, []],
    [{ 'actionrunner.virtualenv_binary': '/srv/tools/virtualenv' }, []],
    [{ 'system_user.ssh_key_file': '/keys/stanley_rsa' }, ['st2actionrunner:[system_user] ssh_key_file']],
    [{ 'system_user.ssh_key_file': '/home/stanley/.ssh/missing_rsa' }, ['st2actionrunner:[system_user] ssh_key_file']],
    [{ 'system_user.ssh_key_file': '/root/.ssh/../.ssh/id_rsa' }, ['st2actionrunner:[system_user] ssh_key_file']],
    [{ 'system_user.ssh_key_file': '/etc/ssh/st2_key' }, []],
    // A volume covers it: what the volume holds decides.
    [{ 'system_user.ssh_key_file': '/opt/packs-volume/keys/id_rsa' }, []],
    [{ 'system_user.ssh_key_file': 'stanley_rsa' }, []],
  ])('%j', (options, expected) => {
    expect(problems(options)).toEqual(expected);
  });

  it('judges what an image installs only for the stock st2 images', () => {
    expect(problems({ 'auth.backend': 'kerberos_ad', 'api.logging': '/etc/st2/x.conf', 'coordination.url': 'etcd3://etcd:2379' }, false)).toEqual([]);
    // A pool of 0 stalls whatever image runs st2.
    expect(problems({ 'scheduler.pool_size': '0' }, false)).toEqual(['st2scheduler:[scheduler] pool_size']);
  });

  it('judges a mounted file by what the volume holds', () => {
    const mounted: PathFacts = { isMounted: (p) => p.startsWith('/home/stanley/.ssh/'), isMissing: (p) => p !== '/home/stanley/.ssh/stanley_rsa' };
    const typed = (value: string): Map<string, { value: string; unknown: undefined; file: string }> => new Map([['system_user.ssh_key_file', { value, unknown: undefined, file: FILE }]]);
    expect(roleOptionProblems(typed('/home/stanley/.ssh/stanley_rsa'), mounted, true, new Map())).toEqual([]);
    expect(roleOptionProblems(typed('/home/stanley/.ssh/id_ed25519'), mounted, true, new Map()).map((p) => p.role)).toEqual(['st2actionrunner']);
    // A custom image may ship anything.
    expect(roleOptionProblems(typed('/home/stanley/.ssh/id_ed25519'), mounted, false, new Map())).toEqual([]);
  });

  it('leaves a backend the command line chooses to the command line', () => {
    expect(problems({ 'auth.backend': 'kerberos_ad' }, true, { 'auth.mode': 'proxy' })).toEqual([]);
  });
});
