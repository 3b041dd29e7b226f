/**
 * st2 3.8.1's options as oslo.config 1.12 loads them (src/policy/st2-option-types.ts):
 * references substituted before the type converts, each type as Python and oslo read it.
 */
import { describe, expect, it } from 'vitest';
import { isSt2Option, optionProblem, references } from '../../src/policy/st2-option-types.js';

describe('st2 option types', () => {
  it.each([
    // [option, value, loads]
    ['garbagecollector.action_executions_ttl', '30', true],
    ['garbagecollector.action_executions_ttl', ' 30 ', true],
    ['garbagecollector.action_executions_ttl', '30d', false],
    ['garbagecollector.action_executions_ttl', '', true], // oslo's Integer: blank is None
    ['auth.token_ttl', '86400.0', false],
    ['messaging.connection_retries', 'ten', false],
    ['messaging.connection_retries', '-1', true],
    ['scheduler.sleep_interval', '0.1', true],
    ['scheduler.sleep_interval', '1e-1', true],
    ['scheduler.sleep_interval', '.5', true],
    ['scheduler.sleep_interval', '5.', true],
    ['scheduler.sleep_interval', '1_000', true],
    ['scheduler.sleep_interval', '100ms', false],
    ['scheduler.sleep_interval', '', false],
    ['scheduler.sleep_interval', '1,5', false],
    ['api.auth_cookie_same_site', 'lax', true],
    ['api.auth_cookie_same_site', 'Lax', false],
    // st2 passes a string of choices: oslo tests `value in "none, optional, required"`.
    ['database.ssl_cert_reqs', 'required', true],
    ['database.ssl_cert_reqs', 'always', false],
    ['sensorcontainer.partition_provider', 'name:hash, hash_ranges:MIN..MAX', true],
    ['sensorcontainer.partition_provider', 'name=hash', false],
    ['sensorcontainer.partition_provider', 'name:a,name:b', false],
    ['sensorcontainer.single_sensor_mode', 'yes', true],
    ['sensorcontainer.single_sensor_mode', 'enabled', false],
    ['api.allow_origin', 'a, b,c', true],
    ['system_user.ssh_key_file', '$HOME/.ssh/id_rsa', false],
    ['content.packs_base_paths', '/opt/stackstorm/packs:${HOME}/packs', false],
    ['auth.api_url', 'http://st2api:${api.port}/', true],
    ['auth.api_url', 'http://st2api:$port/', true], // [auth] port
    ['auth.api_url', 'http://st2api:${nope.port}/', false],
    ['webui.webui_base_url', 'https://x/$$HOME', true],
    ['webui.webui_base_url', 'https://x/\\$HOME', true],
    ['webui.webui_base_url', 'cost: 5$', true], // a $ before no name is kept
    ['webui.webui_base_url', '$debug', true], // a [DEFAULT] option
    ['actionrunner.python_binary', '/usr/bin/python2.7', false],
    ['actionrunner.python_binary', '/usr/bin/python3', true],
    ['someone.elses_option', '$HOME 30d', true], // not st2's: never read
  ])('[%s] = %j loads: %s', (option, value, loads) => {
    expect(optionProblem(option, value) === '').toBe(loads);
  });

  it('names no reference in an option that may hold a credential', () => {
    expect(optionProblem('database.password', 'pa$secretword')).not.toContain('secretword');
    expect(optionProblem('database.password', 'pa$secretword')).not.toBe('');
  });

  it('reads references as string.Template does', () => {
    expect(references('$a ${b.c} $$d \\$e $1 ${f')).toEqual(['a', 'b.c']);
    expect(isSt2Option('DEFAULT.sensor_ref')).toBe(true);
    expect(isSt2Option('api.nope')).toBe(false);
  });
});
