// The application view of a scanned event log (one application of clusop.scan/1): a header
// (application, Spark version, platform, duration, utilisation, cluster), the stage timeline,
// the task-duration spread of the worst stages, and the SQL executions with their fallbacks
// and modeled dollars. Draws into the root element it is given (the site's panel or the
// notebook widget's element).
import { el } from './dom.js';
import { shown } from './labels.js';
import { renderRecommendations } from './recommendations.js';
import { renderSqlExecutions } from './sqlexecutions.js';
import { renderStageTimeline } from './stagetimeline.js';
import { renderTaskSpread } from './taskspread.js';

function fact(doc, name, value, testid) {
  return el(doc, 'div', {}, el(doc, 'dt', {}, name), el(doc, 'dd', { 'data-testid': testid }, value));
}

function clusterWords(app) {
  const c = app.cluster || {};
  const parts = [];
  if (c.cloud) parts.push(c.cloud.toUpperCase());
  if (c.workers !== null && c.workers !== undefined) parts.push(`${c.workers} worker${c.workers === 1 ? '' : 's'}${c.autoscaling ? ` (autoscaling ${c.min_workers ?? '?'}–${c.max_workers ?? '?'})` : ''}`);
  if (c.worker_node_type) parts.push(`worker ${c.worker_node_type}`);
  if (c.driver_node_type) parts.push(`driver ${c.driver_node_type}`);
  if (c.databricks_runtime) parts.push(c.databricks_runtime);
  if (c.photon) parts.push('Photon');
  parts.push(`at most ${c.max_executors ?? 0} executors, ${c.max_cores ?? 0} cores`);
  return parts.join(', ');
}

function utilisationWords(app) {
  const u = app.utilisation;
  if (!u || u.ratio === null || u.ratio === undefined) return 'unknown (no executor cores in the log)';
  return `${shown(u.ratio_text)} of the executors' core time was busy with tasks (${shown(u.core_seconds_busy_text)} of ${shown(u.core_seconds_available_text)} core-seconds)`;
}

function sqlWords(app) {
  const t = app.sql_totals;
  const n = app.sql_executions.length;
  if (!t || n === 0) return `${n} SQL executions`;
  const waste = t.waste_priced ? `; waste ${shown(t.waste_usd_text)}` : '';
  return `${n} SQL execution${n === 1 ? '' : 's'}, ${t.with_fallback} with a fallback, ${shown(t.fallback_time_share_text)} of SQL time off the engine${waste}`;
}

function section(doc, title, testid) {
  const body = el(doc, 'div', { class: 'app-section-body', 'data-testid': testid });
  return { node: el(doc, 'section', { class: 'app-section' }, el(doc, 'h3', {}, title), body), body };
}

// ruleErrors: the scan document's rule_errors[], shown under the recommendations.
export function renderAppView(root, app, { onOpenPlan, ruleErrors = [] }) {
  const doc = root.ownerDocument;
  const header = el(doc, 'div', { class: 'app-header' },
    el(doc, 'p', { class: 'app-title' }, el(doc, 'strong', { 'data-testid': 'app-name' }, app.name || '(no name)'), ' ',
      el(doc, 'code', { 'data-testid': 'app-id' }, app.app_id || '(no application id)'),
      app.attempt ? ` attempt ${app.attempt}` : '',
      app.complete ? '' : el(doc, 'span', { class: 'badge incomplete', 'data-testid': 'app-incomplete' }, 'INCOMPLETE')),
    el(doc, 'dl', { class: 'facts' },
      fact(doc, 'Spark', app.spark_version || 'unknown', 'app-spark-version'),
      fact(doc, 'Platform', app.platform || 'unknown', 'app-platform'),
      fact(doc, 'Duration', shown(app.duration_ms_text), 'app-duration'),
      fact(doc, 'Utilisation', utilisationWords(app), 'app-utilisation'),
      fact(doc, 'Cluster', clusterWords(app), 'app-cluster'),
      fact(doc, 'Work', `${app.jobs} jobs (${app.failed_jobs} failed), ${app.stages.length} stages${app.skipped_stages ? ` (${app.skipped_stages} skipped)` : ''}`, 'app-work'),
      fact(doc, 'SQL', sqlWords(app), 'app-sql'),
      fact(doc, 'Read', `${shown(app.read.events_text)} events in ${app.read.parts.length} file${app.read.parts.length === 1 ? '' : 's'} (${app.read.parts.map((p) => `${p.codec || 'unknown codec'}, ${shown(p.bytes_text)}${p.truncated ? ', cut short' : ''}`).join('; ')})${app.read.bad_lines ? `; ${shown(app.read.bad_lines_text)} unreadable lines` : ''}`, 'app-read')));

  // a core without rules gives no recommendations[]: no section then, rather than "none found"
  let recs = null;
  if (Array.isArray(app.recommendations)) {
    recs = section(doc, 'Recommendations', 'recommendations-section');
    renderRecommendations(recs.body, app.recommendations, { ruleErrors });
  }
  const timeline = section(doc, 'Stage timeline', 'timeline-section');
  renderStageTimeline(timeline.body, app);
  const spread = section(doc, 'Task durations of the stages with the most executor time', 'spread-section');
  renderTaskSpread(spread.body, app.stages);
  const sql = section(doc, 'SQL executions', 'sql-section');
  renderSqlExecutions(sql.body, app.sql_executions, { onOpenPlan });

  const errors = (app.errors || []).map((e) => el(doc, 'li', {}, `${e.path}: ${e.message}`));
  const errorBox = errors.length ? el(doc, 'ul', { class: 'scan-errors', 'data-testid': 'app-errors' }, ...errors) : null;
  root.replaceChildren(...[header, errorBox, recs && recs.node, timeline.node, spread.node, sql.node].filter(Boolean));
}
