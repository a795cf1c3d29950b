// The text of a node, as the core parsed it: its whole text (the input at `span`), its own line
// (`text_span`, or `text` when the core unescaped it out of an event-log JSON string) and, in a
// formatted plan, its block of the details section (`detail_span`). The core's byte offsets are
// converted to string offsets once (utf16Spans); nothing here reads the plan's syntax. Everything
// returns plain strings; callers put them in textContent.

const LABEL_MAX = 240;
// per node: span, text_span, detail_span (begin, end each; -1 where the core gave none)
export const SPAN_FIELDS = ['span', 'text_span', 'detail_span'];
const STRIDE = 2 * SPAN_FIELDS.length;

function slice(plan, spans, index, field) {
  if (!spans) return '';
  const begin = spans[STRIDE * index + 2 * field];
  const end = spans[STRIDE * index + 2 * field + 1];
  if (!(end > begin) || begin < 0 || end > plan.length) return '';
  return plan.slice(begin, end);
}

// The node's whole text in the input (its line and continuation lines).
export function nodeText(plan, spans, index) {
  return slice(plan, spans, index, 0);
}

// The node's own line as the core read it (no tree glyphs), or '' when the plan text is absent.
export function nodeLine(plan, spans, index, node) {
  const own = slice(plan, spans, index, 1);
  if (own) return own;
  return typeof node.text === 'string' ? node.text : '';
}

// One line for the tree row: the core's text for the node, cut to a readable length (the full
// text is in the details panel), or the operator's name when there is no text (a scanned plan).
export function rowLabel(line, name) {
  const nl = line.indexOf('\n');
  let out = nl >= 0 ? line.slice(0, nl) : line;
  if (out.length > LABEL_MAX) out = out.slice(0, LABEL_MAX) + '…';
  return out || name;
}

// The node's block of a formatted plan's details section, or null.
export function detailText(plan, spans, index) {
  return slice(plan, spans, index, 2) || null;
}

// An event-log file holds many JSON lines: keep the last one that carries a plan.
export function pickPlanText(text) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2 || !lines.every((l) => l.trimStart().startsWith('{'))) return { text, note: '' };
  let chosen = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].includes('"sparkPlanInfo"')) {
      chosen = i;
      break;
    }
  }
  if (chosen < 0) return { text, note: `An event log of ${lines.length} lines with no sparkPlanInfo: nothing to analyse.` };
  const event = /"Event"\s*:\s*"([^"]{1,100})"/.exec(lines[chosen]);
  return {
    text: lines[chosen],
    note: `An event log of ${lines.length} lines: analysing line ${chosen + 1}, the last one with a plan${event ? ` (${event[1]})` : ''}. Paste another line to see another query.`,
  };
}


const NON_ASCII = /[^\x00-\x7f]/;

export function isAscii(text) {
  return !NON_ASCII.test(text);
}

// Byte offsets (what the core reports) to UTF-16 offsets (what String.slice wants), for every
// span of every node (SPAN_FIELDS, -1 where absent). Identity for ASCII plans, the usual case;
// otherwise one pass over the text.
export function utf16Spans(plan, nodes) {
  const spans = new Int32Array(nodes.length * STRIDE).fill(-1);
  const wanted = [];
  const slots = [];
  nodes.forEach((n, i) => SPAN_FIELDS.forEach((field, k) => {
    const s = n[field];
    if (!Array.isArray(s)) return;
    wanted.push(s[0], s[1]);
    slots.push(STRIDE * i + 2 * k, STRIDE * i + 2 * k + 1);
  }));
  if (isAscii(plan)) {
    for (let k = 0; k < wanted.length; k++) spans[slots[k]] = wanted[k];
    return spans;
  }
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b]);
  let byte = 0;
  let unit = 0;
  for (const k of order) {
    const target = wanted[k];
    while (byte < target && unit < plan.length) {
      const c = plan.charCodeAt(unit);
      if (c < 0x80) { byte += 1; unit += 1; }
      else if (c < 0x800) { byte += 2; unit += 1; }
      else if (c >= 0xd800 && c <= 0xdbff && unit + 1 < plan.length) { byte += 4; unit += 2; }
      else { byte += 3; unit += 1; }
    }
    spans[slots[k]] = unit;
  }
  return spans;
}
