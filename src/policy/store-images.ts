/**
 * Which store an image is, by its family (the repository's last segment),
 * not by the base's names: the official images, Bitnami's (same repository
 * names under bitnami/ and bitnamilegacy/), MongoDB Inc.'s community and
 * enterprise server images and Percona Server for MongoDB (a drop-in mongod
 * whose entrypoint, like the official one, runs mongod for arguments that
 * start with `-`). The Rego side keeps the same map (lib.image_role_map).
 */
import { imageRepository } from './st2-config-files.js';

export type StoreKind = 'mongodb' | 'rabbitmq' | 'etcd' | 'redis' | 'zookeeper';

const STORE_IMAGES: ReadonlyMap<string, StoreKind> = new Map([
  ['mongo', 'mongodb'],
  ['mongodb', 'mongodb'],
  ['mongodb-community-server', 'mongodb'],
  ['mongodb-enterprise-server', 'mongodb'],
  ['percona-server-mongodb', 'mongodb'],
  ['rabbitmq', 'rabbitmq'],
  ['etcd', 'etcd'],
  ['redis', 'redis'],
  ['zookeeper', 'zookeeper'],
]);

/** The store an image runs, or undefined. */
export function storeOfImage(image: unknown): StoreKind | undefined {
  return typeof image === 'string' ? STORE_IMAGES.get(imageRepository(image)) : undefined;
}
