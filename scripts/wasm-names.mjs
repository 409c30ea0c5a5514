#!/usr/bin/env node
// Short names across the JS/wasm boundary, as Emscripten gives its builds: wasm-bindgen names each
// import `__wbg_<name>_<16 hex digits>` and keeps the Rust names of its exports, some 300 long,
// random names that both the wasm and its glue carry, and that no compressor can shrink. binaryen's
// --minify-imports-and-exports-and-modules renames them ("a", "b", …, all imports in one module
// "a") and prints what it renamed; this rewrites wasm-bindgen's glue to match. About 7 KB less
// of Brotli per build (measured on the embed, 2026-12-07). binaryen renames the exports too (its
// --minify-imports leaves wasm-bindgen's module alone); they are the instance's public face
// (`memory`, what Trunk's TrunkApplicationStarted event hands a page), so their names are written
// back into the export section.
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
  if (glue.includes("__wbg_")) throw new Error("wasm-names: the glue still names __wbg_…");
  writeFileSync(gluePath, glue);
  writeFileSync(wasm, withExportNames(readFileSync(wasm), new Map(renamed.exports.map(([from, to]) => [to, from]))));
}

/** The module `bytes` with each export named again as `names` (short name → original) says. */
function withExportNames(bytes, names) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return [value, at];
    }
  };
  const encode = (value) => {
    const out = [];
    do {
      let byte = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) byte |= 0x80;
      out.push(byte);
    } while (value > 0);
    return Buffer.from(out);
  };
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = leb(at + 1);
    const end = start + size;
    if (id !== 7) {
      parts.push(bytes.subarray(at, end));
    } else {
      let [count, p] = leb(start);
      const body = [encode(count)];
      while (count-- > 0) {
        const [length, nameAt] = leb(p);
        const short = bytes.subarray(nameAt, nameAt + length).toString("utf8");
        const name = Buffer.from(names.get(short) ?? short, "utf8");
        const [, after] = leb(nameAt + length + 1);
        body.push(encode(name.length), name, bytes.subarray(nameAt + length, after));
        p = after;
      }
      const section = Buffer.concat(body);
      parts.push(Buffer.from([7]), encode(section.length), section);
    }
    at = end;
  }
  return Buffer.concat(parts);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasm, glue] = process.argv.slice(2);
  if (!wasm || !glue) throw new Error("usage: wasm-names.mjs <wasm> <glue.js>");
  shortenNames(wasm, glue);
}
