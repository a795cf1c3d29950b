// The front end of `clusop report` (one self-contained HTML file): the web app's application
// view (recommendations, stage timeline, task spread, SQL executions) of each application of
// the embedded clusop.scan/1 document, and the trends of runs of the same job when the report
// was written from tables holding several. Bundled by build_bundle.mjs into static/report.js;
// clusop/report/ inlines it, the stylesheet and the data into the HTML. No network, no core:
// the data is already the core's answer.
import { renderAppView } from 'web:js/appview.js';
import { renderTrends } from 'web:js/trends.js';
import { el } from 'web:js/dom.js';
import { APP_CSS } from 'bundle:styles';

function section(doc, title, testid, ...children) {
  return el(doc, 'section', { class: 'app-section', 'data-testid': testid }, el(doc, 'h3', {}, title), ...children);
}

function render(host, data) {
  const doc = host.ownerDocument;
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = APP_CSS;
  const wrap = el(doc, 'div', { class: 'clusop-widget cr-report', 'data-testid': 'clusop-report' });
  const scan = data.scan || { applications: [], errors: [] };
  const apps = scan.applications || [];
  wrap.append(el(doc, 'header', { class: 'cw-header' }, el(doc, 'strong', {}, 'clusop report'),
    el(doc, 'span', { class: 'tagline' }, data.title || ''),
    el(doc, 'span', { class: 'hint', 'data-testid': 'report-source' }, data.source || '')));
  const trends = new Map((data.trends || []).map((t) => [t.name, t]));
  apps.forEach((app) => {
    const box = el(doc, 'div', { class: 'app-view' });
    // the report holds no plan text and no plan tree: the final plans' verdicts are in the table
    renderAppView(box, app, { onOpenPlan: () => {}, ruleErrors: scan.rule_errors || [] });
    const parts = [box];
    const t = trends.get(app.name || app.app_id || '');
    if (t) {
      const body = el(doc, 'div', { class: 'app-section-body' });
      renderTrends(body, t.name, t.runs);
      parts.push(section(doc, `Runs of ${app.name || app.app_id || '(no name)'}`, 'trends-section', body));
    }
    wrap.append(el(doc, 'article', { class: 'cr-app', 'data-testid': 'report-app', 'data-app': app.app_id }, ...parts));
  });
  if (apps.length === 0) wrap.append(el(doc, 'p', { class: 'hint' }, 'No application in this report.'));
  const errors = scan.errors || [];
  if (errors.length) {
    wrap.append(section(doc, 'Not read', 'report-errors',
      el(doc, 'ul', { class: 'scan-errors' }, ...errors.map((e) => el(doc, 'li', {}, `${e.path}: ${e.message}`)))));
  }
  root.append(style, wrap);
  wrap.dataset.state = 'done';
  doc.documentElement.dataset.ready = 'true';
}

const host = document.getElementById('clusop-report');
const data = JSON.parse(document.getElementById('clusop-report-data').textContent);
render(host, data);
