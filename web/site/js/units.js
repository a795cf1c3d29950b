// Durations, byte counts and counts in words for the event-log views.

export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}

export function formatBytes(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function formatCount(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return new Intl.NumberFormat('en-US').format(n);
}

// A tick step of 1, 2 or 5 times a power of ten giving at most `most` ticks over `span`.
export function tickStep(span, most) {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, most);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

// A tick step for a time axis in ms: round seconds, minutes and hours past one second.
const TIME_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * 60000))
  .concat([1, 2, 3, 6, 12, 24].map((h) => h * 3600000));
export function timeStep(spanMs, most) {
  const raw = spanMs / Math.max(1, most);
  if (raw <= 1000) return tickStep(spanMs, most);
  return TIME_STEPS.find((s) => s >= raw) ?? tickStep(spanMs, most);
}
