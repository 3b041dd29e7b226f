import { describe, expect, it } from 'vitest';
import { convertsAs, parseOsloIni, pyInt, pyRstrip } from '../../src/policy/oslo-ini.js';

/** oslo.config 1.12's iniparser (st2's pin), case by case: what it refuses and what it reads. */
describe('parseOsloIni', () => {
  it.each([
    ['\ufeff[api]\nport = 9101\n', 1, "No ':' or '=' found in assignment"],
    ['\ufeffkey = v\n[api]\n', 1, 'Section must be started before assignment'],
    ['  [rbac]\n  enable = True\n', 1, 'Unexpected continuation line'],
    ['[rbac]\n\n  enable = True\n', 3, 'Unexpected continuation line'],
    ['[rbac]\n# on\n\tenable = True\n', 3, 'Unexpected continuation line'],
    ['[rbac] # on\nenable = True\n', 1, 'Invalid section (must end with ])'],
    ['[]\n', 1, 'Empty section name'],
    ['[rbac]\n= True\n', 2, 'Key cannot be empty'],
    ['enable = True\n', 1, 'Section must be started before assignment'],
    ['[rbac]\nenable True\n', 2, "No ':' or '=' found in assignment"],
  ])('refuses %j at line %i', (text, line, why) => {
    expect(parseOsloIni(text).error).toEqual({ line, why });
  });

  it.each([
    ['[rbac]\r\nenable = True\r\nbackend = default\r\n', { 'rbac.enable': 'True', 'rbac.backend': 'default' }],
    ['[rbac]\renable = True\r', { 'rbac.enable': 'True' }],
    ['[RBAC]\nenable: "True"\n', { 'rbac.enable': 'True' }],
    ['[ rbac ]\nenable = True\n', { ' rbac .enable': 'True' }],
    ['[rbac]\nEnable = True\n', { 'rbac.Enable': 'True' }],
    ['[rbac]\nenable = True  # on\n', { 'rbac.enable': 'True  # on' }],
    ['[rbac]\nenable = True\n  # on\n', { 'rbac.enable': 'True\n# on' }],
    ['[keyvalue]\npath = /a\n\t[rbac]\n\tenable = True\n', { 'keyvalue.path': '/a\n[rbac]\nenable = True' }],
    ['[rbac]\nenable = False\n[auth]\nenable = True\n[rbac]\nenable = True\n', { 'rbac.enable': 'True', 'auth.enable': 'True' }],
    ['[rbac]\nurl = a=b:c\n', { 'rbac.url': 'a=b:c' }],
    ['[rbac]\nurl: a=b\n', { 'rbac.url': 'a=b' }],
    ['[DEFAULT]\nx = 1\n[Default]\ny = 2\n', { 'DEFAULT.x': '1', 'default.y': '2' }],
    ['[api]\nport = "\n', { 'api.port': '' }],
  ])('reads %j', (text, values) => {
    const parsed = parseOsloIni(text);
    expect(parsed.error).toBeUndefined();
    expect(Object.fromEntries(parsed.values)).toEqual(values);
  });

  it("strips Python's whitespace, not JavaScript's", () => {
    expect(pyRstrip('a\u001c')).toBe('a');
    expect(pyRstrip('a\ufeff')).toBe('a\ufeff');
  });

  it('converts typed options as Python and oslo do', () => {
    expect(pyInt(' 9_101 ')).toBe(9101);
    expect(pyInt('9101 # api')).toBeUndefined();
    expect(pyInt('0x10')).toBeUndefined();
    expect(convertsAs('api.port', '+9101')).toBe(true);
    expect(convertsAs('database.ssl', 'YES')).toBe(true);
    expect(convertsAs('database.ssl', 'enabled')).toBe(false);
    expect(convertsAs('api.allow_origin', 'anything')).toBe(true);
  });
});
