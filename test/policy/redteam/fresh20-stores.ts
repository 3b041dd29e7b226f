/**
 * Store cases of the twentieth round (mine), with their look-alikes:
 *
 * - etcd with no --listen-peer-urls in a three-member cluster: it listens for peers on its
 *   default, http://localhost:2380 (server/embed/config.go DefaultListenPeerURLs), so the other
 *   members never reach it and the cluster has no quorum (ST2-REP-016); set by
 *   ETCD_LISTEN_PEER_URLS instead, it serves them;
 * - RabbitMQ's memory alarm at or above the container's 1Gi limit (ST2-OPS-024): the kernel
 *   OOM-kills the node first. RabbitMQ caps an absolute watermark at its total memory
 *   (vm_memory_monitor:interpret_limit), which the base sets to the limit.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { rabbitConf } from './base-objects.js';
import { FIRST, STS, add, patch } from './targets.js';

/** The etcd container's --listen-peer-urls (command index 3 in the base's etcd-cluster) removed, and these ops after it. */
const noPeerFlag = (...ops: Array<ReturnType<typeof add>>): Patch => patch(STS('etcd'), { op: 'test', path: `${FIRST}/command/3`, value: '--listen-peer-urls=http://0.0.0.0:2380' }, { op: 'remove', path: `${FIRST}/command/3` }, ...ops);

export function fresh20StoresCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add20 = (id: string, cls: 'availability', rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f20s-${id}`, cls, rule, { wraps, patches }));
  };
  add20('etcd-peer-default', 'availability', 'ST2-REP-016', [noPeerFlag()]);
  add20('etcd-peer-default-staging', 'availability', 'ST2-REP-016', [noPeerFlag()], 'staging');
  add20('safe-etcd-peer-env', 'availability', undefined, [noPeerFlag(add(`${FIRST}/env/-`, { name: 'ETCD_LISTEN_PEER_URLS', value: 'http://0.0.0.0:2380' }))]);

  add20('rmq-watermark-abs-at-limit', 'availability', 'ST2-OPS-024', [rabbitConf(['vm_memory_high_watermark.absolute = 1Gi'])]);
  add20('rmq-watermark-relative-one', 'availability', 'ST2-OPS-024', [rabbitConf(['vm_memory_high_watermark.relative = 1.0'])]);
  add20('rmq-total-over-limit-staging', 'availability', 'ST2-OPS-024', [rabbitConf(['total_memory_available_override_value = 4GB', 'vm_memory_high_watermark.relative = 0.5'])], 'staging');
  add20('safe-rmq-watermark-relative-08', 'availability', undefined, [rabbitConf(['vm_memory_high_watermark.relative = 0.8'])]);
  add20('safe-rmq-watermark-abs-900mib', 'availability', undefined, [rabbitConf(['vm_memory_high_watermark.absolute = 900MiB'])]);
  return cases;
}
