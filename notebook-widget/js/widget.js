// clusop's notebook widget (anywidget front end). Two views on one module:
//   kind "plan":  one analysis, drawn with the web app's own summary and plan tree, plus the
//                 paste box (analysed here by the WebAssembly core, offline);
//   kind "watch": the live list of a session's queries (rows pushed by Python); a click opens
//                 a query's analysis in the same summary and tree.
// Each widget draws into its own shadow root, with the site's stylesheet. The web app's
// modules (imported from "web:", copied from build/web by build_bundle.mjs) are used as they
// are: the plan view (js/planview.js) and the application view draw into the element given.
import { buildModel } from 'web:js/tree.js';
import { PlanView as SitePlanView } from 'web:js/planview.js';
import { CAUSE_LABELS, VERDICT_LABELS, formatUsd, label, setVocabulary } from 'web:js/labels.js';
import vocabulary from 'web:data/vocabulary.js';
import { pickPlanText, utf16Spans } from 'web:js/plantext.js';
import { analyzer } from 'web:js/corecall.js';
import { analysisJson, analysisMarkdown, download } from 'web:js/exporters.js';
import { renderAppView } from 'web:js/appview.js';
import createClusop from 'web:wasm/clusop.mjs';
import { APP_CSS, SITE_MARKUP, WASM_BASE64 } from 'bundle:assets';

setVocabulary(vocabulary); // the core's words (clusop_vocabulary), as on the site

const TYPING_DEBOUNCE_MS = 180;

// ---- the WebAssembly core: one per page, instantiated from the inlined bytes --------------
let corePromise = null;
function core() {
  if (!corePromise) {
    corePromise = (async () => {
      const bin = atob(WASM_BASE64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      // wasmBinary: Emscripten instantiates these bytes and never fetches clusop.wasm
      const module = await createClusop({ wasmBinary: bytes, locateFile: (p) => p });
      return { analyze: analyzer(module), version: module.version() };
    })();
  }
  return corePromise;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// The shadow root every view draws in: the site's stylesheet, shortcuts kept from JupyterLab.
function mount(host) {
  host.classList.add('clusop-host');
  // Lumino (JupyterLab, Notebook 7) must not treat keys typed in the widget as notebook commands
  host.setAttribute('data-lm-suppress-shortcuts', 'true');
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = APP_CSS;
  root.append(style);
  return root;
}

// ---- one analysis: summary + tree (+ paste box) ------------------------------------------
class PlanView {
  constructor(root, container, { paste, getOptions, source }) {
    this.root = root;
    this.getOptions = getOptions;
    this.current = null;
    this.seq = 0;
    const wrap = el('div', { class: 'clusop-widget', 'data-testid': 'clusop-plan-view' });
    const header = el('header', { class: 'cw-header' },
      el('strong', { text: 'clusop' }),
      el('span', { class: 'tagline', text: 'where did Spark fall back to the JVM?' }),
      el('p', { id: 'status', class: 'status', 'data-testid': 'status', role: 'status', 'aria-live': 'polite' }));
    wrap.append(header);
    const layout = el('div', { class: 'layout cw-layout' });
    const tmp = document.createElement('template');
    tmp.innerHTML = SITE_MARKUP; // the site's own markup (index.html), a constant: no plan text in it
    const sections = [...tmp.content.children];
    const [resultPanel, treePanel] = sections;
    layout.append(resultPanel);
    if (paste) {
      const box = el('section', { class: 'panel input-panel cw-paste', 'aria-labelledby': 'h-input' },
        el('h2', { id: 'h-input', text: 'Plan' }),
        el('label', { for: 'plan-input', class: 'input-label', text: 'Paste another executed physical plan (any explain() mode, or one event-log JSON line): it is analysed here, in the page, by the WebAssembly core.' }),
        el('textarea', { id: 'plan-input', 'data-testid': 'plan-input', spellcheck: 'false', autocomplete: 'off', wrap: 'off', rows: '8', placeholder: '== Physical Plan ==\n*(1) Project [...]\n+- ...' }),
        el('p', { id: 'input-info', class: 'hint', 'data-testid': 'input-info', 'aria-live': 'polite' }));
      if (source) box.append(el('p', { id: 'plan-source', class: 'hint', 'data-testid': 'plan-source', text: source }));
      layout.append(box);
    }
    layout.append(treePanel);
    if (!paste) layout.classList.add('cw-no-paste');
    wrap.append(layout);
    container.append(wrap);
    this.wrap = wrap;

    this.view = new SitePlanView(wrap); // the site's plan view, drawn inside this widget only
    // keep the notebook from seeing the keys typed in the tree's search box
    for (const type of ['keydown', 'keypress', 'keyup']) this.$('tree-search').addEventListener(type, (e) => e.stopPropagation());
    this.$('share').hidden = true; // a share link would point at the notebook server, not the site
    this.$('export-json').addEventListener('click', () => {
      if (this.current) download(this.exportName('json'), analysisJson(this.current.model.analysis), 'application/json');
    });
    this.$('export-md').addEventListener('click', () => {
      const markdown = this.current && analysisMarkdown(this.current.model.analysis);
      if (markdown) download(this.exportName('md'), markdown, 'text/markdown');
    });
    if (paste) {
      const input = this.$('plan-input');
      let timer = 0;
      let last = 0;
      input.addEventListener('input', (e) => {
        const t = e.inputType || '';
        const immediate = t === '' || t.startsWith('insertFromPaste') || t.startsWith('insertFromDrop') || Math.abs(input.value.length - last) > 1;
        last = input.value.length;
        clearTimeout(timer);
        timer = setTimeout(() => this.analysePasted(), immediate ? 0 : TYPING_DEBOUNCE_MS);
      });
      // keep the notebook from seeing the keys typed here (classic Notebook, VS Code)
      for (const type of ['keydown', 'keypress', 'keyup']) input.addEventListener(type, (e) => e.stopPropagation());
    }
  }

  $(id) {
    return this.wrap.querySelector(`#${id}`);
  }

  setStatus(text, kind = '') {
    const s = this.$('status');
    s.textContent = text;
    s.dataset.kind = kind;
  }

  exportName(ext) {
    const a = this.current.model.analysis;
    return `clusop-${a.engine}-${a.verdict.kind}${a.signature ? `-${a.signature}` : ''}.${ext}`;
  }

  async analysePasted() {
    const raw = this.$('plan-input').value;
    if (raw.trim() === '') return;
    const picked = pickPlanText(raw);
    this.$('input-info').textContent = picked.note;
    const source = this.$('plan-source');
    if (source) source.hidden = true; // it described the plan Python gave, not this one
    const seq = ++this.seq;
    this.setStatus('Analysing…', 'busy');
    let answer;
    let ms = 0;
    try {
      const c = await core();
      this.coreVersion = c.version;
      const t0 = performance.now();
      answer = c.analyze(JSON.stringify({ plan: picked.text, ...this.getOptions(), markdown: true }));
      ms = performance.now() - t0;
    } catch (err) {
      answer = JSON.stringify({ schema: 'clusop.analysis/1', error: { code: 'wasm_unavailable', message: `the WebAssembly analyser failed: ${err && err.message ? err.message : err}` } });
    }
    if (seq !== this.seq) return; // a newer paste took over
    await this.show(picked.text, answer, `Analysed in ${ms.toFixed(1)} ms in this page (clusop ${this.coreVersion || ''}, WebAssembly, offline)`);
  }

  showError(error) {
    this.current = null;
    this.view.showError(error);
  }

  // Draws an answer of the core (text, as the core wrote it) for a plan.
  async show(plan, answerText, statusText) {
    const result = this.$('result');
    if (!answerText) {
      result.dataset.state = 'idle';
      this.setStatus('Ready: paste a plan.', 'ready');
      return;
    }
    let analysis;
    try {
      analysis = JSON.parse(answerText);
    } catch {
      this.showError({ code: 'bad_answer', message: 'the analyser returned something that is not JSON' });
      this.setStatus('Could not analyse.', 'error');
      return;
    }
    if (analysis.error) {
      this.showError(analysis.error);
      this.setStatus('Could not read the input: see the message.', 'error');
      return;
    }
    if (analysis.schema === 'clusop.engine_report/1') {
      this.showError({ code: 'engine_report_alone', message: analysis.recommendation });
      this.setStatus('An engine report without a plan: see the message.', 'error');
      return;
    }
    const spans = utf16Spans(plan, analysis.nodes); // identity for ASCII plans
    const model = buildModel(analysis, plan, spans);
    this.current = { model };
    const fb = analysis.fallbacks.length;
    this.setStatus(`${statusText}: ${analysis.verdict.kind}${fb ? `, ${fb} fallback${fb > 1 ? 's' : ''}` : ''}.`, 'ready');
    const complete = await this.view.show(model);
    if (complete && this.current && this.current.model === model) this.wrap.dataset.state = 'done';
  }
}

function renderPlan({ model, el: host }) {
  const root = mount(host);
  const sourceWords = {
    jvm_executed_plan: 'Plan: the DataFrame\'s executed physical plan, read from the JVM in full (as it is now: run an action first for the final AQE plan).',
    explain: 'Plan: the DataFrame\'s explain() output (no JVM access).',
  };
  const view = new PlanView(root, root, {
    paste: true,
    getOptions: () => model.get('options') || {},
    source: sourceWords[model.get('plan_source')] || '',
  });
  const draw = () => view.show(model.get('plan'), model.get('analysis_json'),
    'Analysed by the clusop core in Python (native)');
  draw();
  const onChange = () => draw();
  model.on('change:analysis_json', onChange);
  return () => model.off('change:analysis_json', onChange);
}

// ---- watch: the live list ----------------------------------------------------------------
function money(v) {
  return v === null || v === undefined ? 'not priced' : formatUsd(v);
}

function renderWatch({ model, el: host }) {
  const root = mount(host);
  const wrap = el('div', { class: 'clusop-widget cw-watch', 'data-testid': 'clusop-watch' });
  const status = el('p', { class: 'hint cw-watch-status', 'data-testid': 'watch-status' });
  const total = el('p', { class: 'cw-watch-total', 'data-testid': 'watch-total' });
  const table = el('table', { class: 'cw-watch-table', 'data-testid': 'watch-table' });
  const head = el('tr');
  for (const h of ['#', 'time', 'action', 'duration', 'verdict', 'cause', 'weight', 'waste per run']) head.append(el('th', { text: h }));
  const thead = el('thead', {}, head);
  const tbody = el('tbody');
  table.append(thead, tbody);
  const scroller = el('div', { class: 'cw-watch-scroll' }, table);
  const empty = el('p', { class: 'hint', 'data-testid': 'watch-empty', text: 'No query yet: run one in this session.' });
  const detailBox = el('div', { class: 'cw-watch-detail', 'data-testid': 'watch-detail' });
  detailBox.hidden = true;
  wrap.append(
    el('header', { class: 'cw-header' }, el('strong', { text: 'clusop watch' }),
      el('span', { class: 'tagline', text: 'every query of this session, newest first' })),
    status, total, scroller, empty, detailBox);
  root.append(wrap);

  let view = null;
  let openSeq = null;
  const open = (seq) => {
    openSeq = seq;
    for (const tr of tbody.children) tr.setAttribute('aria-selected', String(Number(tr.dataset.seq) === seq));
    model.send({ type: 'open', seq });
  };
  const onMsg = (msg) => {
    if (!msg || msg.type !== 'detail' || msg.seq !== openSeq) return;
    detailBox.hidden = false;
    if (!view) view = new PlanView(root, detailBox, { paste: false, getOptions: () => msg.options || {} });
    if (msg.missing) {
      view.showError({ code: 'gone', message: `query ${msg.seq} is no longer kept (only the newest are)` });
      return;
    }
    view.getOptions = () => msg.options || {};
    view.show(msg.plan, msg.analysis_json, `Query ${msg.seq}, analysed by the listener in the driver (native core)`);
  };
  model.on('msg:custom', onMsg);

  const draw = () => {
    const state = model.get('state');
    wrap.dataset.state = state;
    status.textContent = model.get('status');
    status.dataset.kind = state === 'unavailable' ? 'error' : '';
    const rows = model.get('rows') || [];
    const priced = model.get('priced');
    const unpriced = model.get('unpriced_fallbacks');
    total.replaceChildren(
      el('span', { text: 'Running total, modeled waste: ' }),
      el('strong', { 'data-testid': 'watch-total-usd', text: formatUsd(model.get('total_usd') || 0) }),
      el('span', { text: ` over ${priced} priced quer${priced === 1 ? 'y' : 'ies'}; ${rows.length} quer${rows.length === 1 ? 'y' : 'ies'} seen` +
        (unpriced ? `; ${unpriced} fallback${unpriced > 1 ? 's' : ''} not priced (set the cluster: node type, workers)` : '') }));
    total.hidden = state === 'unavailable';
    scroller.hidden = rows.length === 0;
    empty.hidden = rows.length !== 0 || state === 'unavailable';
    const frag = document.createDocumentFragment();
    for (const r of rows) {
      const tr = el('tr', { 'data-testid': 'watch-row', 'data-seq': String(r.seq), tabindex: '0', class: r.has_fallback ? 'fb' : 'clean' });
      if (r.seq === openSeq) tr.setAttribute('aria-selected', 'true');
      const verdict = el('code', { class: `verdict verdict-${r.verdict}`, 'data-kind': r.verdict, text: r.verdict });
      verdict.title = label(VERDICT_LABELS, r.verdict);
      const cause = r.cause === 'none' ? 'none' : `${label(CAUSE_LABELS, r.cause)}${r.key_operator ? ` (${r.key_operator})` : ''}`;
      const cells = [
        String(r.seq), r.time, r.func, r.duration_s === null || r.duration_s === undefined ? '' : `${r.duration_s.toFixed(2)} s`,
        verdict, cause, r.weight_text ?? '', r.usd_text ?? 'not priced',
      ];
      cells.forEach((c, k) => {
        const td = el('td');
        if (k === 7) td.dataset.testid = 'watch-usd';
        td.append(c);
        tr.append(td);
      });
      tr.addEventListener('click', () => open(r.seq));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open(r.seq);
        }
      });
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
  };
  draw();
  const names = ['rows', 'state', 'status', 'total_usd', 'priced', 'unpriced_fallbacks'];
  for (const n of names) model.on(`change:${n}`, draw);
  return () => {
    for (const n of names) model.off(`change:${n}`, draw);
    model.off('msg:custom', onMsg);
  };
}

// ---- scan: the web app's application view of each application read by clusop.scan --------
function renderScan({ model, el: host }) {
  const root = mount(host);
  const wrap = el('div', { class: 'clusop-widget cw-scan', 'data-testid': 'clusop-scan' });
  const status = el('p', { class: 'hint', 'data-testid': 'scan-status', role: 'status' });
  const picker = el('select', { 'data-testid': 'app-picker', 'aria-label': 'Application' });
  const pickerRow = el('p', {}, el('label', { text: 'Application: ' }), picker);
  const appBox = el('div', { class: 'app-view', 'data-testid': 'app-view' });
  const planBox = el('div', { class: 'cw-scan-plan', 'data-testid': 'scan-plan' });
  const errorBox = el('ul', { class: 'scan-errors', 'data-testid': 'scan-errors' });
  planBox.hidden = true;
  wrap.append(
    el('header', { class: 'cw-header' }, el('strong', { text: 'clusop scan' }),
      el('span', { class: 'tagline', text: 'event logs: stages, SQL executions, fallbacks' })),
    status, pickerRow, appBox, planBox, errorBox);
  root.append(wrap);

  let doc = { applications: [], errors: [] };
  let view = null;
  const openPlan = (app, execution) => {
    planBox.hidden = false;
    if (!view) view = new PlanView(root, planBox, { paste: false, getOptions: () => ({}) });
    // the final plan of the execution, from the event log: its analysis, no plan text
    view.show('', JSON.stringify(execution.analysis),
      `SQL execution ${execution.execution_id} of ${app.app_id || 'the application'}: its final plan, from the event log`);
    planBox.scrollIntoView({ block: 'start' });
  };
  const showApp = (i) => {
    const app = doc.applications[i];
    planBox.hidden = true;
    if (app) renderAppView(appBox, app, { onOpenPlan: (e) => openPlan(app, e), ruleErrors: doc.rule_errors || [] });
  };
  picker.addEventListener('change', () => showApp(Number(picker.value)));
  const draw = () => {
    try {
      doc = JSON.parse(model.get('scan_json') || '{}');
    } catch {
      doc = { applications: [], errors: [{ path: '', message: 'the scan is not JSON' }] };
    }
    const apps = doc.applications || [];
    status.textContent = `${apps.length} application${apps.length === 1 ? '' : 's'} read` +
      ((doc.errors || []).length ? `; ${doc.errors.length} file${doc.errors.length === 1 ? '' : 's'} not read (listed below)` : '');
    picker.replaceChildren(...apps.map((a, i) => el('option', { value: String(i), text: `${a.app_id || '(no id)'}${a.attempt ? ` attempt ${a.attempt}` : ''} ${a.name || ''}` })));
    pickerRow.hidden = apps.length < 2;
    errorBox.replaceChildren(...(doc.errors || []).map((e) => el('li', { text: `${e.path}: ${e.message}` })));
    errorBox.hidden = !(doc.errors || []).length;
    showApp(0);
    wrap.dataset.state = 'done';
  };
  draw();
  model.on('change:scan_json', draw);
  return () => model.off('change:scan_json', draw);
}

// show() puts the static HTML in an output of its own beside the widget, for hosts that run no
// widget code (an nbconvert HTML export, GitHub); where this code runs, the widget replaces it
function hideStaticTwin({ model, el: host }) {
  const id = model.get('static_id');
  const doc = host.ownerDocument;  // the page's own document, not the bundle's shadow-root proxy
  if (!id || !doc) return;
  for (const twin of doc.querySelectorAll(`[data-clusop-static="${CSS.escape(id)}"]`)) {
    (twin.closest('.jp-OutputArea-child, .output_area') || twin).style.display = 'none';
  }
}

function render(ctx) {
  hideStaticTwin(ctx);
  const kind = ctx.model.get('kind');
  if (kind === 'watch') return renderWatch(ctx);
  if (kind === 'scan') return renderScan(ctx);
  return renderPlan(ctx);
}

export default { render };
