/**
 * Patch target names are Go RE2 expressions matched whole. Names are first
 * checked against the literals re2js says every match contains (its
 * prefilter); that shortcut must never change which resources a target
 * selects: compared here with the bare regex on many patterns and names.
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileTarget } from '../../src/render/patch-target.js';
import { createResource } from '../../src/render/resource.js';

const PATTERNS = [
  '(st2web)(-c[0-9]+)?',
  '(st2-(register-content|apply-rbac-definitions))(-c[0-9]+)?',
  '(st2(actionrunner|client))(-c[0-9]+)?',
  'st2.*web',
  'st2(api|auth)|mongo.*',
  '(?i)ST2API',
  '(?i:st2)web-[a-z]+',
  '.*',
  'x*',
  'a|b',
  '[[:alpha:]]+-c[0-9]{2}',
  '\\pL+',
  '(?P<n>st2)(web|api)',
  'st2web|',
  '(|st2)web',
  'st2\\.web',
  'ünïcode-[0-9]',
  '(st2){2}web',
  'st2(web)?',
  '(ab)*cd',
];

const NAMES = [
  '',
  'st2web',
  'st2web-c00',
  'st2web-c99x',
  'st2-register-content-c03',
  'st2-apply-rbac-definitions',
  'st2-register',
  'st2actionrunner-c12',
  'st2client',
  'ST2API',
  'st2api',
  'st2auth',
  'mongodb',
  'ST2web-abc',
  'st2.web',
  'st2xweb',
  'ünïcode-7',
  'st2st2web',
  'abababcd',
  'cd',
  'a',
  'b',
  'st2',
  'web',
];

function resource(name: string): Parameters<ReturnType<typeof compileTarget>>[0] {
  return createResource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }, 'x.yaml', 0, false);
}

describe('patch target names', () => {
  it.each(PATTERNS)('selects exactly what the regex %s matches whole', (pattern) => {
    // GIVEN a target naming resources by a regular expression
    const select = compileTarget({ name: pattern });
    const regex = RE2JS.compile(`^(?:${pattern})$`);
    // THEN every name is selected exactly when the regex matches it whole
    for (const name of NAMES) expect(select(resource(name)), `${pattern} on '${name}'`).toBe(regex.matches(name));
  });
});
