// The cluster panel: engine, Photon, and the pricing inputs, with choices taken from the
// embedded price table. Settings are remembered in localStorage and become the request's
// engine / photon_enabled / cluster fields.
import { SKU_LABELS, label } from './labels.js';

const STORAGE_KEY = 'clusop.settings/1';

export const DEFAULTS = Object.freeze({
  engine: 'auto',
  photon: 'auto',
  cloud: 'aws',
  sku: 'jobs',
  tier: 'premium',
  driver_node_type: '',
  node_type: '',
  workers: '',
  runtime_minutes: '',
  runs_per_day: '',
});

const ENGINES = ['auto', 'photon', 'comet', 'gluten', 'rapids', 'spark'];
const PHOTON = ['auto', 'on', 'off'];
const NUMBER_KEYS = ['workers', 'runtime_minutes', 'runs_per_day'];

function numberOrNull(text) {
  if (text === '' || text === null || text === undefined) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

// Only known keys with plain values survive (settings may come from a shared URL).
export function sanitizeSettings(input) {
  const out = { ...DEFAULTS };
  if (!input || typeof input !== 'object') return out;
  for (const key of Object.keys(DEFAULTS)) {
    const v = input[key];
    if (v === undefined || v === null) continue;
    if (NUMBER_KEYS.includes(key)) {
      out[key] = numberOrNull(v) === null ? '' : String(numberOrNull(v));
    } else if (typeof v === 'string' && v.length <= 100) {
      out[key] = v;
    }
  }
  if (!ENGINES.includes(out.engine)) out.engine = DEFAULTS.engine;
  if (!PHOTON.includes(out.photon)) out.photon = DEFAULTS.photon;
  return out;
}

// The request fields for these settings (plan added by the caller).
export function requestOptions(s) {
  const options = {};
  if (s.engine && s.engine !== 'auto') options.engine = s.engine;
  if (s.photon === 'on') options.photon_enabled = true;
  else if (s.photon === 'off') options.photon_enabled = false;
  const cluster = { cloud: s.cloud, sku: s.sku, tier: s.tier };
  if (s.node_type) cluster.node_type = s.node_type;
  if (s.driver_node_type) cluster.driver_node_type = s.driver_node_type;
  const workers = numberOrNull(s.workers);
  if (workers !== null) cluster.workers = workers;
  const minutes = numberOrNull(s.runtime_minutes);
  if (minutes !== null) cluster.runtime_seconds = Math.round(minutes * 60 * 1000) / 1000;
  const runs = numberOrNull(s.runs_per_day);
  if (runs !== null) cluster.runs_per_day = runs;
  options.cluster = cluster;
  return options;
}

export function loadSettings(storage) {
  try {
    const text = storage && storage.getItem(STORAGE_KEY);
    return sanitizeSettings(text ? JSON.parse(text) : null);
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(storage, settings) {
  try {
    if (storage) storage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // storage full or disabled: settings stay for this page only
  }
}

function uniq(values) {
  return [...new Set(values)];
}

function fillSelect(select, options, wanted) {
  const keep = options.some((o) => o.value === wanted) ? wanted : null;
  const frag = document.createDocumentFragment();
  for (const o of options) {
    const el = document.createElement('option');
    el.value = o.value;
    el.textContent = o.text;
    frag.appendChild(el);
  }
  select.replaceChildren(frag);
  select.value = keep ?? (options[0] ? options[0].value : '');
}

export class ClusterPanel {
  constructor(prices, onChange) {
    this.prices = prices;
    this.onChange = onChange;
    this.el = {};
    for (const id of ['engine', 'cloud', 'sku', 'tier', 'driver-node-type', 'node-type', 'workers',
      'runtime-minutes', 'runs-per-day', 'price-facts', 'reset-settings']) {
      this.el[id] = document.getElementById(id);
    }
    this.photonRadios = [...document.querySelectorAll('input[name="photon"]')];
    const clouds = uniq([...prices.usd_per_dbu.map((r) => r.cloud), ...prices.node_dbu_per_hour.map((r) => r.cloud)]);
    fillSelect(this.el.cloud, clouds.map((c) => ({ value: c, text: prices.regions && prices.regions[c] ? `${c} (${prices.regions[c]} list prices)` : c })), DEFAULTS.cloud);

    const changed = (e) => {
      if (e.target === this.el.cloud) this.refreshChoices(this.read());
      else if (e.target === this.el.sku) this.refreshChoices(this.read());
      this.showFacts();
      this.onChange(this.read());
    };
    for (const id of ['engine', 'cloud', 'sku', 'tier', 'driver-node-type', 'node-type']) this.el[id].addEventListener('change', changed);
    for (const id of ['workers', 'runtime-minutes', 'runs-per-day']) this.el[id].addEventListener('input', changed);
    for (const r of this.photonRadios) r.addEventListener('change', changed);
    this.el['reset-settings'].addEventListener('click', () => {
      this.write({ ...DEFAULTS });
      this.onChange(this.read());
    });
  }

  refreshChoices(s) {
    const p = this.prices;
    const skus = uniq(p.usd_per_dbu.filter((r) => r.cloud === s.cloud).map((r) => r.sku));
    fillSelect(this.el.sku, skus.map((k) => ({ value: k, text: `${label(SKU_LABELS, k)} (${k})` })), s.sku || DEFAULTS.sku);
    const sku = this.el.sku.value;
    const tiers = uniq(p.usd_per_dbu.filter((r) => r.cloud === s.cloud && r.sku === sku).map((r) => r.tier));
    const tierWanted = tiers.includes(s.tier) ? s.tier : tiers.includes(DEFAULTS.tier) ? DEFAULTS.tier : tiers[0];
    fillSelect(this.el.tier, tiers.map((t) => ({ value: t, text: t })), tierWanted);
    const nodes = p.node_dbu_per_hour.filter((r) => r.cloud === s.cloud)
      .sort((a, b) => a.node_type.localeCompare(b.node_type, 'en', { numeric: true }));
    const nodeOptions = nodes.map((r) => ({ value: r.node_type, text: `${r.node_type} (${r.dbu_per_hour} DBU/h${r.photon_capable === false ? ', no Photon' : ''})` }));
    fillSelect(this.el['node-type'], [{ value: '', text: 'not set' }, ...nodeOptions], s.node_type);
    fillSelect(this.el['driver-node-type'], [{ value: '', text: 'same as workers' }, ...nodeOptions], s.driver_node_type);
  }

  read() {
    const photon = this.photonRadios.find((r) => r.checked);
    return {
      engine: this.el.engine.value,
      photon: photon ? photon.value : 'auto',
      cloud: this.el.cloud.value,
      sku: this.el.sku.value,
      tier: this.el.tier.value,
      driver_node_type: this.el['driver-node-type'].value,
      node_type: this.el['node-type'].value,
      workers: this.el.workers.value,
      runtime_minutes: this.el['runtime-minutes'].value,
      runs_per_day: this.el['runs-per-day'].value,
    };
  }

  write(s) {
    this.el.engine.value = ENGINES.includes(s.engine) ? s.engine : DEFAULTS.engine;
    for (const r of this.photonRadios) r.checked = r.value === s.photon;
    if ([...this.el.cloud.options].some((o) => o.value === s.cloud)) this.el.cloud.value = s.cloud;
    else this.el.cloud.value = DEFAULTS.cloud;
    this.refreshChoices({ ...s, cloud: this.el.cloud.value });
    this.el.workers.value = s.workers;
    this.el['runtime-minutes'].value = s.runtime_minutes;
    this.el['runs-per-day'].value = s.runs_per_day;
    this.showFacts();
  }

  setPhoton(value) {
    for (const r of this.photonRadios) r.checked = r.value === value;
  }

  // One line of what the table says for these choices, with each value's evidence status.
  showFacts() {
    const s = this.read();
    const p = this.prices;
    const parts = [];
    const price = p.usd_per_dbu.find((r) => r.cloud === s.cloud && r.sku === s.sku && r.tier === s.tier);
    if (price) parts.push(`$${price.usd} per DBU (${price.status})`);
    const mult = p.photon_multiplier.find((r) => r.cloud === s.cloud && r.sku === s.sku);
    parts.push(mult ? `Photon ×${mult.value} DBU (${mult.status})` : 'no Photon multiplier for this SKU');
    const node = p.node_dbu_per_hour.find((r) => r.cloud === s.cloud && r.node_type === s.node_type);
    if (node) parts.push(`${node.node_type}: ${node.dbu_per_hour} DBU/h (${node.status})`);
    const minutes = numberOrNull(s.runtime_minutes);
    if (minutes !== null) parts.push(`runtime ${Math.round(minutes * 60 * 1000) / 1000} s`);
    this.el['price-facts'].textContent = `Price table ${p.version}: ${parts.join(' · ')}`;
  }
}
