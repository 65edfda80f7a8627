// wasm.js — instantiate a small WebAssembly module (add two i32) and use it;
// must still work under a tight RLIMIT_DATA (V8 reserves wasm memory with
// PROT_NONE guard regions, which RLIMIT_AS would count and RLIMIT_DATA
// does not). Prints "wasm: 5" and, with an argument N, then tries to hold
// N MiB of buffers ("hog: got N MiB" or "hog: refused").
'use strict';
const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127,
  3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 32, 1, 106, 11]);
const mem = new WebAssembly.Memory({ initial: 16 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
console.log(`wasm: ${exports.add(2, 3)} (${mem.buffer.byteLength >> 16} pages)`);
const want = Number(process.argv[2] || 0);
if (want) {
  const keep = [];
  try {
    for (let i = 0; i < want / 16; i++) keep.push(Buffer.alloc(16 << 20, 1));
    console.log(`hog: got ${want} MiB`);
  } catch (e) {
    console.log(`hog: refused (${e.code || e.message})`);
  }
}
