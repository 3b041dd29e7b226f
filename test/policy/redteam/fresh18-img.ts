/**
 * The eighteenth red team's gone image tags, in kept cases with their look-alikes: since
 * 2025-08-28 Docker Hub's bitnami/ repositories keep no versioned tags (moved to bitnamilegacy/,
 * bitnami/containers#83267; only `latest` of a trial subset stays), so `bitnami/etcd:3.5.17`
 * never pulls (ImagePullBackOff: no coordination for st2). ST2-OPS-062 judges every container
 * against settings.images.gone_tags. A digest reference is left be (a registry may keep the
 * manifest after the tag is gone), as are the legacy repository, etcd's own registry and a mirror.
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { FIRST, STS, patch, replace } from './targets.js';

const image = (sts: string, ref: string): Patch => patch(STS(sts), replace(`${FIRST}/image`, ref));
const rename = (name: string, newName: string, newTag?: string): string[] => [
  'images:',
  `  - name: ${name}`,
  `    newName: ${newName}`,
  ...(newTag === undefined ? [] : [`    newTag: "${newTag}"`]),
];

export function fresh18ImageCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const OPS62 = 'ST2-OPS-062';
  const byPatch = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f18i-${id}`, 'availability', rule, { wraps, patches }));
  };
  const byName = (id: string, rule: string | undefined, extra: string[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f18i-${id}`, 'availability', rule, { wraps, extra }));
  };

  // --- Docker Hub's bitnami/ versioned tags, gone since 2025-08-28 (ST2-OPS-062) ----------------------
  byName('etcd-bitnami-newname', OPS62, rename('bitnamilegacy/etcd', 'bitnami/etcd'));
  byName('etcd-bitnami-docker-io-staging', OPS62, rename('bitnamilegacy/etcd', 'docker.io/bitnami/etcd'), 'staging');
  byPatch('etcd-bitnami-patch', OPS62, [image('etcd', 'bitnami/etcd:3.5.17')]);
  byPatch('etcd-bitnami-other-tag', OPS62, [image('etcd', 'registry-1.docker.io/bitnami/etcd:3.5.21')]);
  byPatch('mongo-bitnami', OPS62, [image('mongodb', 'bitnami/mongodb:4.4.15')]);
  byPatch('rabbitmq-bitnami-staging', OPS62, [image('rabbitmq', 'docker.io/bitnami/rabbitmq:3.12.14')], 'staging');
  // --- Look-alikes that pull -------------------------------------------------------------------------
  byName('safe-etcd-legacy-tag', undefined, rename('bitnamilegacy/etcd', 'bitnamilegacy/etcd', '3.5.17'));
  byPatch('safe-etcd-legacy-docker-io', undefined, [image('etcd', 'docker.io/bitnamilegacy/etcd:3.5.17')]);
  byPatch('safe-etcd-mirror', undefined, [image('etcd', 'registry.corp.example/bitnami/etcd:3.5.17')]);
  byPatch('safe-etcd-digest', undefined, [image('etcd', 'bitnami/etcd:3.5.17@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')], 'staging');
  return cases;
}
