/**
 * The last words on the options the bundle bounds (src/policy/st2-option-bounds.ts), converted
 * as oslo.config converts them; what the policy compares with data.settings.st2_config.option_bounds.
 */
import { describe, expect, it } from 'vitest';
import { optionWords } from '../../src/policy/st2-option-bounds.js';

const FILE = '/etc/st2/st2.user.conf';
const words = (options: Record<string, string>, unknown?: string): ReturnType<typeof optionWords> =>
  optionWords((k) => (k in options ? { value: options[k], unknown, file: FILE } : undefined));

describe('the bounded options as st2 reads them', () => {
  it.each([
    // [last words, option=value pairs sent]
    [{ 'auth.token_ttl': '0' }, ['auth.token_ttl=0']],
    [{ 'auth.token_ttl': ' -60 ' }, ['auth.token_ttl=-60']],
    // Python's int() reads underscores between digits.
    [{ 'database.connection_timeout': '1_0' }, ['database.connection_timeout=10']],
    [{ 'auth.service_token_ttl': '7200', 'auth.token_ttl': '3600' }, ['auth.token_ttl=3600', 'auth.service_token_ttl=7200']],
    // Not an integer: ST2-HRD-009's conversion error, not a bound.
    [{ 'auth.token_ttl': '1h' }, []],
    [{ 'api.auth_cookie_same_site': 'none' }, ['api.auth_cookie_same_site=none']],
    [{ 'api.auth_cookie_secure': 'Off' }, ['api.auth_cookie_secure=false']],
    [{ 'api.auth_cookie_secure': 'yes' }, ['api.auth_cookie_secure=true']],
    [{ 'api.auth_cookie_secure': 'maybe' }, []],
    // Built from another option or a template placeholder: judged by those.
    [{ 'auth.token_ttl': '$service_token_ttl' }, []],
    [{ 'api.auth_cookie_same_site': '{{ .sameSite }}' }, []],
    // FloatOpt: Python's float() (exponents, underscores, inf capped; nan and words not sent).
    [{ 'scheduler.sleep_interval': '3600' }, ['scheduler.sleep_interval=3600']],
    [{ 'scheduler.sleep_interval': ' 0.5 ' }, ['scheduler.sleep_interval=0.5']],
    [{ 'scheduler.sleep_interval': '1e3' }, ['scheduler.sleep_interval=1000']],
    [{ 'scheduler.sleep_interval': '.25' }, ['scheduler.sleep_interval=0.25']],
    [{ 'scheduler.sleep_interval': '1_0.5' }, ['scheduler.sleep_interval=10.5']],
    [{ 'scheduler.sleep_interval': 'Infinity' }, ['scheduler.sleep_interval=1000000000']],
    [{ 'scheduler.sleep_interval': '1e400' }, ['scheduler.sleep_interval=1000000000']],
    [{ 'scheduler.sleep_interval': 'nan' }, []],
    [{ 'scheduler.sleep_interval': '10s' }, []],
    [{ 'action_sensor.enable': 'no' }, ['action_sensor.enable=false']],
    [{ 'action_sensor.enable': 'True' }, ['action_sensor.enable=true']],
    // Integers beyond what the policy prints are capped too.
    [{ 'auth.token_ttl': '-99999999999' }, ['auth.token_ttl=-1000000000']],
    // Options outside the table are not sent.
    [{ 'auth.port': '1' }, []],
  ] as const)('%j → %j', (options, expected) => {
    expect(words(options).map((w) => `${w.option}=${String(w.value)}`)).toEqual(expected);
  });

  it('sends nothing when a file the gate cannot read may have the last word', () => {
    expect(words({ 'auth.token_ttl': '0' }, 'a Secret the render does not hold')).toEqual([]);
  });

  it('names the file that wrote the value', () => {
    expect(words({ 'auth.token_ttl': '0' })[0]?.file).toBe(FILE);
  });
});
