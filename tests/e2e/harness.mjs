// Shared set-up for the end-to-end tests: the built site served by a real server process on
// 127.0.0.1, and headless Chromium (the system's) driven by playwright-core.
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const HERE = new URL(".", import.meta.url).pathname;
export const DIST = process.env.DIST_DIR ?? new URL("../../dist", import.meta.url).pathname;
export const ARTIFACTS = process.env.SCREENSHOT_DIR ?? `${HERE}artifacts`;

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

/** Starts `server.mjs` on a free port; resolves to { url, stop }. `proxy` is "<prefix>=<url>". */
export async function startSite(dir = DIST, { proxy } = {}) {
  return startProcess(`${HERE}server.mjs`, [dir, "0", ...(proxy ? [proxy] : [])]);
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

/** The console lines of our own messages (Chromium's own warnings left out). */
export function apiLogs(page) {
  return page.logs.filter((line) => line.includes("AMOCRM.notifications") || line.startsWith("pageerror"));
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  // Let entrance animations finish (the pop-ups' countdown bars run on).
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => !a.effect?.target?.classList?.contains("an-popup__countdown"))
    .map((a) => a.finished.catch(() => {}))));
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}
