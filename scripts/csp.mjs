#!/usr/bin/env node
// Trunk post-build hook (Trunk.toml): writes the Content-Security-Policy into the built index.html
// as a <meta http-equiv> tag, first thing in <head>, with a sha256 hash for each inline script
// (Trunk's start-up module, and under `trunk serve` its live-reload script). Servers send the same
// policy as a header: scripts/site-server.mjs reads it from this tag. It also finishes the page's
// <head>: the app's preloads move before the loader's script (`withEarlyPreloads`), the wasm preload
// loses an `integrity` Chromium ignores, and under scripts/serve the server's address goes in.
//
//   node scripts/csp.mjs [dir]      (dir defaults to $TRUNK_STAGING_DIR)
//
// The policy: scripts only from this origin or hashed, WebAssembly compilation allowed
// ('wasm-unsafe-eval', which is not 'unsafe-eval'), no plugins, no <base>, no framing of other
// sites. Styles allow 'unsafe-inline' because the components' styles go in as <style> elements
// (stylist) and Yew sets style attributes; that cannot run script. Icons and call recordings
// come from any http(s) host, as widgets link them; data:, blob: and javascript: URLs load nothing.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export function policy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'sha256-${h}'`).join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' http: https:",
    "media-src 'self' http: https:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

export function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/i.test(match[1])) scripts.push(match[2]);
  }
  return scripts;
}

const TAG = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i;

// `trunk serve` fills these into its live-reload script per request, after this hook has run: hash
// the script as it will be served to the addresses the README uses.
const DEV_HOSTS = (process.env.CSP_DEV_HOSTS ?? "127.0.0.1:8080,localhost:8080").split(",");

function servedVariants(code) {
  if (!code.includes("{{__TRUNK_ADDRESS__}}")) return [code];
  return DEV_HOSTS.map((host) =>
    code.replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, `'${host}'`).replaceAll("{{__TRUNK_WS_BASE__}}", "/"));
}

export function withPolicy(html) {
  const hashes = inlineScripts(html)
    .flatMap(servedVariants)
    .map((code) => createHash("sha256").update(code, "utf8").digest("base64"));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}" />`;
  const stripped = html.replace(TAG, "");
  const charset = /<meta charset="utf-8"\s*\/?>/i;
  if (!charset.test(stripped)) throw new Error('index.html has no <meta charset="utf-8"> to put the policy after');
  return stripped.replace(charset, (tag) => `${tag}\n    ${meta}`);
}

/** The policy in a built index.html, for servers that send it as a header. */
export function policyOf(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

/** Under scripts/serve: the demo person's server and token as <meta> tags, so the page starts
 * signed in (AMOCRM_NOTIFY_ENDPOINT, AMOCRM_NOTIFY_TOKEN); nothing when they are not set. */
export function withServer(html, env = process.env) {
  const tags = [["endpoint", env.AMOCRM_NOTIFY_ENDPOINT], ["token", env.AMOCRM_NOTIFY_TOKEN]]
    .filter(([, value]) => value)
    .map(([name, value]) => `<meta name="amocrm-notify:${name}" content="${value.replace(/[&"<>]/g, "")}" />`);
  if (tags.length === 0) return html;
  return html.replace(/<meta charset="utf-8"\s*\/?>/i, (tag) => `${tag}\n    ${tags.join("\n    ")}`);
}

/** Chromium ignores `integrity` on a `fetch` preload (the wasm) and warns about it on every load,
 * in the console a widget developer watches: the attribute goes. (The module scripts keep theirs.) */
export function withoutPreloadIntegrity(html) {
  return html.replace(/<link rel="preload"[^>]*>/gi, (tag) => tag.replace(/\s+integrity="[^"]*"/i, ""));
}

/** Trunk writes the preloads of the app (its glue, snippets and wasm) at the end of <head>, after
 * the loader's script: the browser then fetches them only once the loader has arrived and run,
 * one round trip later. They go before the first <script>, so they load beside it. */
export function withEarlyPreloads(html) {
  const hints = [];
  const rest = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/gi, (tag) => {
    hints.push(tag);
    return "";
  });
  if (hints.length === 0) return html;
  const script = rest.search(/<script\b/i);
  if (script < 0) throw new Error("index.html has no <script> to put the preloads before");
  return `${rest.slice(0, script)}${hints.join("\n    ")}\n    ${rest.slice(script)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error("usage: csp.mjs <dir> (or run it as a Trunk hook)");
  const file = join(dir, "index.html");
  await writeFile(file, withPolicy(withServer(withEarlyPreloads(withoutPreloadIntegrity(await readFile(file, "utf8"))))));
}
