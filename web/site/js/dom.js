// Element helpers for the view modules, which draw into a root element they are given (the
// site's panel or the notebook widget's element), never looking anything up in the page.
// Text goes in as text (textContent), never as markup.
const SVG_NS = 'http://www.w3.org/2000/svg';

// el(doc, 'td', {class: 'num', 'data-testid': 'x'}, 'text' | Node, ...)
export function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false).map((c) => (typeof c === 'object' ? c : String(c))));
  return node;
}

export function svg(doc, tag, attrs = {}, ...children) {
  const node = doc.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined).map((c) => (typeof c === 'object' ? c : String(c))));
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
}
