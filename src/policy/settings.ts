/**
 * Policy settings that ship inside the bundle (policies/settings/data.json →
 * data.settings), so whoever owns the bundle, not the repository judged,
 * decides them: which namespaces are which environment, and how long a
 * waiver may live. Validated here: the bundle data enters as unknown.
 */
import { isJsonObject } from '../core/manifest.js';
import type { Profile } from './types.js';

export interface PolicySettings {
  /** Namespace → the environment it is, at the least (st2-prod → production). */
  readonly namespaceProfiles: Readonly<Record<string, Profile>>;
  /** Longest a waiver may live, counted from today. */
  readonly maxWaiverDays: number;
}

export const DEFAULT_MAX_WAIVER_DAYS = 90;

export const DEFAULT_SETTINGS: PolicySettings = { namespaceProfiles: {}, maxWaiverDays: DEFAULT_MAX_WAIVER_DAYS };

function asProfile(value: unknown): Profile | undefined {
  return value === 'dev' || value === 'staging' || value === 'production' ? value : undefined;
}

export function settingsOf(data: unknown): PolicySettings {
  const settings = isJsonObject(data) ? data['settings'] : undefined;
  if (!isJsonObject(settings)) return DEFAULT_SETTINGS;
  const environments = settings['environments'];
  const namespaces = isJsonObject(environments) ? environments['namespaces'] : undefined;
  const namespaceProfiles: Record<string, Profile> = {};
  if (isJsonObject(namespaces)) {
    for (const [ns, value] of Object.entries(namespaces)) {
      // An entry the code cannot read binds as production: fail closed.
      namespaceProfiles[ns] = asProfile(value) ?? 'production';
    }
  }
  const waivers = settings['waivers'];
  const days = isJsonObject(waivers) ? waivers['max_lifetime_days'] : undefined;
  const maxWaiverDays = typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_MAX_WAIVER_DAYS;
  return { namespaceProfiles, maxWaiverDays };
}
