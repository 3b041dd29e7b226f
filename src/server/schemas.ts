/**
 * Request bodies, validated with zod. Outside data enters as `unknown` and
 * leaves typed; a 400 names each offending dot-path (`body.overlay`,
 * `body.input.parameters.environment`) and collects every problem at once.
 */
import { z } from 'zod';
import { HttpError } from './error-handler.js';

const overlayPath = z.string().min(1).max(512);

/**
 * Environments a request may judge as: the names the policy profiles know
 * (types.ts profileOf). An unauthenticated caller gets no other value: each
 * new one would be a new cache key, that is a full render (issue 14).
 */
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
const environment = z.enum(ENVIRONMENTS);

/** Overlays one /v1/check may name: each is a render, so a request's work stays small. */
export const MAX_CHECK_OVERLAYS = 10;

export const renderBodySchema = z.strictObject({
  overlay: overlayPath,
  environment: environment.optional(),
});
export type RenderBody = z.infer<typeof renderBodySchema>;

export const checkBodySchema = z.strictObject({
  overlays: z
    .array(overlayPath)
    .max(MAX_CHECK_OVERLAYS)
    .refine((list) => new Set(list).size === list.length, { message: 'overlays must be unique' })
    .optional(),
  environment: environment.optional(),
});
export type CheckBody = z.infer<typeof checkBodySchema>;

/** ../shared/reference/argocd.md §9: `input` is `{}` (or absent) when there are no parameters. */
export const getParamsBodySchema = z.object({
  applicationSetName: z.string().max(253),
  input: z
    .object({
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type GetParamsBody = z.infer<typeof getParamsBodySchema>;

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** The filters `input.parameters` may carry; unknown keys are refused so a typo never selects everything. */
export const appsetFilterSchema = z.strictObject({
  environment: oneOrMany.optional(),
  profile: z.union([z.enum(['dev', 'staging', 'production']), z.array(z.enum(['dev', 'staging', 'production'])).min(1)]).optional(),
  overlay: oneOrMany.optional(),
  name: oneOrMany.optional(),
  policyStatus: z.union([z.enum(['pass', 'warn', 'deny', 'error']), z.array(z.enum(['pass', 'warn', 'deny', 'error'])).min(1)]).optional(),
  allowedOnly: z.boolean().optional(),
});
export type AppsetFilter = z.infer<typeof appsetFilterSchema>;

function dotPath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].join('.').replaceAll('.[', '[');
}

/** Parses `value` or throws a 400 naming every bad dot-path under `prefix`. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = dotPath(prefix, issue.path);
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `'${k}'`).join(', ')}` : issue.message;
    return { path, message };
  });
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new HttpError(400, 'invalid-body', `invalid request body: ${summary}`, { details: { issues } });
}
