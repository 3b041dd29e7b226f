/**
 * The part of kustomize's embedded Kubernetes OpenAPI schema (kyaml v0.18.1,
 * kubernetesapi v1.21.2) that its strategic-merge walker reads: which lists
 * merge by key and on which keys. The data is generated at build time by
 * scripts/smp-schema/generate.sh; this module only navigates it, the way
 * kyaml's ResourceSchema.Field / Elements / PatchStrategyAndKeyList do.
 */
import generated from './smp-schema.generated.json' with { type: 'json' };

/**
 * A schema as generated: a definition name (a resolved `$ref`), 1 for a
 * schema with nothing the walker reads, or properties (`p`), map values (`a`),
 * list items (`i`), patch strategy (`s`) and merge keys (`k`).
 */
type Encoded = string | number | EncodedObject;
interface EncodedObject {
  readonly p?: Readonly<Record<string, Encoded>>;
  readonly a?: Encoded;
  readonly i?: Encoded;
  readonly s?: string;
  readonly k?: readonly string[];
}

/** A schema the walker holds; `undefined` stands for kyaml's nil schema. */
export type SmpSchema = EncodedObject;

const definitions = generated.definitions as unknown as Readonly<Record<string, Encoded>>;
const types = generated.types as Readonly<Record<string, string>>;
const EMPTY: SmpSchema = {};

function resolve(encoded: Encoded | undefined): SmpSchema | undefined {
  let current = encoded;
  // A definition may itself be a reference; follow until a schema.
  for (let hops = 0; typeof current === 'string' && hops < 16; hops++) current = definitions[current];
  if (current === undefined || typeof current === 'string') return undefined;
  return typeof current === 'number' ? EMPTY : current;
}

/** SchemaForResourceType: the schema of a top-level type, by apiVersion and kind. */
export function schemaForType(apiVersion: string, kind: string): SmpSchema | undefined {
  const name = types[`${apiVersion} ${kind}`];
  return name === undefined ? undefined : resolve(name);
}

/** ResourceSchema.Field: a property, else the map-value schema. */
export function fieldSchema(schema: SmpSchema | undefined, key: string): SmpSchema | undefined {
  if (schema === undefined) return undefined;
  const property = schema.p !== undefined && Object.hasOwn(schema.p, key) ? schema.p[key] : undefined;
  return resolve(property ?? schema.a);
}

/** ResourceSchema.Elements: the item schema of an array schema. */
export function elementSchema(schema: SmpSchema | undefined): SmpSchema | undefined {
  return schema === undefined ? undefined : resolve(schema.i);
}

/** Whether the list merges element-wise (the strategy names `merge`). */
export function isAssociative(schema: SmpSchema | undefined): boolean {
  return schema?.s !== undefined && schema.s.split(',').includes('merge');
}

/** PatchStrategyAndKeyList: the merge keys (list-map keys, else the patch merge key). */
export function mergeKeys(schema: SmpSchema | undefined): readonly string[] {
  return schema?.k ?? [];
}
