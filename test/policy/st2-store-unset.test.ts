import { describe, expect, it } from 'vitest';
import { st2Program, storeSample, storeUnsetFacts, type StoreSample } from '../../src/policy/st2-store-unset.js';
import { readSettings } from '../../src/policy/st2-config.js';
import type { ChainWord } from '../../src/policy/st2-config-files.js';

const word = (value: string): ChainWord => ({ value, unknown: undefined, file: '/etc/st2/x.conf' });
const SECRETS = '[messaging]\nurl = amqp://st2:{{ .pw }}@rabbitmq:5672\n[database]\nusername = st2\n';
const DOCKER: Record<string, ChainWord> = { 'database.host': word('mongodb://mongodb:27017/'), 'coordination.url': word('etcd://etcd:2379'), 'keyvalue.encryption_key_path': word('/etc/st2/keys/key.json') };
const ALL: Record<string, ChainWord> = { ...DOCKER, 'messaging.url': word('amqp://st2:x@rabbitmq:5672'), 'database.username': word('st2') };

/** A process's sample: its program, its chain's words, and the files its pod mounts but it does not read. */
function sample(program: string, words: Record<string, ChainWord>, unreadMounted: Record<string, string> = {}, image = true): StoreSample {
  return storeSample(0, ['spec'], program, image, words, new Set(), () => Object.keys(unreadMounted), (p) => (unreadMounted[p] === undefined ? undefined : readSettings(unreadMounted[p] ?? '')));
}

describe('st2 processes left on the image defaults (st2-store-unset.ts)', () => {
  const cases: Array<[string, StoreSample[], string[]]> = [
    ['st2.secrets.conf mounted, not read', [sample('st2api', DOCKER, { '/etc/st2/st2.secrets.conf': SECRETS }), sample('st2auth', ALL)], ['st2api:messaging-url-unset', 'st2api:database-user-unset']],
    // A login only where the render's st2 logs in (a MongoDB without access control needs none).
    ['st2.secrets.conf mounted, not read, no other process', [sample('st2api', DOCKER, { '/etc/st2/st2.secrets.conf': SECRETS })], ['st2api:messaging-url-unset']],
    ['no file, but the only st2api while the others have the bus and login', [sample('st2api', DOCKER), sample('st2auth', ALL)], ['st2api:messaging-url-unset', 'st2api:database-user-unset']],
    ['an added runner without the file: another st2actionrunner has it', [sample('st2actionrunner', DOCKER), sample('st2actionrunner', ALL)], []],
    ['no process logs in to MongoDB: no login is missing', [sample('st2api', { ...DOCKER, 'messaging.url': word('amqp://rabbitmq') }), sample('st2auth', { ...DOCKER, 'messaging.url': word('amqp://rabbitmq') })], []],
    ['a private image: its own st2.conf may set them', [sample('st2api', DOCKER, { '/etc/st2/st2.secrets.conf': SECRETS }, false), sample('st2auth', ALL)], []],
    ['a script (no program) without evidence', [sample('', DOCKER), sample('st2auth', ALL)], []],
    ['without st2.docker.conf', [sample('st2actionrunner', { 'messaging.url': word('amqp://x'), 'database.username': word('st2') }, { '/etc/st2/st2.docker.conf': '[database]\nhost = mongodb://mongodb/\n[coordination]\nurl = etcd://etcd:2379\n[keyvalue]\nencryption_key_path = /k\n' })], ['st2actionrunner:database-host-unset', 'st2actionrunner:datastore-key-unset', 'st2actionrunner:coordination-url-unset']],
    ['encryption written off is judged as such, not as a key missing', [sample('st2api', { ...ALL, 'keyvalue.encryption_key_path': word(''), 'keyvalue.enable_encryption': word('False') })], []],
  ];
  it.each(cases)('%s', (_name, samples, expected) => {
    expect(storeUnsetFacts(samples).filter((f) => f.program === samples[0]?.program).map((f) => `${f.program}:${f.problem}`).sort()).toEqual([...expected].sort());
  });

  it.each([
    [{ image: 'stackstorm/st2api:3.8.1' }, 'st2api'],
    [{ image: 'stackstorm/st2actionrunner:3.8.1', command: ['/opt/stackstorm/st2/bin/st2-register-content'], args: ['--register-all'] }, 'st2-register-content'],
    [{ image: 'stackstorm/st2api:3.8.1', command: ['tini', '--', '/opt/stackstorm/st2/bin/st2api'] }, 'st2api'],
    [{ image: 'stackstorm/st2api:3.8.1', command: ['sh', '-c', 'exec st2api'] }, ''],
    [{ image: 'stackstorm/st2actionrunner:3.8.1', command: ['st2', 'action', 'list'] }, ''],
    [{ image: 'busybox:1.36.1' }, ''],
  ])('st2Program(%j) is %j', (container, program) => {
    expect(st2Program(container)).toBe(program);
  });
});
