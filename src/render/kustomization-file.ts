/**
 * Finding, reading and validating one kustomization file against the
 * supported-subset JSON Schema. Unknown or unsupported fields are refused by
 * name, with their line.
 */
import { RenderError } from '../core/errors.js';
import { validateAgainstSchema } from '../core/json-schema.js';
import { isJsonObject, type JsonObject } from '../core/manifest.js';
import { parseYamlFile, readYamlFile, type CollectionLines } from '../core/yaml-read.js';
import { PathEscapeError, type EntryKind, type FileReader } from '../io/file-system.js';
import type { Kustomization } from './kustomization.generated.js';
import schemaJson from './kustomization.schema.json' with { type: 'json' };

const FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Fields kustomize has that we deliberately do not render, with what to do instead. */
const UNSUPPORTED_FIELDS: Readonly<Record<string, string>> = {
  namePrefix: 'resource names stay the component names; drop the prefix',
  nameSuffix: 'resource names stay the component names; drop the suffix',
  vars: 'not supported',
  helmCharts: 'render the chart into plain YAML first',
  helmGlobals: 'not supported',
  bases: "list the directory under 'resources'",
  imageTags: "use 'images'",
  crds: 'not supported',
  configurations: 'not supported',
  generators: 'not supported',
  transformers: 'not supported',
  validators: 'not supported',
  openapi: 'not supported',
};

export interface KustomizationFile {
  /** Repo-relative path of the file. */
  readonly file: string;
  /** Its directory. */
  readonly dir: string;
  readonly text: string;
  readonly kustomization: Kustomization;
  /** Start lines of the file's mappings and sequences (entries of patches, images…). */
  readonly lines: CollectionLines;
}

/** Reads the kustomization in `dir`; throws RenderError when absent, ambiguous or invalid. */
export function readKustomization(fs: FileReader, dir: string): KustomizationFile {
  const present = FILE_NAMES.filter((name) => kindInside(fs, joinDir(dir, name)) === 'file');
  if (present.length === 0) {
    throw new RenderError(
      'kustomization-missing',
      `no kustomization.yaml, kustomization.yml or Kustomization in '${dir}'; is this an overlay directory?`,
      { file: dir },
    );
  }
  if (present.length > 1) {
    throw new RenderError('kustomization-ambiguous', `found ${present.join(' and ')} in '${dir}'; keep one`, { file: dir });
  }
  const file = joinDir(dir, present[0] as string);
  const text = readYamlFile(fs, file);
  const parsed = parseYamlFile(file, text, { flavor: 'patch', trackLines: true });
  const documents = parsed.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (documents.length === 0) throw new RenderError('kustomization-empty', 'kustomization file is empty', { file });
  if (documents.length > 1) throw new RenderError('kustomization-multi', 'kustomization file must hold one document', { file });
  const value = documents[0]?.value;
  if (!isJsonObject(value)) throw new RenderError('kustomization-shape', 'kustomization must be a mapping', { file, line: 1 });
  // kustomize's CheckEmpty: nothing but apiVersion and kind (or fields left null) is an empty kustomization.
  if (Object.entries(value).every(([key, field]) => key === 'apiVersion' || key === 'kind' || field === null)) {
    throw new RenderError('kustomization-empty', 'kustomization file is empty: it sets no field besides apiVersion and kind', { file });
  }
  dropNulls(value);
  validate(file, text, value);
  return { file, dir, text, kustomization: value, lines: parsed.lines };
}

/**
 * Go's JSON decoding leaves a field at its zero value for null, at any depth
 * (a generator's `literals:`, a patch's `target:`): a null field is an absent
 * one, and a null value in a string map (labels, annotations, pairs) is the
 * empty string.
 */
const STRING_MAPS = new Set(['commonAnnotations', 'commonLabels', 'pairs', 'labels', 'annotations']);

function dropNulls(value: JsonObject, stringMap = false, depth = 0): void {
  if (depth > 16) return;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === null) {
      if (stringMap) value[key] = '';
      else delete value[key];
    } else if (isJsonObject(field)) {
      dropNulls(field, STRING_MAPS.has(key), depth + 1);
    } else if (Array.isArray(field)) {
      for (const item of field) if (isJsonObject(item)) dropNulls(item, false, depth + 1);
    }
  }
}

/** fs.kind, with a symlink leaving the repository reported as a RenderError. */
function kindInside(fs: FileReader, path: string): EntryKind {
  try {
    return fs.kind(path);
  } catch (error) {
    if (error instanceof PathEscapeError) throw new RenderError('path-escape', `'${path}' ${error.reason}`, { file: path }, { cause: error });
    throw error;
  }
}

function joinDir(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

function validate(file: string, text: string, value: JsonObject): void {
  const problems = validateAgainstSchema(schemaJson, value);
  if (problems.length === 0) return;
  const first = problems[0];
  if (first === undefined) return;
  const field = first.unknownField;
  const line = field === undefined ? undefined : lineOfKey(text, field);
  let message: string;
  if (field !== undefined && first.path === field) {
    const advice = UNSUPPORTED_FIELDS[field];
    message = advice
      ? `field '${field}' is not supported by st2-gitops: ${advice}`
      : `unknown field '${field}'; supported fields are ${Object.keys((schemaJson as { properties: object }).properties).join(', ')}`;
  } else {
    message = `invalid kustomization: ${first.message}`;
  }
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: ${problems.slice(1, 4).map((p) => p.message).join('; ')})` : '';
  throw new RenderError('kustomization-invalid', message + more, { file, ...(line ? { line } : {}) });
}

/** 1-based line of a top-level or nested key, found textually (first match). */
export function lineOfKey(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:-\\s+)?["']?${escaped}["']?\\s*:`, 'm');
  const match = re.exec(text);
  if (!match) return undefined;
  return text.slice(0, match.index).split('\n').length;
}
