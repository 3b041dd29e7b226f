/**
 * Each container image's repository as lib.rego's image_repository reads it
 * (last path segment, without tag or digest, lower case), once per distinct
 * image: the policy asks for it per container and per rule, and its three
 * splits and lower() were a fair part of the wasm's time. Images outside
 * ASCII are left to the policy, whose lower() differs from JavaScript's
 * there; so is any image not listed (the policy works it out itself).
 */
import type { Manifest } from '../core/manifest.js';
import { forEachContainer } from './container-walk.js';
import { imageRepository } from './st2-config-files.js';

type Path = Array<string | number>;

/** Every UTF-16 unit below 0x80. */
const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

export function collectImageRepositories(resources: readonly Manifest[], specPaths: ReadonlyMap<number, ReadonlyArray<Path>>): Record<string, string> {
  const repos = new Map<string, string>();
  forEachContainer(resources, specPaths, ['containers', 'initContainers', 'ephemeralContainers'], ({ container }) => {
    const image = container['image'];
    if (typeof image === 'string' && !repos.has(image) && isAscii(image)) repos.set(image, imageRepository(image));
  });
  // fromEntries: an image named "__proto__" is a key like any other.
  return Object.fromEntries(repos);
}
