// Chart geometry (where grid lines fall), and the size of bytes the page holds before the core
// has seen them (a pasted plan, a dropped file, a share link). Every figure of a scan is the
// core's *_text; none is formatted here.

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
