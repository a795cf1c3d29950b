// The text of a node: the input substring at its span (converted to string offsets by the
// worker), a one-line label for the tree row, and, for formatted plans, the node's block in the
// details section. Everything here returns plain strings; callers put them in textContent.

const SIMPLE_STRING = /"simpleString"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const LABEL_MAX = 240;

export function nodeText(plan, spans, index) {
  if (!spans) return '';
  const begin = spans[2 * index];
  const end = spans[2 * index + 1];
  if (!(end > begin) || begin < 0 || end > plan.length) return '';
  return plan.slice(begin, end);
}

// One line for the tree row: the tree-drawing prefix stripped, the JSON simpleString for an
// event-log node, cut to a readable length (the full text is in the details panel).
export function rowLabel(text, name) {
  let line = text;
  if (line.startsWith('{')) {
    const m = SIMPLE_STRING.exec(line);
    if (m) {
      try {
        line = JSON.parse(`"${m[1]}"`);
      } catch {
        line = m[1];
      }
    } else {
      line = name;
    }
  }
  const nl = line.indexOf('\n');
  if (nl >= 0) line = line.slice(0, nl);
  line = line.replace(/^[\s:|]*(?:[+:]?-\s+)?/, '');
  if (line.length > LABEL_MAX) line = line.slice(0, LABEL_MAX) + '…';
  return line || name;
}

// The "(N) Name" block of a formatted plan's details section, or null.
export function formattedDetails(plan, explainId) {
  if (explainId === undefined || explainId === null) return null;
  const head = new RegExp(`(^|\\n)\\(${Number(explainId)}\\) [^\\n]*`, 'g');
  let m;
  let found = null;
  // The outline never starts a line with "(N) ", the details section does.
  while ((m = head.exec(plan)) !== null) found = m;
  if (!found) return null;
  const start = found.index + found[1].length;
  const blank = plan.indexOf('\n\n', start);
  const end = blank < 0 ? Math.min(plan.length, start + 20000) : blank;
  return plan.slice(start, end);
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

// Byte offsets (what the core reports) to UTF-16 offsets (what String.slice wants).
// Identity for ASCII plans, the usual case; otherwise one pass over the text.
export function utf16Spans(plan, nodes) {
  const spans = new Int32Array(nodes.length * 2);
  if (isAscii(plan)) {
    for (let i = 0; i < nodes.length; i++) {
      spans[2 * i] = nodes[i].span[0];
      spans[2 * i + 1] = nodes[i].span[1];
    }
    return spans;
  }
  const wanted = [];
  for (const n of nodes) wanted.push(n.span[0], n.span[1]);
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a] - wanted[b]);
  let byte = 0;
  let unit = 0;
  let k = 0;
  while (k < order.length) {
    const target = wanted[order[k]];
    while (byte < target && unit < plan.length) {
      const c = plan.charCodeAt(unit);
      if (c < 0x80) { byte += 1; unit += 1; }
      else if (c < 0x800) { byte += 2; unit += 1; }
      else if (c >= 0xd800 && c <= 0xdbff && unit + 1 < plan.length) { byte += 4; unit += 2; }
      else { byte += 3; unit += 1; }
    }
    spans[order[k]] = unit;
    k++;
  }
  return spans;
}
