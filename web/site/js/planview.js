// The plan view of one analysis: the summary, the plan tree with its tools (find, fallbacks
// only, next and previous fallback, wrappers, fold) and the node details. It draws into the root
// it is given, the page's document or a notebook widget's shadow root holding the same markup
// (the result and tree panels of index.html), and looks nothing up anywhere else: the site and
// the widget use this one module.
import { describeNode } from './nodedetails.js';
import { nodeLine } from './plantext.js';
import { renderSummary } from './summary.js';
import { PlanTree } from './tree.js';

const SEARCH_DEBOUNCE_MS = 150;

// The node indexes, in plan order, whose operator name or text holds the query (any case).
export function findNodes(model, query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out = [];
  for (let i = 0; i < model.nodes.length; i++) {
    const node = model.nodes[i];
    if (node.name.toLowerCase().includes(q) || nodeLine(model.plan, model.spans, i, node).toLowerCase().includes(q)) out.push(i);
  }
  return out;
}

export class PlanView {
  // root: where the markup is; options.onDrawn(info): after each complete tree drawing.
  constructor(root, { onDrawn = () => {} } = {}) {
    this.root = root;
    this.onDrawn = onDrawn;
    this.model = null;
    this.matches = [];
    this.matchAt = -1;
    this.tree = new PlanTree(this.$('tree'), { onSelect: (i, chain) => this.showDetails(i, chain) });
    this.$('show-wrappers').addEventListener('change', () => this.drawTree());
    this.$('expand-all').addEventListener('click', () => {
      const folded = this.tree.expandAll();
      if (folded) this.info('tree-info', `${folded} subtrees stay folded to keep the page responsive: expand them one by one.`);
      this.tree.markMatches(this.matches);
    });
    this.$('collapse-all').addEventListener('click', () => this.tree.collapseAll());
    this.$('fallbacks-only').addEventListener('change', (e) => this.tree.setFallbacksOnly(e.target.checked));
    this.$('next-fallback').addEventListener('click', () => this.stepFallback(1));
    this.$('prev-fallback').addEventListener('click', () => this.stepFallback(-1));
    const search = this.$('tree-search');
    let timer = 0;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(search.value), SEARCH_DEBOUNCE_MS);
    });
    search.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      clearTimeout(timer);
      if (this.query !== search.value) this.search(search.value);
      else this.stepMatch(e.shiftKey ? -1 : 1);
    });
    this.$('search-next').addEventListener('click', () => this.stepMatch(1));
    this.$('search-prev').addEventListener('click', () => this.stepMatch(-1));
  }

  $(id) {
    return this.root.querySelector(`#${id}`);
  }

  info(id, text) {
    this.$(id).textContent = text;
  }

  showIdle() {
    this.model = null;
    this.$('result').dataset.state = 'idle';
    this.$('idle-hint').hidden = false;
    this.$('summary').hidden = true;
    this.$('error').hidden = true;
    this.$('tree-panel').hidden = true;
  }

  showError(error) {
    this.model = null;
    this.$('result').dataset.state = 'error';
    this.$('idle-hint').hidden = true;
    this.$('summary').hidden = true;
    this.$('tree-panel').hidden = true;
    this.$('error').hidden = false;
    this.info('error-message', error.message);
    this.info('error-code', error.code);
  }

  // Draws a model (tree.js buildModel); resolves true once the tree is complete, false when a
  // newer show() took over.
  async show(model) {
    this.model = model;
    this.$('error').hidden = true;
    this.$('idle-hint').hidden = true;
    this.$('summary').hidden = false;
    renderSummary(this.root, model.analysis, { onShowNode: (id) => this.revealNode(model.indexOf.get(id)) });
    const exportMd = this.$('export-md');
    if (exportMd) {
      // the core's Markdown rides with a pasted plan's answer; a scanned execution's has none
      const hasMarkdown = typeof model.analysis.markdown === 'string';
      exportMd.disabled = !hasMarkdown;
      exportMd.title = hasMarkdown ? '' : 'Markdown is made for a pasted plan: paste this execution\'s plan to export it';
    }
    this.$('tree-panel').hidden = false;
    const several = model.analysis.fallbacks.length > 0;
    this.$('next-fallback').disabled = !several;
    this.$('prev-fallback').disabled = !several;
    this.showDetails(null);
    this.$('result').dataset.state = 'drawing';
    const complete = await this.drawTree();
    if (!complete || this.model !== model) return false;
    this.$('result').dataset.state = 'done';
    return true;
  }

  async drawTree() {
    const { model } = this;
    if (!model) return false;
    const { rows, complete } = await this.tree.render(model, { showWrappers: this.$('show-wrappers').checked });
    if (!complete) return false;
    this.tree.setFallbacksOnly(this.$('fallbacks-only').checked);
    const total = model.nodes.length;
    const wrappers = model.nodes.filter((n) => n.role === 'wrapper').length;
    const parts = [`${total} nodes`];
    if (!this.tree.showWrappers && wrappers) parts.push(`${wrappers} wrapper${wrappers > 1 ? 's' : ''} compacted into chips`);
    if (rows < total - (this.tree.showWrappers ? 0 : wrappers)) parts.push('the parts that are not judged (an AQE Initial Plan) start folded');
    this.info('tree-info', parts.join('; ') + '.');
    this.search(this.$('tree-search').value, { move: false });
    this.onDrawn({ rows, total });
    return true;
  }

  // Reveals a node; one that "fallbacks only" hides turns the filter off first.
  revealNode(index) {
    if (index === undefined || index < 0) return;
    this.tree.reveal(index);
    const row = this.tree.rowFor(index);
    if (row && !this.tree.isShown(row)) {
      this.$('fallbacks-only').checked = false;
      this.tree.setFallbacksOnly(false);
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  stepFallback(dir) {
    const keys = this.tree.fallbackKeys();
    const k = this.tree.step(keys, dir);
    if (k >= 0) this.info('search-info', `Fallback key operator ${k + 1} of ${keys.length}.`);
  }

  search(query, { move = true } = {}) {
    this.query = query;
    if (!this.model) return;
    this.matches = findNodes(this.model, query);
    this.matchAt = -1;
    this.tree.markMatches(this.matches);
    if (!query.trim()) {
      this.info('search-info', '');
      return;
    }
    if (!this.matches.length) {
      this.info('search-info', `No node holds "${query.trim()}".`);
      return;
    }
    if (move) this.stepMatch(1);
    else this.info('search-info', `${this.matches.length} node${this.matches.length > 1 ? 's' : ''} match.`);
  }

  stepMatch(dir) {
    if (!this.matches.length) return;
    const n = this.matches.length;
    this.matchAt = this.matchAt < 0 ? (dir > 0 ? 0 : n - 1) : (this.matchAt + dir + n) % n;
    this.revealNode(this.matches[this.matchAt]);
    this.tree.markMatches(this.matches); // rows drawn by opening folds
    this.info('search-info', `Match ${this.matchAt + 1} of ${this.matches.length}.`);
  }

  showDetails(i, chain = []) {
    const body = this.$('details-body');
    if (i === null || !this.model) {
      body.hidden = true;
      this.$('details-empty').hidden = false;
      return;
    }
    this.$('details-empty').hidden = true;
    body.hidden = false;
    const d = describeNode(this.model, i, chain);
    this.info('details-name', d.name);
    this.info('details-role', d.role);
    this.info('details-id', d.id);
    this.$('details-fallback-row').hidden = d.fallback === null;
    if (d.fallback !== null) this.info('details-fallback', d.fallback);
    this.info('details-text', d.text);
    this.$('details-extra-box').hidden = d.extra === '';
    this.info('details-extra-label', d.extraLabel);
    this.info('details-extra', d.extra);
  }
}
