/**
 * What the kept red-team files aim their JSON patches at: the base's objects
 * (kustomize target selectors), the pod template and its first container, the
 * patch operations, and st2.user.conf with lines after the base's override.
 * Written once here so that every corpus file patches the base the same way.
 */
import type { Patch } from './corpus.js';

export type Json = Record<string, unknown>;

/** A workload's pod template and its first container. */
export const SPEC = '/spec/template/spec';
export const FIRST = `${SPEC}/containers/0`;

export const ST2_CONF: Json = { kind: 'ConfigMap', name: 'st2-config' };
export const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
export const STS = (name: string): Json => ({ group: 'apps', kind: 'StatefulSet', name });

export const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
export const add = (path: string, value: unknown): Json => ({ op: 'add', path, value });
export const replace = (path: string, value: unknown): Json => ({ op: 'replace', path, value });

/** st2.user.conf: the base's override plus these lines. */
export const userConf = (...lines: string[]): Patch =>
  patch(ST2_CONF, replace('/data/st2.user.conf', ['# Operator overrides. Highest priority.', '[api]', "allow_origin = '*'", '', ...lines, ''].join('\n')));
