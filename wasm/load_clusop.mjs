// Loads the WebAssembly core in Node. Debian's Emscripten 3.1.6 loader would fetch() a file
// path under Node 18+, so the binary is read here and handed over as wasmBinary.
import fs from 'node:fs';
import path from 'node:path';

export async function loadClusop(dir) {
  const { default: createClusop } = await import(path.join(dir, 'clusop.mjs'));
  const wasmBinary = fs.readFileSync(path.join(dir, 'clusop.wasm'));
  return createClusop({ wasmBinary });
}
