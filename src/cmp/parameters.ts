/**
 * The dynamic parameter announcements (plugin.yaml `parameters.dynamic`):
 * a JSON array of ParameterAnnouncement (../shared/reference/argocd.md §6.2).
 * Argo CD shows `dynamic ++ static`, so we never repeat a static name: the
 * static `overlay` and `environment` stay the settable ones, and this adds a
 * read-only list of what `overlay` may be.
 */
import type { OverlayEntry } from '../repository/index.js';

export interface ParameterAnnouncement {
  readonly name: string;
  readonly title?: string;
  readonly tooltip?: string;
  readonly required?: boolean;
  readonly itemType?: string;
  readonly collectionType?: 'string' | 'array' | 'map';
  readonly string?: string;
  readonly array?: readonly string[];
  readonly map?: Readonly<Record<string, string>>;
}

export function announceParameters(overlays: readonly OverlayEntry[]): readonly ParameterAnnouncement[] {
  return [
    {
      name: 'available-overlays',
      title: 'Overlays in this repository (information only)',
      tooltip: `Values for the 'overlay' parameter: ${overlays.map((o) => `${o.path} (${o.environment})`).join(', ') || 'none found'}`,
      itemType: 'string',
      collectionType: 'array',
      array: overlays.map((o) => o.path),
    },
    {
      name: 'overlay-environments',
      title: 'Environment each overlay is judged as (information only)',
      collectionType: 'map',
      map: Object.fromEntries(overlays.map((o) => [o.path, o.environment])),
    },
  ];
}
