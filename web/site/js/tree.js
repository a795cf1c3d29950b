// The plan tree, drawn from the analysis' nodes[]. A WAI-ARIA tree: one tab stop (roving
// tabindex), arrows move and fold, Space folds/unfolds, Enter shows a node's details.
// Every string from the plan goes into textContent or an attribute, never into markup.
import { CAUSE_LABELS, ROLE_BADGES, label } from './labels.js';
import { nodeLine, rowLabel } from './plantext.js';

// Drawing is sliced so that a huge plan never blocks the page: the first slice may take
// FIRST_SLICE_MS (a plan of a few thousand nodes is drawn in one go), later slices SLICE_MS,
// with the page free to handle input in between.
const FIRST_SLICE_MS = 60;
const SLICE_MS = 30;

const yieldToPage = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});

// Indexes the analysis once: children, fallback membership, what lies below each node.
export function buildModel(analysis, plan, spans) {
  const nodes = analysis.nodes;
  const n = nodes.length;
  const indexOf = new Map();
  for (let i = 0; i < n; i++) indexOf.set(nodes[i].id, i);
  const children = new Array(n);
  for (let i = 0; i < n; i++) children[i] = [];
  const roots = [];
  for (let i = 0; i < n; i++) {
    const p = nodes[i].parent;
    if (p === null || p === undefined || !indexOf.has(p)) roots.push(i);
    else children[indexOf.get(p)].push(i);
  }
  const fallbackOf = new Int32Array(n).fill(-1);
  const keyOf = new Int32Array(n).fill(-1);
  const rootOf = new Int32Array(n).fill(-1);
  analysis.fallbacks.forEach((fb, f) => {
    for (const id of fb.nodes) if (indexOf.has(id)) fallbackOf[indexOf.get(id)] = f;
    if (indexOf.has(fb.key_node)) keyOf[indexOf.get(fb.key_node)] = f;
    if (indexOf.has(fb.root)) rootOf[indexOf.get(fb.root)] = f;
  });
  for (let i = 0; i < n; i++) {
    if (fallbackOf[i] < 0 && Number.isInteger(nodes[i].fallback)) fallbackOf[i] = nodes[i].fallback;
  }
  // fallback anywhere below (or at) each node: iterative post-order, no recursion limit
  const fallbackBelow = new Uint8Array(n);
  const order = [];
  const stack = [...roots];
  while (stack.length) {
    const i = stack.pop();
    order.push(i);
    for (const c of children[i]) stack.push(c);
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k];
    if (fallbackOf[i] >= 0) fallbackBelow[i] = 1;
    for (const c of children[i]) if (fallbackBelow[c]) fallbackBelow[i] = 1;
  }
  return { analysis, nodes, plan, spans, children, roots, fallbackOf, keyOf, rootOf, fallbackBelow, indexOf };
}

function isWrapper(model, i) {
  return model.nodes[i].role === 'wrapper';
}

// The rows to draw under a list of node indexes. With wrappers compacted, a run of wrappers
// with a single child each becomes chips on the row of the node they wrap.
function displayRows(model, indexes, showWrappers) {
  const rows = [];
  for (const start of indexes) {
    const chain = [];
    let host = start;
    if (!showWrappers) {
      while (isWrapper(model, host) && model.children[host].length === 1) {
        chain.push(host);
        host = model.children[host][0];
      }
    }
    rows.push({ host, chain });
  }
  return rows;
}

const INDENT_CLASSES = 64;

let prototypeRow = null;
function rowPrototype(doc) {
  if (!prototypeRow || prototypeRow.ownerDocument !== doc) {
    prototypeRow = doc.createElement('div');
    prototypeRow.setAttribute('role', 'treeitem');
    prototypeRow.tabIndex = -1;
    const line = doc.createElement('div');
    line.className = 'line';
    const twisty = doc.createElement('span');
    twisty.className = 'twisty leaf';
    twisty.setAttribute('aria-hidden', 'true');
    line.appendChild(twisty);
    prototypeRow.appendChild(line);
  }
  return prototypeRow;
}

// The node index of a row element (its id is node-<index>).
function rowIndex(el) {
  return Number(el.id.slice(5));
} // d0..d63 in app.css; deeper rows share the last indent

// A flat WAI-ARIA tree: every row is a treeitem child of the tree with aria-level, so that
// a large plan is one long list the browser can skip offscreen (content-visibility) instead of
// thousands of nested groups. Folding hides the rows below; folded subtrees are drawn lazily.
export class PlanTree {
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.model = null;
    this.showWrappers = false;
    this.selected = null;
    this.fallbacksOnly = false;
    container.addEventListener('click', (e) => this.onClick(e));
    container.addEventListener('keydown', (e) => this.onKey(e));
  }

  // Draws the tree, all of it but the folded parts that are not judged (drawn when opened).
  // Resolves with {rows, complete}; complete is false when a newer render() took over.
  async render(model, { showWrappers = this.showWrappers } = {}) {
    const token = {};
    this.token = token;
    this.model = model;
    this.showWrappers = showWrappers;
    this.selected = null;
    this.rowCount = 0;
    this.rows = new Map(); // host index -> {el, parent (host or -1), children (hosts, null until drawn), level}
    this.container.replaceChildren();
    const stack = [{ rows: displayRows(model, model.roots, showWrappers), k: 0, parent: -1, level: 1 }];
    let budget = FIRST_SLICE_MS;
    let first = true;
    while (stack.length) {
      const frag = this.container.ownerDocument.createDocumentFragment();
      this.drawRows(frag, stack, performance.now() + budget);
      this.container.appendChild(frag);
      if (first) {
        const top = this.container.firstElementChild;
        if (top) top.tabIndex = 0;
        first = false;
      }
      if (!stack.length) break;
      budget = SLICE_MS;
      await yieldToPage();
      if (this.token !== token) return { rows: this.rowCount, complete: false };
    }
    return { rows: this.rowCount, complete: true };
  }

  // A folded part is one that is not judged (an AQE Initial Plan); everything else is open.
  defaultExpanded(row) {
    const { model } = this;
    const i = row.host;
    if (model.children[i].length === 0) return false;
    if (model.fallbackBelow[i]) return true;
    for (const c of [...row.chain, i]) {
      const node = model.nodes[c];
      const parent = model.indexOf.get(node.parent);
      if (node.judged === false && (parent === undefined || model.nodes[parent].judged !== false)) return false;
    }
    return true;
  }

  // Draws rows in document (pre-)order from an explicit stack of sibling lists, until the
  // deadline; opens rows as defaultExpanded says when `open` is set on the stack frame.
  drawRows(out, stack, deadline, open = true) {
    let n = 0;
    while (stack.length) {
      const frame = stack[stack.length - 1];
      if (frame.k >= frame.rows.length) {
        stack.pop();
        continue;
      }
      if ((++n & 63) === 0 && performance.now() > deadline) return;
      const row = frame.rows[frame.k++];
      const el = this.makeRow(row, frame.level);
      const entry = { el, parent: frame.parent, level: frame.level, children: null };
      this.rows.set(row.host, entry);
      if (frame.parent !== -1) this.rows.get(frame.parent).children.push(row.host);
      out.appendChild(el);
      const kids = this.model.children[row.host];
      if (kids.length) {
        const expand = open && this.defaultExpanded(row);
        el.setAttribute('aria-expanded', String(expand));
        if (expand) {
          entry.children = [];
          stack.push({ rows: displayRows(this.model, kids, this.showWrappers), k: 0, parent: row.host, level: frame.level + 1 });
        }
      }
    }
  }

  makeRow(row, level) {
    const { model } = this;
    const i = row.host;
    const node = model.nodes[i];
    const role = node.role;
    // a deep clone of a prototype row is cheaper than building each element
    const doc = this.container.ownerDocument;
    const el = rowPrototype(doc).cloneNode(true);
    el.id = `node-${i}`;
    el.setAttribute('aria-level', level);
    let cls = `node role-${role} d${level <= INDENT_CLASSES ? level - 1 : INDENT_CLASSES - 1}`;
    const f = model.fallbackOf[i];
    if (f >= 0) {
      cls += ' fb';
      el.dataset.testid = 'fallback-node';
      el.dataset.fallback = f;
      if (model.rootOf[i] >= 0) cls += ' fb-root';
    }
    if (model.keyOf[i] >= 0) cls += ' key';
    if (node.judged === false) cls += ' unjudged';
    // what "fallbacks only" hides: rows with no fallback at, in (chips) or below them
    if (!model.fallbackBelow[i] && !row.chain.some((w) => model.fallbackOf[w] >= 0)) cls += ' nofb';
    el.className = cls;
    this.rowCount++;

    const line = el.firstChild;
    if (model.children[i].length) line.firstChild.className = 'twisty';

    // the row's accessible name is its own text: chips, badges, the plan line
    if (row.chain.length) {
      const chips = doc.createElement('span');
      chips.className = 'chips';
      for (const w of row.chain) {
        const chip = doc.createElement('span');
        chip.className = 'chip';
        chip.textContent = model.nodes[w].name;
        if (model.fallbackOf[w] >= 0) {
          chip.classList.add('fb');
          chip.dataset.testid = 'fallback-node';
        }
        chips.appendChild(chip);
      }
      line.appendChild(chips);
      el.dataset.chain = row.chain.join(' ');
    }
    const badge = (text, className, title) => {
      const b = doc.createElement('span');
      b.className = `badge ${className}`;
      b.textContent = text;
      if (title) b.title = title;
      line.appendChild(b);
    };
    const roleClass = role === 'transition_to_rows' || role === 'transition_to_columnar' ? 'role-transition' : `role-${role}`;
    badge(label(ROLE_BADGES, role), roleClass);
    if (f >= 0) badge(model.analysis.fallbacks.length > 1 ? `FALLBACK ${f + 1}` : 'FALLBACK', 'fb-badge');
    if (model.keyOf[i] >= 0) badge('KEY', 'key-badge', 'the operator that carries the cause');
    if (node.result_boundary) badge('RESULT', 'result-badge', 'hands rows to the driver: not a fallback');
    // the first node that is not judged (on this row or among its chips) says so
    if (node.judged === false && [...row.chain, i].some((c) => {
      const parent = model.indexOf.get(model.nodes[c].parent);
      return model.nodes[c].judged === false && (parent === undefined || model.nodes[parent].judged !== false);
    })) badge('NOT JUDGED', 'unjudged-badge', 'not the executed plan (e.g. the AQE Initial Plan)');
    const textEl = doc.createElement('span');
    textEl.className = 'text';
    const text = rowLabel(nodeLine(model.plan, model.spans, i, node), node.name);
    textEl.textContent = text;
    line.appendChild(textEl);
    el.appendChild(line);

    const k = model.keyOf[i];
    if (k >= 0) {
      const fbInfo = model.analysis.fallbacks[k];
      const reason = doc.createElement('div');
      reason.className = 'reason';
      reason.dataset.testid = 'fallback-reason';
      if (fbInfo.reason) {
        reason.textContent = `${model.analysis.engine === 'spark' ? 'Engine' : cap(model.analysis.engine)} says: ${fbInfo.reason}`;
      } else {
        reason.textContent = `Key operator: ${label(CAUSE_LABELS, fbInfo.cause)} (${fbInfo.cause}); the plan carries no reason in the engine's own words`;
        reason.classList.add('no-reason');
      }
      el.appendChild(reason);
    }
    return el;
  }

  // Shows or hides the drawn rows below host, honouring folds further down.
  showDescendants(host, show) {
    const stack = [...(this.rows.get(host).children || [])].reverse();
    while (stack.length) {
      const h = stack.pop();
      const entry = this.rows.get(h);
      entry.el.hidden = !show;
      if (entry.children && (!show || entry.el.getAttribute('aria-expanded') === 'true')) {
        for (let k = entry.children.length - 1; k >= 0; k--) stack.push(entry.children[k]);
      }
    }
  }

  setExpanded(el, expanded) {
    if (!el.hasAttribute('aria-expanded')) return;
    if ((el.getAttribute('aria-expanded') === 'true') === expanded) return;
    const host = rowIndex(el);
    const entry = this.rows.get(host);
    el.setAttribute('aria-expanded', String(expanded));
    if (expanded && entry.children === null) {
      // first opening: draw the children (folded themselves) right below the row
      const frag = this.container.ownerDocument.createDocumentFragment();
      entry.children = [];
      const stack = [{ rows: displayRows(this.model, this.model.children[host], this.showWrappers), k: 0, parent: host, level: entry.level + 1 }];
      this.drawRows(frag, stack, Infinity, false);
      el.after(frag);
      return;
    }
    this.showDescendants(host, expanded);
  }

  toggle(el) {
    this.setExpanded(el, el.getAttribute('aria-expanded') !== 'true');
  }

  // Opens every fold, drawing at most `budget` new rows; returns how many folds stay shut.
  expandAll(budget = 20000) {
    const start = this.rowCount;
    let stillFolded = 0;
    // document order: a parent opens before its children are looked at
    for (let el = this.container.firstElementChild; el; el = el.nextElementSibling) {
      if (el.getAttribute('aria-expanded') !== 'false') continue;
      const entry = this.rows.get(rowIndex(el));
      if (entry.children === null && this.rowCount - start > budget) {
        stillFolded++;
        continue;
      }
      this.setExpanded(el, true);
    }
    return stillFolded;
  }

  collapseAll() {
    for (const entry of this.rows.values()) {
      if (entry.el.getAttribute('aria-expanded') === 'true') entry.el.setAttribute('aria-expanded', 'false');
      if (entry.parent !== -1) entry.el.hidden = true;
    }
    const first = this.container.firstElementChild;
    if (first) this.focusItem(first);
  }

  visibleItems() {
    return [...this.container.querySelectorAll(':scope > [role="treeitem"]:not([hidden])')].filter((el) => this.isShown(el));
  }

  // A drawn row the reader can see: not folded away, not hidden by "fallbacks only".
  isShown(el) {
    return !el.hidden && !(this.fallbacksOnly && el.classList.contains('nofb'));
  }

  // "Fallbacks only": the rows on the way to a fallback and the fallbacks themselves.
  setFallbacksOnly(on) {
    this.fallbacksOnly = on;
    this.container.classList.toggle('fallbacks-only', on);
    const focused = this.container.querySelector(':scope > [tabindex="0"]');
    if (focused && !this.isShown(focused)) {
      const first = this.visibleItems()[0];
      if (first) {
        focused.tabIndex = -1;
        first.tabIndex = 0;
      }
    }
  }

  // The node index the reader is on: the selected row, else the focused one, else -1.
  currentIndex() {
    const el = this.selected || this.container.querySelector(':scope > [tabindex="0"]');
    return el ? rowIndex(el) : -1;
  }

  // Moves to the next (dir 1) or previous (dir -1) of the given node indexes (in plan order)
  // after the current one, wrapping around; reveals and selects it. Returns its position or -1.
  step(indexes, dir) {
    if (!indexes.length) return -1;
    const here = this.currentIndex();
    let k;
    if (dir > 0) {
      k = indexes.findIndex((i) => i > here);
      if (k < 0) k = 0;
    } else {
      k = -1;
      for (let j = indexes.length - 1; j >= 0; j--) {
        if (indexes[j] < here) {
          k = j;
          break;
        }
      }
      if (k < 0) k = indexes.length - 1;
    }
    this.reveal(indexes[k]);
    return k;
  }

  // The key operators of the fallbacks, in plan order.
  fallbackKeys() {
    const { model } = this;
    if (!model) return [];
    const keys = [];
    for (let i = 0; i < model.nodes.length; i++) if (model.keyOf[i] >= 0) keys.push(i);
    return keys;
  }

  // Marks the drawn rows of these node indexes as search matches (and no others).
  markMatches(indexes) {
    for (const el of this.container.querySelectorAll(':scope > .match')) el.classList.remove('match');
    for (const i of indexes) {
      const el = this.rowFor(i);
      if (el) el.classList.add('match');
    }
  }

  focusItem(el) {
    const prev = this.container.querySelector(':scope > [tabindex="0"]');
    if (prev) prev.tabIndex = -1;
    el.tabIndex = 0;
    el.focus();
  }

  select(el) {
    if (this.selected) this.selected.removeAttribute('aria-selected');
    this.selected = el;
    el.setAttribute('aria-selected', 'true');
    this.focusItem(el);
    const chain = el.dataset.chain ? el.dataset.chain.split(' ').map(Number) : [];
    this.onSelect(rowIndex(el), chain);
  }

  // The drawn row showing node index (its own row, or the row it is a chip of), or null.
  rowFor(index) {
    if (this.rows.has(index)) return this.rows.get(index).el;
    return this.container.querySelector(`:scope > [data-chain~="${index}"]`);
  }

  // Reveals the node with this index (opening the folds above it) and selects it.
  reveal(index) {
    const { model } = this;
    const path = [];
    let p = model.indexOf.get(model.nodes[index].parent);
    while (p !== undefined) {
      path.unshift(p);
      p = model.indexOf.get(model.nodes[p].parent);
    }
    for (const a of path) {
      const el = this.rowFor(a);
      if (el && rowIndex(el) === a) this.setExpanded(el, true);
    }
    const target = this.rowFor(index);
    if (target) {
      this.select(target);
      target.scrollIntoView({ block: 'nearest' });
    }
  }

  onClick(e) {
    const el = e.target.closest('[role="treeitem"]');
    if (!el || el.parentElement !== this.container) return;
    if (e.target.classList.contains('twisty')) {
      this.toggle(el);
      this.focusItem(el);
      return;
    }
    this.select(el);
  }

  onKey(e) {
    const el = e.target;
    if (el.getAttribute('role') !== 'treeitem' || el.parentElement !== this.container) return;
    const move = (to) => {
      if (to) {
        this.focusItem(to);
        to.scrollIntoView({ block: 'nearest' });
      }
    };
    const expanded = el.getAttribute('aria-expanded');
    const entry = this.rows.get(rowIndex(el));
    switch (e.key) {
      case 'ArrowDown': {
        let to = el.nextElementSibling;
        while (to && !this.isShown(to)) to = to.nextElementSibling;
        move(to);
        break;
      }
      case 'ArrowUp': {
        let to = el.previousElementSibling;
        while (to && !this.isShown(to)) to = to.previousElementSibling;
        move(to);
        break;
      }
      case 'Home': move(this.visibleItems()[0]); break;
      case 'n': case 'p':
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        this.step(this.fallbackKeys(), e.key === 'n' ? 1 : -1);
        break;
      case 'End': {
        const items = this.visibleItems();
        move(items[items.length - 1]);
        break;
      }
      case 'ArrowRight':
        if (expanded === 'false') this.setExpanded(el, true);
        else if (expanded === 'true' && entry.children && entry.children.length) move(this.rows.get(entry.children[0]).el);
        break;
      case 'ArrowLeft':
        if (expanded === 'true') this.setExpanded(el, false);
        else if (entry.parent !== -1) move(this.rows.get(entry.parent).el);
        break;
      case ' ': case 'Spacebar':
        this.toggle(el);
        break;
      case 'Enter':
        this.select(el);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}

function cap(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
