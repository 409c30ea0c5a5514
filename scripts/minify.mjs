#!/usr/bin/env node
// Trunk post-build hook (Trunk.toml, before csp.mjs): minifies the scripts a page downloads with
// esbuild (installed by scripts/tools.sh): wasm-bindgen's glue (an ES module whose exports the
// start-up imports by name), its snippets (src/snippets.js, idb.js) and the loader. Trunk has
// already written their `integrity` hashes into index.html, so those are written again for the
// minified files. The glue's names across the JS/wasm boundary are shortened too (wasm-names.mjs).
//
//   node scripts/minify.mjs [dir]      (dir defaults to $TRUNK_STAGING_DIR)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { shortenNames } from "./wasm-names.mjs";

/** Minifies `file` in place; `module` for an ES module (its exports keep their names). */
export function minify(file, { module = false } = {}) {
  const flags = ["--minify", "--log-level=warning", "--allow-overwrite", `--outfile=${file}`];
  if (module) flags.push("--format=esm");
  execFileSync("esbuild", [file, ...flags], { stdio: "inherit" });
}

/** wasm-bindgen's snippet files in the build `dir`, as paths relative to it, sorted. */
export async function snippetFiles(dir) {
  const files = await readdir(join(dir, "snippets"), { recursive: true }).catch(() => []);
  return files.filter((f) => f.endsWith(".js")).sort().map((f) => join("snippets", f));
}

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("usage: minify.mjs <dir> (or run it as a Trunk hook)");
  const glue = (await readdir(dir)).filter((f) => /^amocrm-notify-[0-9a-f]+\.js$/.test(f));
  if (glue.length !== 1) throw new Error(`expected one wasm-bindgen glue file in ${dir}, found ${glue.length}`);
  const snippets = (await snippetFiles(dir)).map((f) => [f, true]);
  let html = await readFile(join(dir, "index.html"), "utf8");
  for (const [file, module] of [[glue[0], true], ...snippets, ["assets/loader.js", false]]) {
    const path = join(dir, file);
    const before = sri(await readFile(path));
    minify(path, { module });
    if (file === glue[0]) shortenNames(join(dir, file.replace(/\.js$/, "_bg.wasm")), path);
    html = html.replaceAll(`integrity="${before}"`, `integrity="${sri(await readFile(path))}"`);
  }
  await writeFile(join(dir, "index.html"), html);
}
