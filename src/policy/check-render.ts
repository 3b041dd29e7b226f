/**
 * Gates a render: one policy evaluation over the whole stream plus the
 * environment, then findings formatted in TypeScript (wasm's sprintf differs
 * from OPA's), located in the source, and matched against waivers.
 */
import type { Manifest } from '../core/manifest.js';
import { describeId, idOf } from '../core/resource-id.js';
import type { FileReader } from '../io/file-system.js';
import type { RenderedResource } from '../render/index.js';
import type { PolicyEngine, RawFinding } from './engine.js';
import { embeddedCarriers, expandRender, toCarrier, type ExpandedRender } from './expanded-render.js';
import { collectSelectorEdits } from './selector-edits.js';
import type { PodUnits } from './pod-templates.js';
import { assertCounts, assertUnitCounts } from './replica-counts.js';
import { SourceLocator } from './source-locations.js';
import { collectStringFactInput } from './string-fact-input.js';
import { localConfigSt2Namespaces } from './local-config-facts.js';
import { collectChainFacts } from './st2-chains.js';
import { collectListenFacts } from './st2-listen.js';
import { collectSensorPartitionFacts } from './st2-sensor-partition.js';
import { collectInertTexts } from './st2-inert-texts.js';
import { collectOptionFacts } from './st2-option-values.js';
import { collectRbacFacts } from './st2-rbac-definitions.js';
import { collectTransportFacts } from './st2-transport.js';
import { collectCredentialFacts } from './committed-credentials.js';
import { collectStoreCredentialFacts } from './store-credentials.js';
import { collectStoreHaFacts, type StoreHaFact } from './store-ha-facts.js';
import type { StoreLink } from './store-links.js';
import { collectOutageFacts, type OutageFacts } from './outage-facts.js';
import { collectAdmissionFacts, type AdmissionFacts } from './admission-facts.js';
import { collectNetworkFacts, type NetworkFacts } from './network-facts.js';
import { podInventory } from './pod-inventory.js';
import { collectSourceRangeFacts } from './source-ranges.js';
import { collectPodFacts, type PodFacts } from './pod-facts.js';
import { collectCommandEffects, type CommandEffect } from './command-effects.js';
import { collectImageRepositories } from './image-repositories.js';
import { collectScriptTextRoles } from './command-text-roles.js';
import { collectContainerRoles } from './container-roles.js';
import { collectProxyHosts } from './proxy-hosts.js';
import { judgedProfile, landingNamespace } from './trust.js';
import { type Finding, type PolicyReport, type Profile, type Waiver } from './types.js';
import type { PolicySettings } from './settings.js';
import { collectWaivers, neverWaivable, WAIVER_PREFIX, WAIVER_RULE } from './waivers.js';

export interface CheckOptions {
  /** The environment named for this render (shown in reports); it binds like every floor. */
  readonly environment: string | undefined;
  /**
   * More environments that bind: those declared by the overlay's bases and
   * components, the CLI's --env, the Argo CD Application's setting. The
   * judged profile is the strictest of all of them and of the policy data's
   * namespace map: the repository can tighten it, never loosen it.
   */
  readonly floors?: ReadonlyArray<string | undefined>;
  /** Where resources without metadata.namespace land (Argo CD's destination); else inferred from the render. */
  readonly namespace?: string | undefined;
  /** Injected clock: certificate expiry and waiver expiry. */
  readonly now: Date;
  /** What kustomize dropped from the render as local configuration (never applied; RenderResult.localConfig). */
  readonly localConfig?: readonly Manifest[];
}

/**
 * JSON for the wasm input; big integers become numbers (Rego numbers are
 * floats anyway). A replacer slows JSON.stringify down several times, so it
 * is used only when the plain call meets a bigint.
 */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  }
}

export function checkRender(engine: PolicyEngine, fs: FileReader, resources: readonly RenderedResource[], options: CheckOptions): PolicyReport {
  const check = prepareCheck(engine, fs, resources, options);
  const facts = collectFacts(check, engine, options.now);
  return finishCheck(check, engine, toCarrier(check.expanded, engine.evaluate(toJson({ ...inputHead(check, options), resources: check.manifests, facts }))), options);
}

/**
 * A policy engine that evaluates elsewhere (the policy worker thread) and
 * takes its input in two parts: the resources first, parsed there while this
 * thread works out the facts, then the rest of the input.
 */
export interface StagedPolicyEngine extends Omit<PolicyEngine, 'evaluate'> {
  /** Sends the resources (a JSON array): the bulk of the input, parsed there while this thread prepares the rest. */
  stageResources(resourcesJson: string): void;
  /**
   * Sends the rest of the input, its facts only those found before the
   * string search: the engine judges the resources at once by every rule
   * that needs no string facts, and resolves to those findings (all of them
   * among evaluateStaged's).
   */
  stageHead(headJson: string): Promise<readonly RawFinding[]>;
  /** Sends the rest of the input object and resolves to the findings of the whole. */
  evaluateStaged(restJson: string): Promise<RawFinding[]>;
}

/**
 * checkRender with the evaluation in a staged engine: the same input in two
 * parts, the same findings, but the wasm parses the resources while this
 * thread searches their strings.
 */
export async function checkRenderStaged(engine: StagedPolicyEngine, fs: FileReader, resources: readonly RenderedResource[], options: CheckOptions): Promise<PolicyReport> {
  // The resources first: the engine parses them while this thread prepares the rest
  // (bad input found here still fails the check; the engine's work is then dropped).
  const expanded = expandFor(resources, options);
  engine.stageResources(toJson(expanded.manifests));
  const check = prepareCheck(engine, fs, resources, options, expanded);
  const chains = collectChainFacts(check.manifests, check.specPaths, check.namespace);
  // The rules that need no string facts judge the resources while this thread searches the strings.
  const early = earlyFacts(check, engine.settings, chains);
  const judged = engine.stageHead(toJson({ ...inputHead(check, options), facts: early }));
  const facts = collectFacts(check, engine, options.now, early);
  const raw = engine.evaluateStaged(toJson({ ...inputHead(check, options), facts }));
  // While the string facts are judged, read the lines of the findings already made: finishCheck
  // then finds their documents read (a failure is evaluateStaged's to report).
  judged.then((findings) => locateAhead(check, toCarrier(check.expanded, findings))).catch(() => undefined);
  return finishCheck(check, engine, toCarrier(check.expanded, await raw), options);
}

/** Reads where findings point (their documents' positions), ahead of finishCheck. */
function locateAhead(check: PreparedCheck, findings: readonly RawFinding[]): void {
  for (const f of findings) {
    const resource = check.resources[f.resource];
    if (resource !== undefined) check.locator.locate(resource, f.path);
  }
}

export type EngineInfo = Pick<PolicyEngine, 'rules' | 'literals' | 'settings'>;

export interface PreparedCheck {
  readonly resources: readonly RenderedResource[];
  /** The render's objects and, after them, the manifests embedded in them (expanded-render.ts). */
  readonly manifests: readonly Manifest[];
  readonly expanded: ExpandedRender;
  readonly locator: SourceLocator;
  readonly profile: Profile;
  readonly namespace: string;
  readonly bindings: string[];
  /** Pod specs and loose containers of the resources whose pods are not one usual template (pod-templates.ts). */
  readonly podUnits: Record<string, PodUnits>;
  /** Every pod spec's path, by resource index (st2-chains.ts). */
  readonly specPaths: ReadonlyMap<number, ReadonlyArray<Array<string | number>>>;
  /** How much public address space each LoadBalancer's source ranges let in (source-ranges.ts). */
  readonly lbSources: ReturnType<typeof collectSourceRangeFacts>;
  /** Quantities and store settings read as their programs read them (outage-facts.ts). */
  readonly outage: OutageFacts;
  /** MongoDB and RabbitMQ settings that stop them serving or break their HA (store-ha-facts.ts). */
  readonly storeHa: StoreHaFact[];
  /** Where the stores connect beyond their own members (store-links.ts). */
  readonly storeLinks: StoreLink[];
  /** What each pod spec needs from the cluster to run (pod-facts.ts). */
  readonly pods: PodFacts;
  /** What the cluster's admission plugins refuse and VPAs cap (admission-facts.ts), the flows network policies cut (network-facts.ts). */
  readonly cluster: AdmissionFacts & NetworkFacts;
  /** What containers' commands do to the stores and st2's secrets (command-effects.ts). */
  readonly commands: CommandEffect[];
  /** Namespaces whose st2 config kustomize dropped as local configuration (local-config-facts.ts). */
  readonly localConfigNamespaces: string[];
}

/** The render with its embedded manifests, read where namespace-less objects land. */
export function expandFor(resources: readonly RenderedResource[], options: CheckOptions): ExpandedRender {
  const own = resources.map((r) => r.manifest);
  return expandRender(own, landingNamespace(own, options.namespace));
}

export function prepareCheck(engine: EngineInfo, fs: FileReader, resources: readonly RenderedResource[], options: CheckOptions, expanded = expandFor(resources, options)): PreparedCheck {
  const locator = new SourceLocator(fs);
  assertCounts(resources, locator);
  const { manifests } = expanded;
  // Bad counts are bad input (exit 2), found before anything is judged.
  assertUnitCounts(resources, expanded.bad, locator);
  // The landing namespace is the render's own objects' (embedded ones do not move it); every namespace binds.
  const { profile, bindings } = judgedProfile(manifests, options, engine.settings);
  // (Read from the render as written: copies judged once are blanked in expanded.manifests.)
  const namespace = landingNamespace(resources.map((r) => r.manifest), options.namespace);
  const outage = collectOutageFacts(manifests, expanded.specPaths, namespace, engine.settings.outage);
  // The pods the render runs, once, for what admission refuses and what NetworkPolicies cut.
  const pods = podInventory(manifests, expanded.specPaths, expanded.podUnits, namespace);
  const cluster = { ...collectAdmissionFacts(manifests, pods, namespace), ...collectNetworkFacts(manifests, pods, namespace, expanded.own) };
  const storeLinks: StoreLink[] = [];
  return { resources, manifests, expanded, locator, profile, namespace, bindings, podUnits: expanded.podUnits, specPaths: expanded.specPaths, lbSources: collectSourceRangeFacts(manifests), outage, storeHa: collectStoreHaFacts(manifests, expanded.specPaths, namespace, storeLinks), storeLinks, pods: collectPodFacts(manifests, expanded.specPaths, namespace), cluster, commands: collectCommandEffects(manifests, expanded.specPaths, namespace, options.now), localConfigNamespaces: localConfigSt2Namespaces(options.localConfig ?? [], namespace) };
}

/** The input's fields before and besides the resources, in the order the input has always had them. */
export function inputHead(check: PreparedCheck, options: CheckOptions): { profile: Profile; environment: string; namespace: string } {
  return { profile: check.profile, environment: options.environment ?? '', namespace: check.namespace };
}

/** The facts the rules need that are not the string search's: sent ahead in the staged evaluation. */
export function earlyFacts(check: PreparedCheck, settings: PolicySettings, chains = collectChainFacts(check.manifests, check.specPaths, check.namespace)): Record<string, unknown> {
  return {
    pod_units: check.podUnits,
    st2_chains: chains.st2_chains,
    st2_config_settled: chains.st2_config_settled,
    st2_scripts: chains.st2_scripts,
    st2_listen: collectListenFacts(check.manifests, chains.st2_chains, check.namespace),
    sensor_partitions: collectSensorPartitionFacts(check.manifests, chains.st2_chains, check.namespace),
    st2_config_inert: collectInertTexts(check.manifests, check.specPaths),
    ...collectOptionFacts(check.manifests),
    ...collectRbacFacts(check.manifests),
    st2_transport: [...collectTransportFacts(check.manifests, check.specPaths, chains.st2_chains), ...chains.store_unset],
    ...collectCredentialFacts(check.manifests, check.specPaths),
    store_credentials: collectStoreCredentialFacts(check.manifests, check.specPaths),
    lb_sources: check.lbSources,
    cluster_writes: check.expanded.clusterWrites,
    embedded_carriers: embeddedCarriers(check.expanded),
    command_effects: check.commands,
    selector_edits: collectSelectorEdits(check.resources),
    ...check.outage,
    store_ha: check.storeHa,
    store_links: check.storeLinks,
    ...check.pods,
    ...check.cluster,
    image_repositories: collectImageRepositories(check.manifests, check.specPaths),
    // fromEntries: a text "__proto__" is a key like any other.
    command_text_roles: Object.fromEntries(collectScriptTextRoles(chains.st2_scripts)),
    container_roles: collectContainerRoles(check.manifests, check.specPaths, check.podUnits, settings.mapsImages),
    proxy_hosts: collectProxyHosts(check.manifests),
    local_config_st2_namespaces: check.localConfigNamespaces,
    // The render's own objects only: Argo CD applies those, one per landed id (ST2-OPS-082).
    landing_duplicates: check.expanded.landing,
  };
}

/** Every fact: the early ones and the string search's. */
function collectFacts(check: PreparedCheck, engine: EngineInfo, now: Date, early = earlyFacts(check, engine.settings)): Record<string, unknown> {
  return { ...collectStringFactInput(check.manifests, engine.literals, now), ...early };
}

export function finishCheck(check: PreparedCheck, engine: EngineInfo, raw: readonly RawFinding[], options: CheckOptions): PolicyReport {
  const { resources, locator, profile, bindings } = check;
  const today = options.now.toISOString().slice(0, 10);
  const waivers = collectWaivers(resources, { today, maxDays: engine.settings.maxWaiverDays });
  const unwaivable = (rule: string): boolean => neverWaivable(engine.rules[rule], profile);

  const findings: Finding[] = raw.map((f) => {
    const resource = resources[f.resource];
    const waiver = unwaivable(f.rule) ? undefined : waivers[f.resource]?.find((w) => w.rule === f.rule && w.result.ok);
    return format(engine, f, resource, waiver?.result.ok ? waiver.result.waiver : undefined, locator);
  });
  resources.forEach((resource, index) => {
    for (const parsed of waivers[index] ?? []) {
      const w =
        parsed.result.ok && unwaivable(parsed.rule)
          ? { ...parsed, result: { ok: false as const, problem: `is refused: this rule is never waivable in ${profile}` } }
          : parsed;
      if (w.result.ok) continue;
      const path = ['metadata', 'annotations', w.annotation];
      findings.push({
        rule: WAIVER_RULE,
        severity: 'deny',
        title: 'Invalid policy waiver',
        message: `waiver for ${w.rule} ${w.result.problem}`,
        remediation: `Set ${WAIVER_PREFIX}${w.rule}: "expires=YYYY-MM-DD; reason=<why>" on the one resource it covers (st2-gitops waive), with a real date no more than ${engine.settings.maxWaiverDays} days ahead, or remove the waiver and fix the finding.`,
        resource: refOf(resource),
        field: path.join('.'),
        location: locator.locate(resource, path),
        waived: undefined,
      });
    }
  });
  findings.sort(compareFindings);
  return { environment: options.environment, profile, bindings, findings };
}

function refOf(resource: RenderedResource): Finding['resource'] {
  const id = idOf(resource.manifest);
  return { kind: id.kind, namespace: id.namespace, name: id.name };
}

function format(engine: EngineInfo, f: RawFinding, resource: RenderedResource | undefined, waived: Waiver | undefined, locator: SourceLocator): Finding {
  const info = engine.rules[f.rule];
  const title = info?.title ?? f.rule;
  const params = Object.entries(f.params)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return {
    rule: f.rule,
    severity: f.severity,
    title,
    message: params ? `${title} (${params})` : title,
    remediation: info?.remediation ?? '',
    resource: resource ? refOf(resource) : undefined,
    field: f.path.map(String).join('.'),
    location: resource ? locator.locate(resource, f.path) : undefined,
    waived,
  };
}

/** A total order (the message breaks ties): the report never depends on the order the engine found things in. */
function compareFindings(a: Finding, b: Finding): number {
  const key = (f: Finding): string =>
    [f.severity === 'deny' ? 0 : 1, f.rule, f.resource?.kind ?? '', f.resource?.namespace ?? '', f.resource?.name ?? '', f.field, f.message].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** One concise line for stderr and the Argo CD UI: rule, resource, field, file:line, remediation. */
export function formatFindingLine(f: Finding): string {
  const where = f.location ? ` at ${f.location.file}${f.location.line ? `:${f.location.line}` : ''}` : '';
  const what = f.resource ? `${describeId({ group: '', version: '', ...f.resource })}${f.field ? ` ${f.field}` : ''}` : 'render';
  const tag = f.waived ? `waived until ${f.waived.expires}` : f.severity.toUpperCase();
  return `${tag} ${f.rule} ${what}${where}: ${f.message}.${f.remediation ? ` Fix: ${f.remediation}` : ''}`;
}
