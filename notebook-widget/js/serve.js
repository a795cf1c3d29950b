// The page of `clusop serve`: the workspace's signals as the core ranked them (dollars per
// month, basis, the gate's verdict), each opening its sample plan in the web app's own tree
// view (web/site/js/tree.js), mute and unmute. Bundled by build_bundle.mjs into
// static/serve.js; the service sends it with a Content-Security-Policy that allows this
// origin's script only. Every string from a plan or a signal goes in as text, never markup.
import { PlanTree, buildModel } from 'web:js/tree.js';
import { utf16Spans } from 'web:js/plantext.js';
import { formatUsd } from 'web:js/labels.js';
import { el } from 'web:js/dom.js';
import { APP_CSS } from 'bundle:styles';

const TOKEN_KEY = 'clusop-serve-token';
const host = document.getElementById('clusop-serve');
const doc = host.ownerDocument;
const root = host.attachShadow({ mode: 'open' });
const style = doc.createElement('style');
style.textContent = APP_CSS;
const status = el(doc, 'p', { class: 'hint', 'data-testid': 'serve-status' }, 'Give this workspace\'s token to see its signals.');
const tokenInput = el(doc, 'input', { type: 'password', 'aria-label': 'workspace token', 'data-testid': 'token', autocomplete: 'off' });
const loadButton = el(doc, 'button', { type: 'button', 'data-testid': 'load' }, 'Show signals');
const table = el(doc, 'table', { class: 'serve-signals', 'data-testid': 'signals' });
const planTitle = el(doc, 'h3', { 'data-testid': 'plan-title' });
const treeBox = el(doc, 'div', { class: 'tree', role: 'tree', 'aria-label': 'sample plan', 'data-testid': 'tree' });
const wrap = el(doc, 'div', { class: 'clusop-widget', 'data-testid': 'clusop-serve' },
  el(doc, 'header', { class: 'cw-header' }, el(doc, 'strong', {}, 'clusop signals'),
    el(doc, 'span', { class: 'tagline' }, 'ranked by the core: dollars per month, modeled unless billed')),
  el(doc, 'p', {}, tokenInput, ' ', loadButton), status, table,
  el(doc, 'section', { class: 'panel tree-panel' }, planTitle, treeBox));
root.append(style, wrap);
const tree = new PlanTree(treeBox, { onSelect: () => {} });

function token() {
  return tokenInput.value.trim();
}

async function call(method, path) {
  const r = await fetch(path, { method, headers: { Authorization: `Bearer ${token()}` }, cache: 'no-store' });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${r.status}`);
  return body;
}

function muted(s) {
  return ((s.verdict && s.verdict.reasons) || []).some((x) => x.code === 'muted');
}

async function openPlan(s) {
  planTitle.textContent = `Sample plan of ${s.signature}`;
  const d = await call('GET', `/v1/signals/${encodeURIComponent(s.signature)}/sample`);
  const plan = (d.sample && d.sample.plan) || '';
  if (!d.analysis || !Array.isArray(d.analysis.nodes)) {
    treeBox.replaceChildren(el(doc, 'p', { class: 'hint' }, 'No analysis with nodes was sent with this signal.'));
    return;
  }
  const model = buildModel(d.analysis, plan, utf16Spans(plan, d.analysis.nodes));
  await tree.render(model);
  wrap.dataset.plan = s.signature;
}

function row(s) {
  const openButton = el(doc, 'button', { type: 'button', 'data-testid': 'open' }, 'Plan');
  openButton.addEventListener('click', () => openPlan(s).catch((e) => { status.textContent = String(e.message); }));
  const isMuted = muted(s);
  const muteButton = el(doc, 'button', { type: 'button', 'data-testid': 'mute' }, isMuted ? 'Unmute' : 'Mute');
  muteButton.addEventListener('click', async () => {
    try {
      await call(isMuted ? 'DELETE' : 'POST', `/v1/signals/${encodeURIComponent(s.signature)}/mute`);
      await load();
    } catch (e) {
      status.textContent = String(e.message);
    }
  });
  const usd = s.waste_usd_per_month === null || s.waste_usd_per_month === undefined ? 'not priced' : `${formatUsd(s.waste_usd_per_month)}/month`;
  const reasons = ((s.verdict && s.verdict.reasons) || []).map((x) => x.message).join('; ');
  return el(doc, 'tr', { 'data-testid': 'signal', 'data-signature': s.signature, 'data-muted': isMuted ? 'true' : 'false' },
    el(doc, 'td', { class: 'num' }, String(s.rank)),
    el(doc, 'td', {}, el(doc, 'code', { 'data-testid': 'signature' }, s.signature)),
    el(doc, 'td', {}, s.cause || ''),
    el(doc, 'td', { class: 'num', 'data-testid': 'occurrences' }, String(s.occurrences)),
    el(doc, 'td', { class: 'num', 'data-testid': 'usd' }, usd),
    el(doc, 'td', { 'data-testid': 'basis' }, s.basis || ''),
    el(doc, 'td', {}, s.verdict && s.verdict.notify ? 'notify' : reasons),
    el(doc, 'td', {}, openButton, ' ', muteButton));
}

async function load() {
  wrap.dataset.state = 'loading';
  try {
    const d = await call('GET', '/v1/signals');
    const signals = d.signals || [];
    table.replaceChildren(el(doc, 'tr', {}, ...['#', 'signature', 'cause', 'occurrences', 'waste', 'basis', 'gate', ''].map((h) => el(doc, 'th', {}, h))),
      ...signals.map(row));
    status.textContent = `${signals.length} signal${signals.length === 1 ? '' : 's'}, ranked by the core.`;
    sessionStorage.setItem(TOKEN_KEY, token());
    if (signals.length && !wrap.dataset.plan) await openPlan(signals[0]);
    wrap.dataset.state = 'done';
  } catch (e) {
    status.textContent = String(e.message);
    wrap.dataset.state = 'error';
  }
  doc.documentElement.dataset.ready = 'true';
}

loadButton.addEventListener('click', () => load());
// a token in the fragment (#token=...) never reaches the server's logs; it is dropped from the URL at once
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) history.replaceState(null, '', location.pathname);
tokenInput.value = fromHash || sessionStorage.getItem(TOKEN_KEY) || '';
if (tokenInput.value) load(); else doc.documentElement.dataset.ready = 'true';
