/**
 * Policy settings that ship inside the bundle (policies/settings/data.json →
 * data.settings), so whoever owns the bundle, not the repository judged,
 * decides them: which namespaces are which environment, how long a
 * waiver may live, and what may leave the cluster (exposure). Validated here:
 * the bundle data enters as unknown. The policy reads the same data itself;
 * a malformed exposure setting is refused here, when the bundle loads, rather
 * than half-applied.
 */
import { PolicyLoadError } from '../core/errors.js';
import { isJsonObject } from '../core/manifest.js';
import type { Profile } from './types.js';

export interface PolicySettings {
  /** Namespace → the environment it is, at the least (st2-prod → production). */
  readonly namespaceProfiles: Readonly<Record<string, Profile>>;
  /** Secret store name → the environment whose secrets it holds (ST2-OPS-012: a lenient render may not use a stricter one's store). */
  readonly secretStoreProfiles: Readonly<Record<string, Profile>>;
  /** Longest a waiver may live, counted from today. */
  readonly maxWaiverDays: number;
  readonly exposure: ExposureSettings;
  /** Admission webhook servers outside the render that may judge st2's pods or Secrets (ST2-OPS-021). */
  readonly admission: AdmissionSettings;
  readonly outage: OutageSettings;
  /**
   * Namespaces besides the environment map's (st2's own) where a render may
   * put objects (ST2-OPS-015): data.settings.delivery.namespaces, empty by
   * default. Everything else (argocd, kube-system, other teams') is refused.
   */
  readonly otherNamespaces: readonly string[];
  /**
   * A singleton service's one workload name in production (ST2-OPS-017):
   * data.settings.delivery.singleton_names, service -> name. Production
   * syncs without prune, so a renamed singleton leaves the old one running.
   */
  readonly singletonNames: Readonly<Record<string, string>>;
  /**
   * Velero BackupStorageLocation names a Schedule or Backup of st2's
   * namespaces may write to (ST2-OPS-015): data.settings.delivery.backup_locations.
   * The location receives st2's Secrets; none named is the cluster's default.
   */
  readonly backupLocations: readonly string[];
  /** Whether data.settings.image_roles maps any image to a role (lib.rego then reads every container's roles itself: container-roles.ts). */
  readonly mapsImages: boolean;
}

/** data.settings.admission (operations_admission.rego ST2-OPS-021). */
export interface AdmissionSettings {
  /** "namespace/name" of a webhook's Service, or a webhook URL's host. */
  readonly webhookServices: readonly string[];
  /** Admission policies checked against st2's pods (ST2-OPS-033): "<Kind>/<name>", or the sigstore opt-in label. */
  readonly policies: readonly string[];
  /** CNI network policies checked against st2's flows (ST2-OPS-035): "<Kind>/<namespace>/<name>" or "<Kind>/<name>". */
  readonly networkPolicies: readonly string[];
}

/**
 * data.settings.outage (operations_outage.rego ST2-OPS-022/024): the bounds
 * past which a value the API server accepts is a typo that stops a workload
 * or a store (cpu "1000" is a thousand cores, memory "512" is 512 bytes).
 */
export interface OutageSettings {
  /** A cpu request above this many cores fits no node: the pod never schedules. */
  readonly maxCpuCores: number;
  /** A memory request above this fits no node. */
  readonly maxMemoryBytes: number;
  /** A memory request or limit below this starts no process (the container is killed at start). */
  readonly minMemoryBytes: number;
  /** RabbitMQ's absolute memory watermark below this keeps the memory alarm on: every publisher blocks. */
  readonly minRabbitmqWatermarkBytes: number;
  /** etcd's --quota-backend-bytes below this raises the NOSPACE alarm at once: every write fails. */
  readonly minEtcdQuotaBytes: number;
  /**
   * The highest of settings.outage.resource_floors' floors per resource (ST2-OPS-048):
   * container limits below it are sent to the policy, which compares each with its
   * component's own floor.
   */
  readonly floorCeiling: FloorCeiling;
}

export interface FloorCeiling {
  readonly cpu: number;
  readonly memory: number;
  readonly 'ephemeral-storage': number;
}

/** The highest floors of policies/settings/data.json's defaults (MongoDB's memory, the runners' disk). */
export const DEFAULT_FLOOR_CEILING: FloorCeiling = { cpu: 0.25, memory: 512 * 2 ** 20, 'ephemeral-storage': 256 * 2 ** 20 };

export const DEFAULT_OUTAGE: OutageSettings = {
  maxCpuCores: 64,
  maxMemoryBytes: 512 * 2 ** 30,
  minMemoryBytes: 4 * 2 ** 20,
  minRabbitmqWatermarkBytes: 64 * 2 ** 20,
  minEtcdQuotaBytes: 256 * 2 ** 20,
  floorCeiling: DEFAULT_FLOOR_CEILING,
};

/** data.settings.exposure (exposure.rego ST2-EXP-007, operations_access.rego ST2-OPS-013/014). */
export interface ExposureSettings {
  /** A LoadBalancer's merged source ranges may cover at most as many public addresses as one range of these prefix lengths. */
  readonly maxPublicIpv4Prefix: number;
  readonly maxPublicIpv6Prefix: number;
  /** Hosts (exact, or "*.domain") st2 may reach its message bus and database at outside the cluster, with TLS. */
  readonly externalStores: readonly string[];
  /** Secret stores (SecretStore/ClusterSecretStore names) a PushSecret may copy st2's Secrets into. */
  readonly pushSecretStores: readonly string[];
  /** cert-manager issuers outside the render trusted for st2web's public certificate (ST2-EXP-012): "ClusterIssuer/<name>", "Issuer/<namespace>/<name>". */
  readonly tlsIssuers: readonly string[];
}

export const DEFAULT_EXPOSURE: ExposureSettings = { maxPublicIpv4Prefix: 16, maxPublicIpv6Prefix: 48, externalStores: [], pushSecretStores: [], tlsIssuers: [] };

export const DEFAULT_MAX_WAIVER_DAYS = 90;

export const DEFAULT_ADMISSION: AdmissionSettings = { webhookServices: [], policies: [], networkPolicies: [] };

export const DEFAULT_SETTINGS: PolicySettings = { namespaceProfiles: {}, secretStoreProfiles: {}, maxWaiverDays: DEFAULT_MAX_WAIVER_DAYS, exposure: DEFAULT_EXPOSURE, admission: DEFAULT_ADMISSION, outage: DEFAULT_OUTAGE, otherNamespaces: [], singletonNames: {}, backupLocations: [], mapsImages: false };

function bad(key: string, want: string, section = 'exposure'): PolicyLoadError {
  return new PolicyLoadError('bundle-invalid', `policy data settings.${section}.${key} must be ${want}; fix policies/settings/data.json and rebuild the bundle`);
}

function prefixOf(value: unknown, key: string, width: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > width) throw bad(key, `a prefix length from 0 to ${width}`);
  return value;
}

function namesOf(value: unknown, key: string, section = 'exposure'): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v.trim() !== '')) throw bad(key, 'a list of non-empty strings', section);
  return value.map((v) => v.trim());
}

/** The admission settings: webhook servers the policy may trust; malformed ones are refused. */
export function admissionOf(value: unknown): AdmissionSettings {
  if (value === undefined) return DEFAULT_ADMISSION;
  if (!isJsonObject(value)) throw bad('', 'an object', 'admission');
  // The policy compares them as written: a padded entry would silently never match.
  const exact = (key: string): string[] => {
    const names = namesOf(value[key], key, 'admission');
    if (names.some((n, k) => n !== (value[key] as string[])[k])) throw bad(key, 'a list of names without surrounding spaces', 'admission');
    return names;
  };
  return { webhookServices: exact('webhook_services'), policies: exact('policies'), networkPolicies: exact('network_policies') };
}

/** The exposure settings; absent keys take their defaults, malformed ones are refused. */
export function exposureOf(value: unknown): ExposureSettings {
  if (value === undefined) return DEFAULT_EXPOSURE;
  if (!isJsonObject(value)) throw bad('', 'an object');
  const lb = value['load_balancer_sources'];
  if (lb !== undefined && !isJsonObject(lb)) throw bad('load_balancer_sources', 'an object');
  // Read by exposure_hosts.rego only (ST2-EXP-015): the domains st2's routes and certificates may name.
  namesOf(value['host_suffixes'], 'host_suffixes');
  return {
    maxPublicIpv4Prefix: prefixOf(lb?.['max_public_ipv4_prefix'], 'load_balancer_sources.max_public_ipv4_prefix', 32, DEFAULT_EXPOSURE.maxPublicIpv4Prefix),
    maxPublicIpv6Prefix: prefixOf(lb?.['max_public_ipv6_prefix'], 'load_balancer_sources.max_public_ipv6_prefix', 128, DEFAULT_EXPOSURE.maxPublicIpv6Prefix),
    // Host names compare in lower case (the policy lowers them too).
    externalStores: namesOf(value['external_stores'], 'external_stores').map((h) => h.toLowerCase()),
    pushSecretStores: namesOf(value['push_secret_stores'], 'push_secret_stores'),
    tlsIssuers: namesOf(value['tls_issuers'], 'tls_issuers'),
  };
}

const OUTAGE_KEYS: ReadonlyArray<[Exclude<keyof OutageSettings, 'floorCeiling'>, string]> = [
  ['maxCpuCores', 'max_cpu_cores'],
  ['maxMemoryBytes', 'max_memory_bytes'],
  ['minMemoryBytes', 'min_memory_bytes'],
  ['minRabbitmqWatermarkBytes', 'min_rabbitmq_watermark_bytes'],
  ['minEtcdQuotaBytes', 'min_etcd_quota_bytes'],
];

/** The outage bounds; absent keys take their defaults, anything but a positive number is refused. */
export function outageOf(value: unknown): OutageSettings {
  if (value === undefined) return DEFAULT_OUTAGE;
  if (!isJsonObject(value)) throw new PolicyLoadError('bundle-invalid', 'policy data settings.outage must be an object; fix policies/settings/data.json and rebuild the bundle');
  const out: Record<string, number> = Object.fromEntries(OUTAGE_KEYS.map(([field]) => [field, DEFAULT_OUTAGE[field]]));
  for (const [field, key] of OUTAGE_KEYS) {
    const v = value[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new PolicyLoadError('bundle-invalid', `policy data settings.outage.${key} must be a positive number; fix policies/settings/data.json and rebuild the bundle`);
    }
    out[field] = v;
  }
  return { ...(out as unknown as OutageSettings), floorCeiling: floorCeilingOf(value['resource_floors']) };
}

const FLOOR_KEYS = { cpu: 'cpu', memory: 'memory', 'ephemeral-storage': 'ephemeral_storage' } as const;

/** role → {cpu (cores), memory and ephemeral_storage (bytes)}: the highest floor of each resource. */
function floorCeilingOf(value: unknown): FloorCeiling {
  if (value === undefined) return DEFAULT_FLOOR_CEILING;
  const bad = (): PolicyLoadError => new PolicyLoadError('bundle-invalid', 'policy data settings.outage.resource_floors must map roles to {cpu, memory, ephemeral_storage} positive numbers; fix policies/settings/data.json and rebuild the bundle');
  if (!isJsonObject(value)) throw bad();
  const out = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const floors of Object.values(value)) {
    if (!isJsonObject(floors)) throw bad();
    for (const [name, key] of Object.entries(FLOOR_KEYS) as Array<[keyof FloorCeiling, string]>) {
      const v = floors[key];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad();
      out[name] = Math.max(out[name], v);
    }
  }
  return out;
}

/** A namespace name as the API server takes it (RFC 1123 label). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A workload name as the API server takes it (RFC 1123 subdomain). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function deliveryError(key: string, want: string): PolicyLoadError {
  return new PolicyLoadError('bundle-invalid', `policy data settings.delivery${key} must be ${want}; fix policies/settings/data.json and rebuild the bundle`);
}

/** data.settings.delivery: absent keys are empty; anything malformed is refused when the bundle loads. */
export function deliveryOf(value: unknown): Pick<PolicySettings, 'otherNamespaces' | 'singletonNames' | 'backupLocations'> {
  if (value === undefined) return { otherNamespaces: [], singletonNames: {}, backupLocations: [] };
  if (!isJsonObject(value)) throw deliveryError('', 'an object');
  const list = value['namespaces'] ?? [];
  if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string' && NAMESPACE_NAME.test(v))) throw deliveryError('.namespaces', 'a list of namespace names (RFC 1123 labels)');
  const names = value['singleton_names'] ?? {};
  if (!isJsonObject(names) || !Object.values(names).every((v) => typeof v === 'string' && OBJECT_NAME.test(v))) throw deliveryError('.singleton_names', 'an object of service -> workload name');
  const locations = value['backup_locations'] ?? [];
  if (!Array.isArray(locations) || !locations.every((v): v is string => typeof v === 'string' && OBJECT_NAME.test(v))) throw deliveryError('.backup_locations', 'a list of BackupStorageLocation names');
  // Read by operations_commands.rego only (ST2-OPS-046/047): the workloads allowed a destructive store command.
  const destructive = value['destructive_commands'] ?? [];
  if (!Array.isArray(destructive) || !destructive.every((v) => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9]*\/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(v))) throw deliveryError('.destructive_commands', 'a list of Kind/name');
  // Read by operations_egress.rego only (ST2-SEC-024): the owner's package mirrors, by host name.
  const sources = value['package_source_hosts'] ?? [];
  if (!Array.isArray(sources) || !sources.every((v) => typeof v === 'string' && OBJECT_NAME.test(v.toLowerCase()))) throw deliveryError('.package_source_hosts', 'a list of host names');
  // Read by replicas_needed.rego only (ST2-REP-011): the Namespace objects the repository renders.
  const namespaceObjects = value['namespace_objects'] ?? [];
  if (!Array.isArray(namespaceObjects) || !namespaceObjects.every((v) => typeof v === 'string' && NAMESPACE_NAME.test(v))) throw deliveryError('.namespace_objects', 'a list of namespace names (RFC 1123 labels)');
  // Read by operations_egress_tls.rego only (ST2-SEC-048): the owner's TLS-inspecting egress proxies, by host name.
  const proxies = value['inspecting_proxy_hosts'] ?? [];
  if (!Array.isArray(proxies) || !proxies.every((v) => typeof v === 'string' && OBJECT_NAME.test(v.toLowerCase()))) throw deliveryError('.inspecting_proxy_hosts', 'a list of host names');
  return { otherNamespaces: [...list], singletonNames: names as Record<string, string>, backupLocations: [...locations] };
}

function asProfile(value: unknown): Profile | undefined {
  return value === 'dev' || value === 'staging' || value === 'production' ? value : undefined;
}

/** A name → environment map; an entry the code cannot read binds as production (fail closed), as the policy reads it. */
function profileMap(value: unknown): Record<string, Profile> {
  const out: Record<string, Profile> = {};
  if (isJsonObject(value)) for (const [name, profile] of Object.entries(value)) out[name] = asProfile(profile) ?? 'production';
  return out;
}

export function settingsOf(data: unknown): PolicySettings {
  const settings = isJsonObject(data) ? data['settings'] : undefined;
  if (!isJsonObject(settings)) return DEFAULT_SETTINGS;
  const environments = settings['environments'];
  const namespaceProfiles = profileMap(isJsonObject(environments) ? environments['namespaces'] : undefined);
  const secretStoreProfiles = profileMap(isJsonObject(environments) ? environments['secret_stores'] : undefined);
  const waivers = settings['waivers'];
  const days = isJsonObject(waivers) ? waivers['max_lifetime_days'] : undefined;
  const maxWaiverDays = typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_MAX_WAIVER_DAYS;
  return { namespaceProfiles, secretStoreProfiles, maxWaiverDays, exposure: exposureOf(settings['exposure']), admission: admissionOf(settings['admission']), outage: outageOf(settings['outage']), ...deliveryOf(settings['delivery']), mapsImages: isJsonObject(settings['image_roles']) && Object.keys(settings['image_roles']).length > 0 };
}
