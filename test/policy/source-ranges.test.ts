/**
 * The public addresses a LoadBalancer's source ranges let in, measured as
 * a union (source-ranges.ts): the sixth red team's all-256-/8s list, IPv6
 * halves, private look-alikes and ranges the gate cannot read.
 */
import { describe, expect, it } from 'vitest';
import { collectSourceRangeFacts, measureRanges, parseRange } from '../../src/policy/source-ranges.js';

const allSlash8 = Array.from({ length: 256 }, (_, k) => `${k}.0.0.0/8`);

describe('LoadBalancer source ranges as a union of public addresses', () => {
  it.each([
    ['all 256 /8s (the IPv4 internet in pieces)', allSlash8, 31.5, 32, -1],
    ['0.0.0.0/1 + 128.0.0.0/1', ['0.0.0.0/1', '128.0.0.0/1'], 31.5, 32, -1],
    ['the RFC 1918 trio, CGNAT and loopback', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8'], -1, -1, -1],
    ['RFC 1918 plus two office /24s', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '81.2.69.0/24', '81.2.70.0/24'], 9, 9, -1],
    ['one public /16, overlapping itself', ['81.2.0.0/16', '81.2.128.0/17', '81.2.3.4/32'], 16, 16, -1],
    ['a host address without a prefix', ['81.2.3.4'], 0, 0, -1],
    ['::/0 in halves (the IPv4-mapped internet included)', ['::/1', '8000::/1'], 31.5, 32, 128],
    ['2000::/3 (all global unicast)', ['2000::/3'], -1, -1, 125],
    ['a ULA and the documentation prefix', ['fd00::/8', '2001:db8::/32'], -1, -1, -1],
    ['a site /48', ['2a01:4f8:1234::/48'], -1, -1, 80],
    ['the IPv4-mapped internet', ['::ffff:0.0.0.0/96'], 31.5, 32, -1],
    ['the NAT64 internet', ['64:ff9b::/96'], 31.5, 32, -1],
    ['a mapped office address', ['::ffff:81.2.69.1/128'], 0, 0, -1],
  ])('%s', (_name, ranges, v4min, v4max, v6) => {
    const fact = measureRanges(ranges);
    expect(fact.unreadable).toBe(false);
    expect(fact.ipv4_bits).toBeGreaterThanOrEqual(v4min);
    expect(fact.ipv4_bits).toBeLessThanOrEqual(v4max);
    if (v6 === -1) expect(fact.ipv6_bits).toBe(-1);
    else expect(fact.ipv6_bits).toBeCloseTo(v6, 1);
  });

  it('reads IPv6 in every spelling and refuses what Go would refuse', () => {
    expect(parseRange('0:0:0:0:0:0:0:0/0')?.interval).toEqual([0n, (1n << 128n) - 1n]);
    expect(parseRange('::1/128')?.interval).toEqual([1n, 1n]);
    expect(parseRange('1:2:3:4:5:6:1.2.3.4/128')?.interval[0]).toBe((0x1000200030004n << 64n) | (0x50006n << 32n) | 0x01020304n);
    // Host bits set are masked, as net.ParseCIDR does.
    expect(parseRange('10.1.2.3/8')?.interval).toEqual([10n << 24n, (11n << 24n) - 1n]);
    for (const bad of ['010.0.0.0/8', '1.2.3/8', '1.2.3.4/33', '::/129', '1:::2/64', 'example.com/24', '1.2.3.4/8/8', '1.2.3.4/-1', '']) {
      expect(parseRange(bad), bad).toBeUndefined();
    }
    expect(measureRanges(['10.0.0.0/8', 'any']).unreadable).toBe(true);
  });

  it('measures LoadBalancers only, the spec list first, else the annotation', () => {
    const svc = (type: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', annotations },
      spec: { type, ...spec },
    });
    const facts = collectSourceRangeFacts([
      svc('ClusterIP', { loadBalancerSourceRanges: allSlash8 }),
      svc('LoadBalancer', { loadBalancerSourceRanges: ['81.2.69.0/24'] }, { 'service.beta.kubernetes.io/load-balancer-source-ranges': '0.0.0.0/1,128.0.0.0/1' }),
      svc('LoadBalancer', {}, { 'service.beta.kubernetes.io/load-balancer-source-ranges': ' 0.0.0.0/1, 128.0.0.0/1 ' }),
      svc('LoadBalancer', {}),
    ]);
    expect(Object.keys(facts)).toEqual(['1', '2']);
    expect(facts['1']?.ipv4_bits).toBe(8);
    expect(facts['2']?.ipv4_bits).toBeGreaterThan(31);
  });

  // cloud-provider-azure (pkg/provider/loadbalancer/accesscontrol.go): tags and Azure ranges are
  // allowed beside the ranges; Azure ranges beside spec ranges make it refuse the Service.
  type Extra = { tags?: string; ranges?: string; annotation?: string };
  it.each<[string, Record<string, unknown>, Extra, number, boolean]>([
    ['spec ranges and the Internet tag', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { tags: 'Internet' }, -1, true],
    ['spec ranges and AzureFrontDoor.Backend', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { tags: 'AzureFrontDoor.Backend' }, -1, true],
    ['spec ranges and the VNet tag', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { tags: 'VirtualNetwork' }, -1, false],
    ['a tag spelled as a CIDR', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { tags: 'virtualnetwork, 0.0.0.0/1,128.0.0.0/1' }, 31.5, false],
    ['Azure ranges alone', {}, { ranges: '10.0.0.0/8, 81.2.69.0/24' }, 8, false],
    ['Azure ranges with the annotation (a union)', {}, { ranges: '0.0.0.0/0', annotation: '10.0.0.0/8' }, 31.5, false],
    ['Azure ranges beside spec ranges (refused: no rule written)', { loadBalancerSourceRanges: ['10.0.0.0/8'] }, { ranges: '0.0.0.0/0' }, -1, false],
  ])('Azure: %s', (_name, spec, extra, v4, publicTag) => {
    const annotations: Record<string, string> = {};
    if (extra.tags !== undefined) annotations['service.beta.kubernetes.io/azure-allowed-service-tags'] = extra.tags;
    if (extra.ranges !== undefined) annotations['service.beta.kubernetes.io/azure-allowed-ip-ranges'] = extra.ranges;
    if (extra.annotation !== undefined) annotations['service.beta.kubernetes.io/load-balancer-source-ranges'] = extra.annotation;
    const facts = collectSourceRangeFacts([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations }, spec: { type: 'LoadBalancer', ...spec } }]);
    const fact = facts['0'];
    expect(fact?.public_tag).toBe(publicTag);
    if (v4 === -1) expect(fact?.ipv4_bits).toBe(-1);
    else expect(fact?.ipv4_bits).toBeGreaterThanOrEqual(v4);
    expect(fact?.unreadable).toBe(false);
  });
});
