#!/usr/bin/env node
// Trunk post-build hook of the embed build (Trunk.embed.toml): writes amocrm-notify-embed.js, the
// one script a host page loads: assets/loader.js (AMOCRM.notifications at once, calls recorded)
// followed by assets/embed-boot.js (the app started in embed mode, its files loaded from beside it).
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify, snippetFiles } from "./minify.mjs";
import { withServer } from "./csp.mjs";
import { shortenNames } from "./wasm-names.mjs";

const root = new URL("..", import.meta.url).pathname;
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("usage: embed.mjs <dir> (or run it as a Trunk hook)");
const [loader, boot] = await Promise.all(["assets/loader.js", "assets/embed-boot.js"].map((f) => readFile(join(root, f), "utf8")));
// The glue imports wasm-bindgen's snippets: the boot preloads them beside it instead of after it.
const snippets = await snippetFiles(dir);
if (!boot.includes("/* SNIPPETS */ []")) throw new Error("embed-boot.js lost its /* SNIPPETS */ [] placeholder");
await writeFile(join(dir, "amocrm-notify-embed.js"), `${loader}\n${boot.replace("/* SNIPPETS */ []", JSON.stringify(snippets))}`);
// What every host page downloads, minified: the script above, wasm-bindgen's glue and its snippets.
minify(join(dir, "amocrm-notify-embed.js"));
minify(join(dir, "amocrm-notify.js"), { module: true });
shortenNames(join(dir, "amocrm-notify_bg.wasm"), join(dir, "amocrm-notify.js"));
for (const snippet of snippets) minify(join(dir, snippet), { module: true });
// The example host page (host-page/) goes beside it, at /embed/example.html. Under
// scripts/serve it starts signed in to the same server as the demo (AMOCRM_NOTIFY_ENDPOINT and
// AMOCRM_NOTIFY_TOKEN, as <meta> tags); otherwise it stays in the browser.
for (const [from, to] of [["index.html", "example.html"], ["host.css", "host.css"], ["host-globals.js", "host-globals.js"], ["widget.js", "widget.js"]]) {
  const content = await readFile(join(root, "host-page", from));
  await writeFile(join(dir, to), to === "example.html" ? withServer(String(content)) : content);
}
