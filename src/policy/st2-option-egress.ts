/**
 * The st2 options that send st2's credentials or fetch its code somewhere,
 * read from a process's chain (the last word of each, as oslo.config keeps
 * it), for the eleventh red team's st2-config holes:
 *   - `[auth] api_url`: st2common/util/api.py get_full_public_api_url; the
 *     runners hand it to every action as ST2_ACTION_API_URL beside
 *     ST2_ACTION_AUTH_TOKEN, and sensors and the datastore service call it
 *     with their tokens (ST2-SEC-025);
 *   - `[content] index_url` (a list): where `st2 pack install <name>` looks a
 *     pack's git repository up (ST2-SEC-026);
 *   - `[actionrunner] pip_opts` (a list): options given to pip when pack
 *     virtualenvs are built: an index over plain http or a trusted host
 *     (ST2-SEC-024, as install-sources.ts reads pip's own command line).
 * Only hosts and schemes are kept: a URL's user and password never leave.
 */
import { pipOptionSources, type InstallSource } from './install-sources.js';
import { clusterHost, hostOf } from './send-programs.js';
import type { ChainWord as Word } from './st2-config-files.js';

export interface OptionUrl {
  readonly option: 'auth.api_url' | 'content.index_url';
  readonly host: string;
  readonly tls: boolean;
  readonly internal: boolean;
  readonly file: string;
}

export interface OptionEgress {
  readonly option_urls: OptionUrl[];
  readonly option_installs: Array<InstallSource & { readonly file: string }>;
}

const urlOf = (option: OptionUrl['option'], url: string, file: string): OptionUrl | undefined => {
  const u = url.trim().replace(/^['"]|['"]$/g, '');
  const host = (hostOf(u) ?? '').toLowerCase();
  return host === '' ? undefined : { option, host, tls: /^https:\/\//i.test(u), internal: clusterHost(host), file };
};

export function optionEgress(words: Readonly<Record<string, Word>>, typed: ReadonlyMap<string, Word>): OptionEgress {
  const urls: OptionUrl[] = [];
  const api = words['auth.api_url'];
  if (api?.value !== undefined && api.unknown === undefined) {
    const u = urlOf('auth.api_url', api.value, api.file);
    if (u !== undefined) urls.push(u);
  }
  const index = typed.get('content.index_url');
  if (index?.value !== undefined && index.unknown === undefined) {
    for (const item of index.value.split(',')) {
      const u = urlOf('content.index_url', item, index.file);
      if (u !== undefined) urls.push(u);
    }
  }
  const pip = typed.get('actionrunner.pip_opts');
  const installs = pip?.value !== undefined && pip.unknown === undefined ? pipOptionSources(pip.value.split(',').map((s) => s.trim())).map((s) => ({ ...s, file: pip.file })) : [];
  return { option_urls: urls, option_installs: installs };
}
