/**
 * The nineteenth red team's exposure-at-the-edge holes, in kept cases with their look-alikes.
 *
 * Azure (ST2-EXP-007): cloud-provider-azure writes a LoadBalancer's network security group from
 * the Kubernetes source ranges and its own annotations as a union
 * (pkg/provider/loadbalancer/accesscontrol.go): azure-allowed-service-tags adds one allow rule per
 * tag ("Internet" is the internet; every tag but VirtualNetwork and AzureLoadBalancer is public
 * addresses the gate cannot size), azure-allowed-ip-ranges adds CIDRs to the
 * load-balancer-source-ranges annotation's. Azure ranges beside spec.loadBalancerSourceRanges
 * make the controller refuse the Service (no rule written): not open, so allowed here. Azure's
 * annotations alone restrict a Service only Azure serves.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { add, patch, replace, type Json } from './targets.js';

const TAGS = 'service.beta.kubernetes.io/azure-allowed-service-tags';
const RANGES = 'service.beta.kubernetes.io/azure-allowed-ip-ranges';
const LB_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const key = (k: string): string => `/metadata/annotations/${k.replace(/\//g, '~1')}`;

/** st2's Service as a LoadBalancer with these spec ranges (none: no field) and annotations. */
function lb(service: string, ranges: readonly string[] | undefined, annotations: Record<string, string>): Patch {
  const ops: Json[] = [replace('/spec/type', 'LoadBalancer')];
  if (ranges !== undefined) ops.push(add('/spec/loadBalancerSourceRanges', ranges));
  for (const [k, v] of Object.entries(annotations)) ops.push(add(key(k), v));
  return patch({ kind: 'Service', name: service }, ...ops);
}

export function fresh19EdgeCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const EXP7 = 'ST2-EXP-007';
  const byPatch = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f19e-${id}`, 'exposure', rule, { wraps, patches }));
  };
  const TEN = ['10.0.0.0/8'];

  // --- Azure: a tag or wider Azure ranges beside narrow ranges (ST2-EXP-007) ------------------------
  byPatch('azure-tag-internet', EXP7, [lb('st2web', TEN, { [TAGS]: 'Internet' })]);
  byPatch('azure-tag-internet-st2api-staging', EXP7, [lb('st2api', TEN, { [TAGS]: 'VirtualNetwork,Internet' })], 'staging');
  byPatch('azure-tag-frontdoor', EXP7, [lb('st2web', TEN, { [TAGS]: 'AzureFrontDoor.Backend' })]);
  byPatch('azure-tag-cidr', EXP7, [lb('st2auth', TEN, { [TAGS]: '0.0.0.0/1, 128.0.0.0/1' })]);
  byPatch('azure-ranges-widen-annotation', EXP7, [lb('st2auth', undefined, { [LB_RANGES]: '10.0.0.0/8', [RANGES]: '0.0.0.0/0' })]);
  byPatch('azure-tag-beside-annotation', EXP7, [lb('st2stream', undefined, { [LB_RANGES]: '10.0.0.0/8', [TAGS]: 'Internet' })]);
  byPatch('azure-ranges-alone-open', EXP7, [lb('st2web', undefined, { [RANGES]: '0.0.0.0/0,::/0' })]);
  byPatch('azure-tag-alone-internet', EXP7, [lb('st2web', undefined, { [TAGS]: 'Internet' })]);
  // --- Look-alikes ----------------------------------------------------------------------------------
  byPatch('safe-azure-tag-vnet', undefined, [lb('st2web', TEN, { [TAGS]: 'VirtualNetwork' })]);
  byPatch('safe-azure-ranges-alone', undefined, [lb('st2web', undefined, { [RANGES]: '10.0.0.0/8, 81.2.69.0/24' })]);
  byPatch('safe-azure-tags-alone-private', undefined, [lb('st2api', undefined, { [TAGS]: 'VirtualNetwork,AzureLoadBalancer' })]);
  // Refused by the controller (spec ranges and Azure ranges together): no rule is written.
  byPatch('safe-azure-ranges-beside-spec', undefined, [lb('st2auth', TEN, { [RANGES]: '0.0.0.0/0' })]);
  return cases;
}
