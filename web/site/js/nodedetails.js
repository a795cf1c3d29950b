// What the details panel says about one node of the analysis: shared by the site and the
// notebook widget, which only put these texts into their own elements (as text, never markup).
import { ROLE_LABELS, label } from './labels.js';
import { detailText, nodeText } from './plantext.js';

// model: from buildModel; i: the node's index; chain: wrapper nodes compacted around it.
export function describeNode(model, i, chain = []) {
  const node = model.nodes[i];
  let role = `${label(ROLE_LABELS, node.role)} (${node.role})`;
  if (node.result_boundary) role += '; result boundary: hands rows to the driver, not a fallback';
  if (node.judged === false) role += '; not judged (not part of the executed plan)';
  const idParts = [`id ${node.id}`, `bytes ${node.span[0]}–${node.span[1]} of the input`];
  if (node.explain_id !== undefined) idParts.push(`explain id (${node.explain_id})`);
  let fallback = null;
  const f = model.fallbackOf[i];
  if (f >= 0) {
    const fb = model.analysis.fallbacks[f];
    fallback = `fallback ${f + 1}: ${fb.cause}`;
    if (model.keyOf[i] >= 0) fallback += '; the key operator';
    if (fb.reason) fallback += `; engine's reason: ${fb.reason}`;
  }
  const extra = [];
  let extraLabel = '';
  const details = detailText(model.plan, model.spans, i);
  if (details) {
    extraLabel = "Details (the formatted plan's details section)";
    extra.push(details);
  }
  if (chain.length) {
    extraLabel = extraLabel ? `${extraLabel}, and the wrappers around it` : 'Wrappers around it (compacted)';
    for (const w of chain) extra.push(`${model.nodes[w].name} (${model.nodes[w].role}):\n${nodeText(model.plan, model.spans, w)}`);
  }
  return { name: node.name, role, id: idParts.join(', '), fallback, text: nodeText(model.plan, model.spans, i),
           extraLabel, extra: extra.join('\n\n') };
}
