/**
 * The sources cloud-provider-azure writes into a LoadBalancer's network
 * security group besides the Kubernetes source ranges
 * (pkg/provider/loadbalancer/accesscontrol.go):
 * - service.beta.kubernetes.io/azure-allowed-ip-ranges: more CIDRs, unioned
 *   with the load-balancer-source-ranges annotation. With
 *   spec.loadBalancerSourceRanges also set, the controller refuses the
 *   Service (ErrSetBothLoadBalancerSourceRangesAndAllowedIPRanges, in every
 *   release since the annotation exists): no rule is written, so these
 *   ranges then let nobody in.
 * - service.beta.kubernetes.io/azure-allowed-service-tags: one allow rule
 *   per tag, beside the ranges' rule (a union, not a narrowing). "Internet"
 *   is the internet; every other tag but VirtualNetwork and
 *   AzureLoadBalancer names public addresses shared by an Azure service's
 *   tenants (anyone with a Front Door or a VM reaches through AzureFrontDoor.Backend
 *   or AzureCloud), which the gate cannot size: they count as open.
 *   kube-proxy still drops sources outside spec.loadBalancerSourceRanges on
 *   the load balancer's address (floating IP, the default), but that is a
 *   node's filter the API does not promise (it is the cloud's to enforce),
 *   gone with azure-disable-load-balancer-floating-ip or another dataplane.
 */
export const AZURE_IP_RANGES = 'service.beta.kubernetes.io/azure-allowed-ip-ranges';
export const AZURE_SERVICE_TAGS = 'service.beta.kubernetes.io/azure-allowed-service-tags';

/** Tags whose addresses are the cluster's own network or Azure's health probe. */
const PRIVATE_TAGS = new Set(['virtualnetwork', 'azureloadbalancer']);

export interface AzureSources {
  /** CIDRs the NSG also allows (a tag spelled as a CIDR is one). */
  readonly ranges: readonly string[];
  /** A tag that lets in public addresses the gate cannot count. */
  readonly publicTag: boolean;
}

const items = (text: unknown): string[] =>
  typeof text === 'string' ? text.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];

/** Azure's extra sources of a Service, given whether spec.loadBalancerSourceRanges is set; undefined without the annotations. */
export function azureSources(
  annotations: Readonly<Record<string, unknown>>,
  specRanges: boolean,
  isRange: (text: string) => boolean,
): AzureSources | undefined {
  const ipRanges = items(annotations[AZURE_IP_RANGES]);
  const tags = items(annotations[AZURE_SERVICE_TAGS]);
  if (ipRanges.length === 0 && tags.length === 0) return undefined;
  const ranges = specRanges ? [] : [...ipRanges];
  let publicTag = false;
  for (const tag of tags) {
    if (isRange(tag)) ranges.push(tag);
    else if (!PRIVATE_TAGS.has(tag.toLowerCase())) publicTag = true;
  }
  return { ranges, publicTag };
}
