// Human words for the codes of the clusop.analysis/1 contract. The words are the core's
// (clusop_vocabulary, written into data/vocabulary.js when the site is built); this module keeps
// no copy of them. Numbers reach the page already written by the core (the *_text fields).

const EMPTY = Object.freeze({});
let words = {};

// The core's vocabulary ("clusop.vocabulary/1"): main.js sets it at load, tests from the wasm core.
export function setVocabulary(vocabulary) {
  if (!vocabulary || vocabulary.schema !== 'clusop.vocabulary/1') throw new Error('expected a clusop.vocabulary/1 table from the core');
  words = vocabulary;
}

function table(name) {
  return words[name] || EMPTY;
}

export const VERDICT_LABELS = 'verdict';
export const CAUSE_LABELS = 'cause';
export const ROLE_LABELS = 'role';
export const ROLE_BADGES = 'role_badge';
export const ENGINE_LABELS = 'engine';
export const MISSING_LABELS = 'missing';
export const SKU_LABELS = 'sku';
export const WEIGHT_BASIS_LABELS = 'weight_basis';

// The words for `code` in one of the tables above; the code itself when the core has none.
export function label(name, code) {
  const t = table(name);
  return Object.prototype.hasOwnProperty.call(t, code) ? t[code] : String(code);
}

// A missing price input in words: its leading code looked up, any detail kept.
function missingWords(missing) {
  const s = String(missing);
  const space = s.indexOf(' ');
  if (space < 0) return label(MISSING_LABELS, s);
  const code = s.slice(0, space);
  const t = table(MISSING_LABELS);
  return Object.prototype.hasOwnProperty.call(t, code) ? `${t[code]} (${s.slice(space + 1)})` : s;
}

export function missingLabel(missing) {
  return missingWords(missing);
}

// Why there is no dollar figure, in words: the core's note first, then what was missing.
export function notPricedReason(waste) {
  const parts = [];
  if (waste && waste.note) parts.push(waste.note);
  const missing = (waste && waste.missing) || [];
  const list = missing.filter((m) => !(m === 'native_engine' && waste.note)).map(missingWords);
  if (list.length) parts.push(list.join(', '));
  return parts.length ? parts.join('; ') : 'the core gave no dollar figure';
}

// Dollars the watch and the serve views get from Python without their text (the notebook's
// watch totals, the service's monthly figures): written by the core's rule, which the vocabulary
// test in web/tests checks against the core's own strings. Scan views print the core's *_text.
export function formatUsd(value) {
  const abs = Math.abs(value);
  const digits = abs > 0 && abs < 0.01 ? 4 : 2;
  const fixed = abs.toFixed(digits);
  const [whole, frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-$' : '$'}${grouped}.${frac}`;
}

// A figure as the core wrote it (a *_text field); a dash where the core wrote none (null, or
// an object stored by an older core).
export function shown(text) {
  return text === null || text === undefined ? '–' : String(text);
}
