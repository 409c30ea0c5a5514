// Writes a Brotli (.br) and a gzip (.gz) copy beside each file a browser downloads (wasm, JS, CSS,
// HTML, SVG, JSON, the manifest), so a host's server sends them as they are: nginx's
// `brotli_static` / `gzip_static`, or any server that looks for `file.br` before `file`.
// Both at their highest settings: they are made once per build, and downloaded many times.
//   node scripts/compress.mjs [dir]      (dir defaults to $TRUNK_STAGING_DIR; the last build hook)
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const COMPRESSIBLE = /\.(wasm|m?js|css|html|svg|json|webmanifest)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

// scripts/serve sets AMOCRM_NOTIFY_NO_COMPRESS: what it serves is read on this machine, uncompressed,
// and a live rebuild should not wait for Brotli's highest setting.
if (process.env.AMOCRM_NOTIFY_NO_COMPRESS) process.exit(0);
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("compress.mjs: give the build folder, or run it as a Trunk hook");
for (const path of files(dir)) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}
