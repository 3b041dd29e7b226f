/**
 * The dashboard at GET /: one card per overlay, server-rendered HTML with
 * every dynamic value escaped and no external asset (styles inline; the
 * response's Content-Security-Policy forbids everything else).
 */
import type { Finding } from '../policy/index.js';
import type { OverlayEntry } from '../repository/index.js';
import type { OverlaySummary } from './overlay-summary.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export type DashboardOverlay = { readonly entry: OverlayEntry; readonly summary: OverlaySummary } | { readonly entry: OverlayEntry; readonly error: string };

export const DASHBOARD_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;background:#f6f8fa}
body{margin:0;padding:24px}
h1{font-size:22px;margin:0 0 4px}
.sub{color:#57606a;margin:0 0 20px;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:16px;align-items:start}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px}
.card h2{font-size:18px;margin:0 0 8px;display:flex;gap:8px;align-items:center}
.badge{font-size:12px;font-weight:600;border-radius:999px;padding:2px 10px;color:#fff}
.pass{background:#1a7f37}.warn{background:#9a6700}.deny{background:#cf222e}.error{background:#6e7781}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 12px;font-size:14px}
dt{color:#57606a}dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:12px}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #eaeef2}
th{color:#57606a;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
h3{font-size:14px;margin:8px 0 6px}
ul.findings{list-style:none;padding:0;margin:0;font-size:13px}
ul.findings li{padding:6px 0;border-top:1px solid #eaeef2}
.sev{font-weight:700;margin-right:6px}.sev.deny{color:#cf222e;background:none}.sev.warn{color:#9a6700;background:none}.sev.waived{color:#57606a}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.none{color:#57606a;font-size:13px}
`;

function findingItem(f: Finding): string {
  const sev = f.waived ? 'waived' : f.severity;
  const label = f.waived ? `WAIVED until ${f.waived.expires}` : f.severity.toUpperCase();
  const where = f.location ? `${f.location.file}${f.location.line !== undefined ? `:${f.location.line}` : ''}` : 'render-wide';
  const what = f.resource ? `${f.resource.kind}/${f.resource.name}${f.field ? ` ${f.field}` : ''}` : '';
  return (
    `<li data-rule="${escapeHtml(f.rule)}"><span class="sev ${sev}">${escapeHtml(label)}</span><strong>${escapeHtml(f.rule)}</strong> ` +
    `${what ? `${escapeHtml(what)} ` : ''}<code class="loc">${escapeHtml(where)}</code><br>${escapeHtml(f.message)}</li>`
  );
}

function card(item: DashboardOverlay): string {
  const path = item.entry.path;
  if ('error' in item) {
    return (
      `<section class="card" data-overlay="${escapeHtml(path)}"><h2>${escapeHtml(path)} <span class="badge error">error</span></h2>` +
      `<dl><dt>Environment</dt><dd class="env">${escapeHtml(item.entry.environment)}</dd></dl><p>${escapeHtml(item.error)}</p></section>`
    );
  }
  const s = item.summary;
  const rows = s.components
    .map((c) => `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.kind)}</td><td class="num">${c.replicas === undefined ? 'per node' : String(c.replicas)}</td></tr>`)
    .join('');
  const findings = s.findings.length === 0 ? '<p class="none">No findings.</p>' : `<ul class="findings">${s.findings.map(findingItem).join('')}</ul>`;
  return (
    `<section class="card" data-overlay="${escapeHtml(path)}">` +
    `<h2>${escapeHtml(path)} <span class="badge ${s.status}">${s.status}</span></h2>` +
    `<dl><dt>Environment</dt><dd class="env">${escapeHtml(s.environment ?? '(none: judged as production)')}</dd>` +
    `<dt>Policy profile</dt><dd>${escapeHtml(s.profile)}</dd>` +
    `<dt>Namespace</dt><dd>${escapeHtml(s.namespace ?? '-')}</dd>` +
    `<dt>st2web</dt><dd class="exposure">${escapeHtml(s.st2web.description)}</dd>` +
    `<dt>Resources</dt><dd>${s.resources}</dd></dl>` +
    `<h3>Pods per component</h3><table class="pods"><thead><tr><th>Component</th><th>Kind</th><th>Pods</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<h3>Findings (${s.blocking} blocking, ${s.warnings} other)</h3>${findings}</section>`
  );
}

export function renderDashboard(items: readonly DashboardOverlay[], generatedAt: Date): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>st2-gitops overlays</title><style>${STYLE}</style></head><body>` +
    `<h1>st2-gitops: StackStorm HA overlays</h1><p class="sub">${items.length} overlay${items.length === 1 ? '' : 's'}, rendered and policy-checked ${escapeHtml(generatedAt.toISOString())}. API: <code>/openapi.json</code></p>` +
    `<main class="grid">${items.map(card).join('')}</main></body></html>`
  );
}
