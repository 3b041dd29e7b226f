import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from '../../src/policy/go-template.js';

// Pieces of an invented password, never a published default.
const A = 'Tr0ub4';
const B = 'dor&3x';

describe('evaluateTemplate (ESO target.template over literals)', () => {
  it.each([
    [`{{ printf "%s%s" "${A}" "${B}" }}`, A + B],
    [`{{ "${Buffer.from(A).toString('base64')}" | b64dec }}{{ "${Buffer.from(B).toString('base64')}" | b64dec }}`, A + B],
    [`{{- $a := "${A}" -}}  {{ $a }}{{ "zz" | replace "zz" "${B}" }}`, A + B],
    [`{{ cat "${A}" "${B}" | nospace }}`, A + B],
    [`{{ "${(A + B).toLowerCase()}" | upper }}`, (A + B).toUpperCase()],
    [`{{ printf "%s%s" (trimSuffix "!!" "${A}!!") (trim "  ${B} ") }}`, A + B],
    [`{{ list "${A}" "${B}" | join "" }}`, A + B],
    [`{{ "${B}" | printf "${A}%s" }}`, A + B],
    [`{{/* a comment */}}${A}{{ "" }}${B}`, A + B],
    [`{{ printf "%q" "${A}" }}`, JSON.stringify(A)],
    [`{{ "${A}${B}" | b64enc | b64dec }}`, A + B],
    [`{{ substr 0 3 "${A}" }}`, A.slice(0, 3)],
    [`{{ "${A}" | b32enc | b32dec }}`, A],
  ])('%s', (template, written) => {
    const r = evaluateTemplate(template);
    expect(r.unevaluable).toBeUndefined();
    expect(r.text).toBe(written);
  });

  it('takes default and coalesce at their literal fallback (the store value may be empty)', () => {
    expect(evaluateTemplate(`${A}{{ .suffix | default "${B}" }}`).text).toBe(A + B);
    expect(evaluateTemplate(`{{ coalesce .x "${A}" }}`).text).toBe(A);
  });

  it('writes store values as NUL, so pieces around them are not joined', () => {
    const r = evaluateTemplate(`${A}{{ .password | trim }}${B}`);
    expect(r).toEqual({ text: `${A}\u0000${B}` });
    expect(evaluateTemplate('{{ .password | frobnicate }}').unevaluable).toBeUndefined();
  });

  it('keeps both branches of if/else', () => {
    expect(evaluateTemplate(`{{ if .x }}${A}{{ else }}zz{{ end }}${B}`).text).toBe(`${A}zz${B}`);
  });

  it('is unevaluable for an unknown function on literals, a named template, an unclosed action or a repeat bomb', () => {
    expect(evaluateTemplate(`{{ "${A}" | frobnicate }}`).unevaluable).toMatch(/frobnicate/);
    expect(evaluateTemplate('{{ template "x" }}').unevaluable).toBeDefined();
    expect(evaluateTemplate(`{{ "${A}"`).unevaluable).toBeDefined();
    expect(evaluateTemplate('{{ repeat 100000000 "ab" }}').unevaluable).toBeDefined();
  });

  it('takes random and time functions as unknown, not unevaluable', () => {
    expect(evaluateTemplate('{{ randAlphaNum 32 }}')).toEqual({ text: '\u0000' });
    expect(evaluateTemplate('{{ now | date "2006" }}').unevaluable).toBeUndefined();
  });
});
