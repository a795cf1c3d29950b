// Human words for the codes of the clusop.analysis/1 contract, and number formatting.

export const VERDICT_LABELS = {
  none: 'No fallback: nothing to fix',
  fix_fallback: 'Fix the fallback',
  disable_photon: 'Turn Photon off for this job',
};

export const CAUSE_LABELS = {
  none: 'none',
  python_udf: 'Python UDF',
  pandas_udf: 'pandas UDF',
  scala_udf: 'Scala/Java UDF',
  unsupported_expression: 'an expression the engine does not support',
  unsupported_operator: 'an operator the engine does not support',
  dataset_api: 'Dataset/RDD API (typed objects)',
  row_to_columnar_roundtrip: 'a round trip through rows',
  whole_plan_jvm: 'the whole plan runs on the JVM',
};

export const ROLE_LABELS = {
  native: 'native: runs on the engine',
  jvm: "JVM: Spark's own row-based operator",
  transition_to_rows: 'transition: native columnar to JVM rows',
  transition_to_columnar: 'transition: JVM rows to native columnar',
  wrapper: 'wrapper: a stage or plan marker, no work of its own',
  command: 'command: a write or DDL around the query',
};

// Text badges: the role is never told by colour alone.
export const ROLE_BADGES = {
  native: 'NATIVE',
  jvm: 'JVM',
  transition_to_rows: 'TO ROWS',
  transition_to_columnar: 'TO COLUMNAR',
  wrapper: 'WRAPPER',
  command: 'COMMAND',
};

export const ENGINE_LABELS = {
  photon: 'Databricks Photon',
  comet: 'Apache DataFusion Comet',
  gluten: 'Apache Gluten (Velox)',
  rapids: 'NVIDIA RAPIDS',
  spark: 'vanilla Spark (no native engine)',
};

export const MISSING_LABELS = {
  photon_engine: 'only Photon is billed at a DBU multiplier',
  node_type: 'no worker node type',
  driver_node_type: 'no driver node type',
  workers: 'no worker count',
  runtime_seconds: 'no runtime',
  runs_per_day: 'no runs per day',
  usd_per_dbu: 'no $/DBU for this cloud, SKU and tier',
  photon_multiplier: 'no Photon multiplier for this cloud and SKU',
  dbu_per_hour: 'the node type is not in the price table',
  price_table: 'no price table',
};

export const SKU_LABELS = {
  jobs: 'Jobs Compute',
  jobs_light: 'Jobs Light Compute',
  all_purpose: 'All-Purpose Compute',
  dlt_core: 'DLT Core',
  dlt_pro: 'DLT Pro',
  dlt_advanced: 'DLT Advanced',
  sql_classic: 'SQL Classic',
  sql_pro: 'SQL Pro',
  sql_serverless: 'SQL Serverless',
  jobs_serverless: 'Jobs Serverless',
  all_purpose_serverless: 'All-Purpose Serverless',
};

export function label(table, code) {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : String(code);
}

export function formatUsd(value) {
  if (value === 0) return '$0.00';
  const abs = Math.abs(value);
  const digits = abs < 0.01 ? 4 : 2;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatPercent(fraction) {
  if (fraction === 0) return '0%';
  const pct = fraction * 100;
  if (pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

// Why there is no dollar figure, in words: the core's note first, then what was missing.
export function notPricedReason(waste) {
  const parts = [];
  if (waste && waste.note) parts.push(waste.note);
  const missing = (waste && waste.missing) || [];
  const words = missing.filter((m) => !(m === 'photon_engine' && waste.note)).map((m) => label(MISSING_LABELS, m));
  if (words.length) parts.push(words.join(', '));
  return parts.length ? parts.join('; ') : 'the core gave no dollar figure';
}
