/**
 * Traefik's chain middleware (twentieth round, mine): a ForwardAuth over plain http to an outside
 * host, run through a chain the st2web Ingress names, sends every request's headers and st2's
 * tokens there as one the route names does (ST2-EXP-013; Traefik's chain middleware runs the
 * middlewares it lists in order, the kubernetescrd provider resolving each in the chain's
 * namespace unless one is named). Look-alikes: the same chain to an https identity provider or a
 * Service in the cluster.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { add, patch, type Json } from './targets.js';

const WEB: Json = { group: 'networking.k8s.io', kind: 'Ingress', name: 'st2web' };
const MIDDLEWARES = '/metadata/annotations/traefik.ingress.kubernetes.io~1router.middlewares';
const middleware = (name: string, spec: Json): Json => ({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name }, spec });
const chain = (...names: string[]): Json => ({ chain: { middlewares: names.map((name) => ({ name })) } });
const auth = (address: string): Json => ({ forwardAuth: { address, trustForwardHeader: true } });

export function fresh20EdgeCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const byChain = (id: string, rule: string | undefined, resources: Json[], wraps: Wrapped = 'prod'): void => {
    const ns = wraps === 'prod' ? 'st2-prod' : wraps === 'staging' ? 'st2-staging' : 'st2-dev';
    const named: Patch = patch(WEB, add(MIDDLEWARES, `${ns}-secure@kubernetescrd`));
    cases.push(bodyCase(`f20e-${id}`, 'exposure', rule, { wraps, patches: [named], resources }));
  };
  const headers = middleware('headers', { headers: { stsSeconds: 31536000 } });
  byChain('chain-forwardauth-http-outside', 'ST2-EXP-013', [middleware('secure', chain('headers', 'check')), headers, middleware('check', auth('http://auth.example.net/verify'))]);
  byChain('chain-of-chains-forwardauth-staging', 'ST2-EXP-013', [middleware('secure', chain('inner')), middleware('inner', chain('check')), middleware('check', auth('http://198.51.100.77:8080/auth'))], 'staging');
  byChain('safe-chain-forwardauth-https', undefined, [middleware('secure', chain('headers', 'check')), headers, middleware('check', auth('https://auth.example.net/verify'))]);
  byChain('safe-chain-forwardauth-in-cluster', undefined, [middleware('secure', chain('check')), middleware('check', auth('http://oauth2-proxy.st2-prod.svc.cluster.local:4180/oauth2/auth'))]);
  return cases;
}
