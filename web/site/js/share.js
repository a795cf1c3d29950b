// Share links: the plan and the settings, deflate-raw compressed and base64url encoded, in the
// URL fragment (#s=...). Browsers never send the fragment to a server, and this page sends
// nothing anywhere: the link carries the data itself.

export const FRAGMENT_KEY = 's';
const FORMAT_VERSION = 1;

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export function toBase64Url(bytes) {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged: not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export async function encodeShare(plan, settings) {
  const json = JSON.stringify({ v: FORMAT_VERSION, plan, settings });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return toBase64Url(packed);
}

export async function decodeShare(encoded) {
  let json;
  try {
    const bytes = await pipe(fromBase64Url(encoded), new DecompressionStream('deflate-raw'));
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new Error(`the share link is damaged or cut short (${err.message})`);
  }
  const data = JSON.parse(json);
  if (!data || data.v !== FORMAT_VERSION || typeof data.plan !== 'string') throw new Error('the share link is not a clusop link of a known version');
  return { plan: data.plan, settings: data.settings ?? null };
}

// The encoded payload in a location hash, or null.
export function shareFromHash(hash) {
  const m = /^#?(?:.*&)?s=([A-Za-z0-9_-]+)/.exec(hash || '');
  return m ? m[1] : null;
}

export function shareUrl(location, encoded) {
  return `${location.origin}${location.pathname}#${FRAGMENT_KEY}=${encoded}`;
}
