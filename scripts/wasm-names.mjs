#!/usr/bin/env node
// Short names across the JS/wasm boundary, as Emscripten gives its builds: wasm-bindgen names each
// import `__wbg_<name>_<16 hex digits>` and keeps the Rust names of its exports, some 300 long,
// random names that both the wasm and its glue carry, and that no compressor can shrink. binaryen's
// --minify-imports-and-exports-and-modules renames them ("a", "b", …, all imports in one module
// "a") and prints what it renamed; this rewrites wasm-bindgen's glue to match. About 7 KB less
// of Brotli per build (measured on the embed, 2026-12-07). The instance's exports are renamed too,
// `memory` among them (binaryen's --minify-imports leaves wasm-bindgen's module alone): whoever
// looks at them (Trunk's TrunkApplicationStarted event hands them to the page) finds the memory by
// its type, not its name.
//
// Called by the post-build hooks (scripts/minify.mjs, scripts/embed.mjs) after esbuild has
// minified the glue, whose shape it checks: a glue it does not recognise fails the build rather
// than loading a module whose imports do not match.
//
//   node scripts/wasm-names.mjs <wasm> <glue.js>
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const BINDGEN = "./amocrm-notify_bg.js";
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** `text` with `from` replaced by `to`, where `from` stands exactly once. */
function once(text, from, to) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`wasm-names: expected ${from} once in the glue`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Renames the imports and exports of `wasm` (in place) and rewrites `gluePath` to match. */
export function shortenNames(wasm, gluePath) {
  const renamed = JSON.parse(
    execFileSync("wasm-opt", [wasm, "--minify-imports-and-exports-and-modules", "-o", wasm], { encoding: "utf8" }),
  );
  let glue = readFileSync(gluePath, "utf8");
  // The glue's imports object: wasm-bindgen's own functions under BINDGEN, each snippet file as a
  // namespace (`"./snippets/…/x.js":P`). Afterwards: one module, "a", holding all of them.
  const namespaces = new Map();
  const fromSnippets = [];
  for (const [module, base, name] of renamed.imports) {
    if (module === BINDGEN) {
      glue = once(glue, `${base}:function`, `${name}:function`);
      continue;
    }
    if (!namespaces.has(module)) {
      const found = glue.match(new RegExp(`"${literal(module)}":([A-Za-z_$][\\w$]*)`));
      if (!found) throw new Error(`wasm-names: no namespace for ${module} in the glue`);
      namespaces.set(module, found[1]);
    }
    fromSnippets.push(`${name}:${namespaces.get(module)}.${base},`);
  }
  for (const module of namespaces.keys()) {
    glue = glue.replace(new RegExp(`,"${literal(module)}":[A-Za-z_$][\\w$]*`, "g"), "");
  }
  glue = once(glue, `"${BINDGEN}":{__proto__:null,`, `a:{__proto__:null,${fromSnippets.join("")}`);
  // The exports, as the glue reads them off the instance (`u.__wbindgen_malloc`).
  for (const [from, to] of renamed.exports) {
    glue = glue.replace(new RegExp(`\\.${literal(from)}(?![\\w$])`, "g"), `.${to}`);
  }
  for (const long of ["__wbg_", "__wbindgen_", "wasm_bindgen__convert__"]) {
    if (glue.includes(long)) throw new Error(`wasm-names: the glue still names ${long}…`);
  }
  writeFileSync(gluePath, glue);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasm, glue] = process.argv.slice(2);
  if (!wasm || !glue) throw new Error("usage: wasm-names.mjs <wasm> <glue.js>");
  shortenNames(wasm, glue);
}
