/**
 * Values kustomize writes as one YAML node in several places. Its label and
 * annotation transformers build one scalar node per key and resource
 * (filtersutil.SetEntry) and append that same node wherever the key was
 * missing; a later write to a key that exists overwrites the node in place
 * (yaml.SetField → SetYNode). So a later `labels` entry without selectors
 * still changes the selector an earlier `includeSelectors` entry created.
 * JSON patches rebuild every node, and SetAnnotations rebuilds the
 * annotations, which ends the sharing there.
 */
import type { JsonObject } from '../core/manifest.js';

interface Place {
  readonly obj: JsonObject;
  readonly key: string;
}

type Group = Set<Place>;

/** Per resource: which places share a node, by container and key. */
export class SharedValues {
  private readonly byObject = new Map<JsonObject, Map<string, { place: Place; group: Group }>>();

  /** Writes `value` at obj[key] the way SetField does; `created` collects the places that share this call's node. */
  write(obj: JsonObject, key: string, value: string, created: Group): void {
    if (Object.hasOwn(obj, key)) {
      const entry = this.byObject.get(obj)?.get(key);
      if (entry !== undefined) for (const place of entry.group) if (Object.hasOwn(place.obj, place.key)) place.obj[place.key] = value;
      obj[key] = value;
      return;
    }
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    const place = { obj, key };
    created.add(place);
    let keys = this.byObject.get(obj);
    if (keys === undefined) {
      keys = new Map();
      this.byObject.set(obj, keys);
    }
    const old = keys.get(key);
    old?.group.delete(old.place);
    keys.set(key, { place, group: created });
  }

  /**
   * Another writer set obj[key] in place (a strategic merge's SetYNode): every
   * place sharing the node sees the value. The value need not be a string.
   */
  overwrite(obj: JsonObject, key: string, value: unknown): void {
    const entry = this.byObject.get(obj)?.get(key);
    if (entry === undefined) return;
    for (const place of entry.group) if (Object.hasOwn(place.obj, place.key)) place.obj[place.key] = value;
  }

  /** obj[key] was removed: that place leaves its group; the others keep the node. */
  drop(obj: JsonObject, key: string): void {
    const keys = this.byObject.get(obj);
    const entry = keys?.get(key);
    if (keys === undefined || entry === undefined) return;
    entry.group.delete(entry.place);
    keys.delete(key);
  }

  /** The container's nodes were rebuilt: its places share nothing any more. */
  forget(obj: JsonObject): void {
    const keys = this.byObject.get(obj);
    if (keys === undefined) return;
    for (const { place, group } of keys.values()) group.delete(place);
    this.byObject.delete(obj);
  }
}
