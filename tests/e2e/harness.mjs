// Shared set-up for the end-to-end tests: the built site served by a real server process on
// 127.0.0.1, and headless Chromium (the system's) driven by playwright-core.
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const HERE = new URL(".", import.meta.url).pathname;
export const DIST = process.env.DIST_DIR ?? new URL("../../dist", import.meta.url).pathname;
export const ARTIFACTS = process.env.SCREENSHOT_DIR ?? `${HERE}artifacts`;

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  // No sound card on a test machine: without this, a page that plays audio can hang the renderer
  // on a fresh home directory (first seen on a cold run: the browser tests timed out after 300 s).
  "--disable-audio-output",
];

/** Starts `scripts/site-server.mjs` on a free port; resolves to { url, stop }. `proxy` is "<prefix>=<url>", or a list of them. */
export async function startSite(dir = DIST, { proxy } = {}) {
  return startProcess(`${HERE}../../scripts/site-server.mjs`, [dir, "0", ...[proxy ?? []].flat()]);
}

/** Starts a node script that prints "listening <port>"; resolves to { url, port, stop }. */
export async function startProcess(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      const match = /listening (\d+)/.exec(String(chunk));
      if (match) resolve(Number(match[1]));
    });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", resolve);
    child.kill();
  });
  return { url: `http://127.0.0.1:${port}`, port, stop };
}

export async function launch({ args = [] } = {}) {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * For a test file: serves the built site and launches Chromium before its tests, and stops both
 * after them. The returned object holds `site` and `browser` once the tests run.
 */
export function siteAndBrowser() {
  const env = {};
  before(async () => {
    env.site = await startSite();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.stop();
  });
  return env;
}

/**
 * For a test file of the account's server: the real server (with `args`), the built site with
 * `/api/` forwarded to it, and Chromium, started before its tests and stopped after them. The
 * returned object holds `server`, `site` and `browser` once the tests run.
 */
export function serverSiteAndBrowser({ args = [] } = {}) {
  const env = {};
  before(async () => {
    env.server = await startAccountServer({ args });
    env.site = await startSite(undefined, { proxy: `/api=${env.server.url}` });
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.stop();
    await env.server?.stop();
  });
  return env;
}

/** The pop-ups on screen, oldest first. */
export const popups = (page) => page.locator("#amocrm-notify-popups [data-id]");

/** A new page that records console errors and warnings and uncaught page errors. */
export async function openPage(browser, url, { viewport = { width: 1360, height: 860 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") page.logs.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => page.logs.push(`pageerror: ${error.message}`));
  if (url) {
    await page.goto(url);
    await appReady(page);
  }
  return page;
}

/** Resolves when the app has attached to AMOCRM.notifications. */
export async function appReady(page) {
  await page.waitForFunction(() => Boolean(window.AMOCRM?.notifications?.__amocrmNotify?.call));
}

/**
 * Waits until `check`, run in the page, resolves to something truthy. For checks that are async
 * (IndexedDB, fetch): Playwright's `waitForFunction` takes the promise such a check returns as
 * truthy and stops at once, without waiting for what it resolves to. Each try here is one
 * evaluation, awaited; `what` names the condition in the error when it does not hold in time.
 */
export async function untilInPage(page, check, arg, { what, timeout = 10_000, polling = 50 }) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(check, arg)) return;
    if (Date.now() > end) throw new Error(`not within ${timeout} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, polling));
  }
}

/** Waits until this browser's IndexedDB store `store` ("entries", "changes") holds `count` records. */
export function storeHolds(page, store, count) {
  return untilInPage(page, ({ store, count }) => new Promise((resolve) => {
    const open = indexedDB.open("amocrm-notify");
    open.onsuccess = () => {
      const counted = open.result.transaction(store).objectStore(store).count();
      counted.onsuccess = () => { open.result.close(); resolve(counted.result === count); };
    };
  }), { store, count }, { what: `${count} records in this browser's "${store}" store` });
}

/** The console lines of our own messages (Chromium's own warnings left out). */
export function apiLogs(page) {
  return page.logs.filter((line) => line.includes("AMOCRM.notifications") || line.startsWith("pageerror"));
}

/**
 * Waits for the entrance animations to end (the pop-ups' countdown bars run on), in the document
 * and in the embed's shadow roots, whose animations `document.getAnimations()` does not list.
 */
export async function animationsSettled(page) {
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll("*")].flatMap((e) => e.shadowRoot ? [e.shadowRoot] : [])];
    return Promise.all(roots.flatMap((root) => root.getAnimations())
      .filter((a) => !a.effect?.target?.classList?.contains("an-popup__countdown"))
      .map((a) => a.finished.catch(() => {})));
  });
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await animationsSettled(page);
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** The account's server binary (scripts/test builds it). */
export const SERVER_BIN = process.env.SERVER_BIN ?? new URL("../../target/debug/amocrm-notify-server", import.meta.url).pathname;

const freePort = () => new Promise((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

/**
 * The real account server on 127.0.0.1, on a SQLite file in a fresh folder, with the account
 * "acme". Resolves to { url, port, token(user), kill9(), start(), stop() }; `start` brings a killed
 * one back on the same port and data.
 */
export async function startAccountServer({ args = [] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "amocrm-notify-e2e-"));
  const env = { ...process.env, AMOCRM_NOTIFY_DATA_DIR: dir, AMOCRM_NOTIFY_LOG: "warn" };
  const cli = (...a) => execFileSync(SERVER_BIN, a, { env, encoding: "utf8" }).trim();
  cli("account", "add", "acme", "--secret", "e2e-secret", "--base-url", "http://127.0.0.1");
  const port = await freePort();
  const server = { url: `http://127.0.0.1:${port}`, port, dir, child: null };
  server.token = (user) => cli("token", "acme", user);
  server.cli = cli;
  /** The whole history `token`'s person has on the server (every page), newest first. */
  server.history = async (token) => {
    const entries = [];
    for (let before = null; ;) {
      const url = `${server.url}/v1/notifications?limit=500${before ? `&before=${encodeURIComponent(before)}` : ""}`;
      const page = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
      entries.push(...page.entries);
      if (!page.next) return entries;
      before = page.next;
    }
  };
  /** A counter of the process's /metrics, by its name without the `amocrm_notify_` prefix. */
  server.metric = async (name) =>
    Number((await (await fetch(`${server.url}/metrics`)).text()).match(new RegExp(`^amocrm_notify_${name} (\\d+)$`, "m"))[1]);
  server.start = async () => {
    server.child = spawn(SERVER_BIN, ["serve", "--listen", `127.0.0.1:${port}`, ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${server.url}/healthz`)).ok) return server;
      } catch {}
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the account server did not come up");
  };
  const ended = () => new Promise((resolve) => {
    if (!server.child || server.child.exitCode !== null || server.child.signalCode) return resolve();
    server.child.once("exit", resolve);
  });
  server.kill9 = async () => { server.child?.kill("SIGKILL"); await ended(); };
  server.stop = async () => { server.child?.kill("SIGTERM"); await ended(); await rm(dir, { recursive: true, force: true }); };
  return server.start();
}

/**
 * A real SMTP server (aiosmtpd, `server/tests/peers/smtp_sink.py`) on 127.0.0.1, in the Python
 * peers' venv that scripts/tools.sh makes. Each message it takes is parsed by Python's email
 * package into `<n>.json` (subject, to, text and html parts). Resolves to
 * { url (for --smtp-url), messages() (the parsed ones, in order), stop() }.
 */
export async function startSmtpSink() {
  const python = process.env.AMOCRM_NOTIFY_PYTHON;
  if (!python) throw new Error("AMOCRM_NOTIFY_PYTHON is not set: run the tests through scripts/test");
  const dir = await mkdtemp(join(tmpdir(), "amocrm-notify-smtp-"));
  const port = await freePort();
  const child = spawn(python, [`${HERE}../../server/tests/peers/smtp_sink.py`, dir, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
    child.stdout.on("data", (chunk) => { if (String(chunk).includes("listening")) resolve(); });
  });
  const messages = async () => {
    const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
    return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8"))));
  };
  const stop = async () => {
    if (child.exitCode === null && !child.signalCode) {
      const ended = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await ended;
    }
    await rm(dir, { recursive: true, force: true });
  };
  return { url: `smtp://127.0.0.1:${port}`, port, messages, stop };
}

/**
 * Installed before any page script (`page.addInitScript`): traps for script that runs (the dialogs
 * XSS payloads call) and a record of every Content-Security-Policy violation, in `window.__xss`.
 */
export function installTraps() {
  window.__xss = { ran: [], violations: [] };
  for (const name of ["alert", "prompt", "confirm", "print"]) {
    window[name] = (...args) => window.__xss.ran.push(`${name}(${args.join(",")})`);
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__xss.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
  });
}

/** A page of `browser` at `url` with the traps of `installTraps` set before the app starts. */
export async function trappedPage(browser, url, options = {}) {
  const page = await openPage(browser, null, options);
  await page.addInitScript(installTraps);
  await page.goto(url);
  await appReady(page);
  return page;
}

/** The account server (with `args`) and the release site proxying `/api` to it, both stopped when
 * the test `t` ends. */
export async function serverAndSite(t, { args = [] } = {}) {
  const server = await startAccountServer({ args });
  t.after(() => server.stop());
  const site = await startSite(undefined, { proxy: `/api=${server.url}` });
  t.after(() => site.stop());
  return { server, site };
}

/** Sets a person's preferences on the server, as a device of theirs would. */
export async function putPreferences(server, token, preferences) {
  const answer = await fetch(`${server.url}/v1/preferences`, {
    method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ push: { errors: false, calls: false }, digest_minutes: 0, ...preferences }),
  });
  if (answer.status !== 200) throw new Error(`PUT /v1/preferences: ${answer.status} ${await answer.text()}`);
}
