/**
 * What the red-team sets attack with: the chart's published defaults, read from
 * the repository the way an attacker would copy them (the policy data's
 * literals, the default-secrets component's Secret data).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const isJson = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A chart default literal by its id in policies/chart_defaults/data.json. */
export function publishedLiteral(root: string): (id: string) => string {
  const defaults: unknown = JSON.parse(readFileSync(path.join(root, 'policies/chart_defaults/data.json'), 'utf8'));
  const list = isJson(defaults) && Array.isArray(defaults['literals']) ? defaults['literals'] : [];
  return (id) => {
    const found: unknown = list.find((l: unknown) => isJson(l) && l['id'] === id);
    if (!isJson(found) || typeof found['value'] !== 'string') throw new Error(`no literal ${id}`);
    return found['value'];
  };
}

/** One decoded `data` value of a Secret manifest in the repository. */
export function publishedSecretData(root: string): (file: string, key: string) => string {
  return (file, key) => {
    const doc: unknown = YAML.parse(readFileSync(path.join(root, file), 'utf8'));
    const data = isJson(doc) ? doc['data'] : undefined;
    const value = isJson(data) ? data[key] : undefined;
    if (typeof value !== 'string') throw new Error(`no ${key} in ${file}`);
    return Buffer.from(value, 'base64').toString('utf8');
  };
}
