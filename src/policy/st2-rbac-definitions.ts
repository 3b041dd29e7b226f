/**
 * StackStorm's own RBAC definitions as st2-apply-rbac-definitions loads them
 * (st2 3.8, st2common/rbac/loader.py; docs "RBAC"): YAML files under
 * /opt/stackstorm/rbac/roles/ (a role: `name`, `permission_grants` of
 * `permission_types` on an optional `resource_uid`), assignments/ (a
 * `username` and its `roles`) and mappings/ (an LDAP `group` and its
 * `roles`, applied with `[rbac] sync_remote_groups`). Files with
 * `enabled: false` are skipped by st2.
 *
 * Every ConfigMap and Secret value shaped like one is read, wherever it is
 * mounted (fail closed: a copy elsewhere is one `cp` away). What leaves here
 * is what ST2-HRD-013 judges: each role's grants that run code of the
 * grantee's choosing on the action runners (so the role is admin in all but
 * name), and each mapping's group and roles. No value but names.
 */
import { parseAllDocuments } from 'yaml';
import type { Manifest } from '../core/manifest.js';
import { forEachConfigText } from './container-walk.js';

type Path = Array<string | number>;

export interface RbacRoleFact {
  readonly resource: number;
  readonly path: Path;
  readonly name: string;
  /** Grants that let the grantee run code of their choosing: `permission_type` or `permission_type on resource_uid`. */
  readonly code_grants: string[];
}

export interface RbacMappingFact {
  readonly resource: number;
  readonly path: Path;
  /** The LDAP group (as written) and the first value of its DN, lower-cased, blanks for `-` and `_`. */
  readonly group: string;
  readonly group_name: string;
  readonly roles: string[];
}

export interface RbacFacts {
  readonly st2_rbac_roles: RbacRoleFact[];
  readonly st2_rbac_mappings: RbacMappingFact[];
}

/**
 * Permission types that install or change code the runners execute, or run
 * any command, when granted globally (no resource_uid): installing or
 * registering a pack, creating or changing an action, executing any action
 * (core.local runs a shell command), and their `_all` forms.
 */
const CODE_TYPES = new Set(['pack_install', 'pack_create', 'pack_register', 'pack_all', 'action_create', 'action_modify', 'action_execute', 'action_all']);

/** Resources whose execution is a shell on the runners or the managed hosts: the core pack and its command actions. */
const CODE_RESOURCES = /^(?:pack:core|action:core:(?:local|local_sudo|remote|remote_sudo|winrm_cmd|winrm_ps_cmd|windows_cmd))$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The grants of a role document that run code of the grantee's choosing. */
function codeGrants(grants: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(grants)) return out;
  for (const grant of grants) {
    if (!isObject(grant)) continue;
    const uid = typeof grant['resource_uid'] === 'string' ? grant['resource_uid'].trim() : '';
    for (const type of strings(grant['permission_types'])) {
      const t = type.trim().toLowerCase();
      if (uid === '' && CODE_TYPES.has(t)) out.push(t);
      else if (uid !== '' && CODE_RESOURCES.test(uid) && (t === 'action_execute' || t === 'action_all' || t === 'action_modify')) out.push(`${t} on ${uid}`);
    }
  }
  return out;
}

/** The first RDN's value of a DN (`CN=Domain Users,OU=...` → `domain users`), or the name as written. */
export function groupName(group: string): string {
  const first = group.split(/(?<!\\),/)[0] ?? '';
  const eq = first.indexOf('=');
  const value = eq >= 0 && /^[A-Za-z][A-Za-z0-9-]*$/.test(first.slice(0, eq).trim()) ? first.slice(eq + 1) : first;
  return value.replace(/\\(.)/g, '$1').trim().toLowerCase().replace(/[-_\s]+/g, ' ');
}

export function collectRbacFacts(resources: readonly Manifest[]): RbacFacts {
  const roles: RbacRoleFact[] = [];
  const mappings: RbacMappingFact[] = [];
  forEachConfigText(resources, ({ index, path, text }) => {
    // Cheap test first (the YAML parse is the costly part): a role names its grants, a
    // mapping its group and roles; a key spelled with escapes ("gr\x6fup") needs a backslash.
    if (!text.includes('permission_grants') && !(text.includes('roles') && (text.includes('group') || text.includes('\\')))) return;
    let docs;
    try {
      docs = parseAllDocuments(text);
    } catch {
      return;
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) continue;
      let d: unknown;
      try {
        d = doc.toJS();
      } catch {
        continue;
      }
      if (!isObject(d) || d['enabled'] === false) continue;
      if (typeof d['name'] === 'string' && 'permission_grants' in d) {
        roles.push({ resource: index, path, name: d['name'].trim(), code_grants: codeGrants(d['permission_grants']) });
      } else if (typeof d['group'] === 'string' && 'roles' in d) {
        mappings.push({ resource: index, path, group: d['group'], group_name: groupName(d['group']), roles: strings(d['roles']).map((r) => r.trim()) });
      }
    }
  });
  return { st2_rbac_roles: roles, st2_rbac_mappings: mappings };
}
