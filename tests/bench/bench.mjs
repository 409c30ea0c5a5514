#!/usr/bin/env node
// The benchmarks (run them with `scripts/bench`, which builds the release site first): transfer size,
// start-up, the first pop-up (beside sonner + React's first toast), bursts of calls, and a
// 100,000-entry center, measured in headless Chromium on 127.0.0.1; the same bursts against notyf (a
// small, popular JavaScript toast library) for comparison.
//
// Every timing is the median of BENCH_RUNS runs (default 5), shown with min and max. A figure that
// cannot be measured stops the run with an error naming it, instead of printing a zero. The table
// goes to stdout, the figures as JSON to BENCH_OUT (default target/bench/results.json).
import os from "node:os";
import { mkdir, mkdtemp, readdir, readFile, writeFile, copyFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { DIST, launch, startSite } from "../e2e/harness.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const OUT = process.env.BENCH_OUT ?? join(ROOT, "target/bench/results.json");
const NOTYF = join(ROOT, "tests/e2e/node_modules/notyf");
const BURST = 10_000;
const CENTER = 100_000;

/** Fails loudly: a figure that is not a finite number (or is not positive, when it must be) stops the run. */
function measured(name, value, { positive = true } = {}) {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new Error(`could not measure "${name}": got ${JSON.stringify(value)}`);
  }
  return value;
}

function summary(name, values) {
  values.forEach((v) => measured(name, v, { positive: false }));
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values.length };
}

/** A summary of each list of run figures in `runs`, under the same keys; `what` names them in errors. */
function summaries(what, runs) {
  return Object.fromEntries(Object.entries(runs).map(([key, values]) => [key, summary(`${what}: ${key}`, values)]));
}

async function repeat(name, run) {
  const values = [];
  for (let i = 0; i < RUNS; i++) values.push(await run(i));
  return summary(name, values);
}

// ---------------------------------------------------------------------------------------------
// Transfer size: what a browser downloads, each file gzip -9 (the gzip command, as scripts/size).

async function transferSize() {
  const files = [];
  const top = await readdir(DIST);
  const pick = (re) => top.filter((f) => re.test(f)).sort();
  // The app's JS snippets: wasm-bindgen copies each `#[wasm_bindgen(module)]` file under snippets/.
  const snippets = (await readdir(join(DIST, "snippets"), { recursive: true }).catch(() => []))
    .filter((f) => f.endsWith(".js")).sort().map((f) => `snippets/${f}`);
  for (const f of [...pick(/\.wasm$/), ...pick(/\.m?js$/).filter((f) => f !== "sw.js"), ...snippets, "assets/loader.js", ...pick(/\.css$/), "index.html"]) {
    const raw = await readFile(join(DIST, f));
    const packed = execFileSync("gzip", ["-9", "-c", join(DIST, f)]).length; // the gzip -9 of scripts/size
    files.push({ file: f, raw: raw.length, gzip: measured(`gzip size of ${f}`, packed) });
  }
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  return { files, total };
}

// ---------------------------------------------------------------------------------------------
// Our app.

const WIDGET = 'for (let i = 0; i < 3; i++) AMOCRM.notifications.add_error({ text: "queued before start-up " + i });';

/** Navigation start to `amocrm-notify:ready` (the shim installed and the three queued calls replayed), cold cache. */
async function startup(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A widget script right after the loader, as a host page has it (routing also turns the cache off).
  await page.route(`${url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      '<script src="/assets/loader.js"></script>',
      '$&<script src="/bench-widget.js"></script>',
    );
    await route.fulfill({ response, body: html });
  });
  await page.route(`${url}/bench-widget.js`, (route) => route.fulfill({ contentType: "text/javascript", body: WIDGET }));
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("amocrm-notify:ready").length > 0);
  const { ready, label } = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return {
      ready: performance.getEntriesByName("amocrm-notify:ready")[0].startTime,
      label: document.querySelector(".an-bell")?.getAttribute("aria-label"),
    };
  });
  if (label !== "Notifications, 3 unread") throw new Error(`start-up: the queued calls were not replayed (${label})`);
  await context.close();
  return measured("start-up", ready);
}

/** Opens a fresh page of the app with the wasm memory captured. */
async function appPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener("TrunkApplicationStarted", (event) => (window.__wasmMemory = event.detail.wasm.memory));
  });
  await page.goto(url);
  await page.waitForFunction(() => Boolean(window.AMOCRM?.notifications?.__amocrmNotify?.call && window.__wasmMemory));
  return { page, close: () => context.close() };
}

// In the page: runs `count` calls of `call` in one synchronous loop, then watches the event loop with
// a chain of zero-delay timers until `settled()` holds and 300 ms more have passed. The longest gap
// between two timers is the longest main-thread task after the loop (the first gap includes the
// render that Yew runs on the microtask queue right after the loop).
const BURST_IN_PAGE = `async ({ count, call, settled }) => {
  const make = new Function("i", call);
  const isSettled = new Function(settled);
  const region = document.querySelector("#amocrm-notify-popups") ?? document.body;
  let mostPopups = 0;
  const observer = new MutationObserver(() => {
    mostPopups = Math.max(mostPopups, document.querySelectorAll("#amocrm-notify-popups [data-id], .notyf__toast").length);
  });
  observer.observe(region, { childList: true, subtree: true });
  const start = performance.now();
  for (let i = 0; i < count; i++) make(i);
  const end = performance.now();
  let last = end, longest = 0, settledAt = null;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (settledAt === null && isSettled()) settledAt = now;
      if (settledAt !== null && now - settledAt > 300) resolve();
      else if (now - end > 20000) resolve();
      else setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
  observer.disconnect();
  mostPopups = Math.max(mostPopups, document.querySelectorAll("#amocrm-notify-popups [data-id], .notyf__toast").length);
  return { perCallUs: ((end - start) * 1000) / count, settleMs: settledAt === null ? null : settledAt - end, longestTaskMs: longest, mostPopups };
}`;

async function burst(page, { count, call, settled }) {
  const result = await page.evaluate(`(${BURST_IN_PAGE})(${JSON.stringify({ count, call, settled })})`);
  if (result.settleMs === null) throw new Error(`burst of ${call}: never settled within 20 s`);
  return result;
}

const OURS = {
  add_error: {
    call: 'AMOCRM.notifications.add_error({ text: "burst " + i })',
    settled: `return document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, ${BURST} unread"
      && document.querySelectorAll("#amocrm-notify-popups [data-id]").length === 5;`,
  },
  show_message: {
    call: 'AMOCRM.notifications.show_message({ header: "Burst", text: "message " + i })',
    settled: 'return document.querySelectorAll("#amocrm-notify-popups [data-id]").length === 5;',
  },
};

async function oursBursts(browser, url) {
  const runs = { perCallUs: [], settleMs: [], longestTaskMs: [], showMessagePopups: [] };
  for (let i = 0; i < RUNS; i++) {
    const { page, close } = await appPage(browser, url);
    const errors = await burst(page, { count: BURST, ...OURS.add_error });
    runs.perCallUs.push(errors.perCallUs);
    runs.settleMs.push(errors.settleMs);
    runs.longestTaskMs.push(errors.longestTaskMs);
    await close();
    const second = await appPage(browser, url);
    const messages = await burst(second.page, { count: BURST, ...OURS.show_message });
    runs.showMessagePopups.push(measured("pop-ups in the DOM", messages.mostPopups));
    await second.close();
  }
  return summaries("bursts", runs);
}

/** The 95th percentile of `values` (sorted in place). */
function p95(values) {
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.floor(values.length * 0.95))];
}

// In the page: `count` frame intervals (requestAnimationFrame to the next) while nothing happens.
const IDLE_FRAME_INTERVALS = `async (count) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const deltas = [];
  let previous = await frame();
  for (let i = 0; i < count; i++) {
    const now = await frame();
    deltas.push(now - previous);
    previous = now;
  }
  return deltas;
}`;

/**
 * Records a Chromium performance trace (the DevTools protocol) while `run()` runs and returns, for each
 * frame, the renderer main thread's busy time: the part of each top-level task that falls between two
 * BeginMainThreadFrame marks (script, style, layout, paint: everything the page did for that frame).
 */
async function mainThreadPerFrame(page, run) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline.frame"] } });
  const result = await run();
  await cdp.send("Tracing.end");
  await complete;
  await cdp.detach();
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain"
    && events.some((f) => f.pid === e.pid && f.name === "BeginMainThreadFrame"));
  if (!main) throw new Error("could not measure main-thread time per frame: no renderer main thread in the trace");
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const tasks = onMain.filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask").sort((a, b) => a.ts - b.ts);
  const frames = onMain.filter((e) => e.name === "BeginMainThreadFrame").map((e) => e.ts).sort((a, b) => a - b);
  const busyMs = [];
  for (let i = 0; i + 1 < frames.length; i++) {
    let busy = 0;
    for (const task of tasks) {
      const overlap = Math.min(task.ts + task.dur, frames[i + 1]) - Math.max(task.ts, frames[i]);
      if (overlap > 0) busy += overlap;
    }
    busyMs.push(busy / 1000);
  }
  return { result, busyMs };
}

async function bigCenter(browser, url) {
  const runs = { openMs: [], frameWorkP95Ms: [], frameP95Ms: [], idleFrameP95Ms: [], droppedFrames: [], rows: [], memoryMb: [], fillUsPerCall: [] };
  for (let i = 0; i < RUNS; i++) {
    const { page, close } = await appPage(browser, url);
    // The frame interval of this page while nothing happens: what the display's pacing alone gives.
    const idleFrameP95 = p95(await page.evaluate(`(${IDLE_FRAME_INTERVALS})(120)`));
    const opened = await page.evaluate(async (count) => {
      const n = AMOCRM.notifications;
      const fillStart = performance.now();
      for (let i = 0; i < count; i++) n.add_error({ text: `entry ${i}` });
      const fillUs = ((performance.now() - fillStart) * 1000) / count;
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const close of document.querySelectorAll("#amocrm-notify-popups .an-popup__close")) close.click();
      // Storing 100,000 new entries in IndexedDB takes seconds of short background tasks. A person opens
      // a center this size after a reload, when it has long been stored: wait until the main thread
      // has been quiet (no gap between zero-delay timers over 10 ms) for half a second.
      const quietSince = await new Promise((resolve) => {
        let last = performance.now(), quiet = last;
        const tick = () => {
          const now = performance.now();
          if (now - last > 10) quiet = now;
          last = now;
          if (now - quiet > 500) resolve(now - fillStart);
          else if (now - fillStart > 60000) resolve(null);
          else setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
      });
      if (quietSince === null) return { error: "the page never went quiet after the fill" };
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await frame();
      // Opening: the click, Yew's render, and the first frame that shows it.
      const openStart = performance.now();
      document.querySelector(".an-bell").click();
      await frame();
      const openMs = performance.now() - openStart;
      const rows = document.querySelectorAll("#an-notification-panel .notification__item").length;
      return { openMs, rows, fillUs };
    }, CENTER);
    if (opened.error) throw new Error(`100,000-entry center: ${opened.error}`);
    const { result: scrolled, busyMs } = await mainThreadPerFrame(page, () => page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let rowsMost = 0;
      // Scrolling end to end, one step per frame; the frame times of the way down.
      const panel = document.querySelector("#an-notification-panel");
      const scroller = [panel, ...panel.querySelectorAll("*")].find((el) => el.scrollHeight > el.clientHeight + 1
        && ["auto", "scroll"].includes(getComputedStyle(el).overflowY));
      if (!scroller) return { error: "no scrolling element in the panel" };
      // The list is 100,000 rows tall (about 9.6 million pixels): end to end in 300 equal jumps, one per
      // frame, each landing on rows never rendered before (the worst case for a windowed list), plus
      // the frames of the last screen.
      const deltas = [];
      let previous = await frame();
      const step = Math.max(scroller.clientHeight / 2, (scroller.scrollHeight - scroller.clientHeight) / 300);
      while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
        scroller.scrollTop += step;
        const now = await frame();
        deltas.push(now - previous);
        previous = now;
        rowsMost = Math.max(rowsMost, document.querySelectorAll("#an-notification-panel .notification__item").length);
      }
      // At 60 Hz a frame is 16.7 ms, so a dropped frame shows as ~33 ms: count those apart.
      const dropped = deltas.filter((d) => d > 25).length;
      const label = document.querySelector(".an-bell").getAttribute("aria-label");
      const memoryMb = (performance.memory.usedJSHeapSize + window.__wasmMemory.buffer.byteLength) / 1048576;
      return { rows: rowsMost, deltas, frames: deltas.length, dropped, label, memoryMb };
    }));
    if (scrolled.error) throw new Error(`100,000-entry center: ${scrolled.error}`);
    if (scrolled.label !== `Notifications, ${CENTER} unread`) throw new Error(`100,000-entry center: the bell says ${scrolled.label}`);
    if (scrolled.frames < 3) throw new Error(`100,000-entry center: only ${scrolled.frames} scroll frames`);
    if (busyMs.length < scrolled.frames / 2) {
      throw new Error(`100,000-entry center: the trace has ${busyMs.length} frames for ${scrolled.frames} scroll frames`);
    }
    runs.openMs.push(opened.openMs);
    runs.frameWorkP95Ms.push(measured("main-thread time per scroll frame", p95(busyMs)));
    runs.frameP95Ms.push(p95(scrolled.deltas));
    runs.idleFrameP95Ms.push(measured("idle frame interval", idleFrameP95));
    runs.droppedFrames.push(scrolled.dropped);
    runs.rows.push(measured("rows in the DOM", Math.max(opened.rows, scrolled.rows)));
    runs.memoryMb.push(scrolled.memoryMb);
    runs.fillUsPerCall.push(opened.fillUs);
    await close();
  }
  return summaries("100,000-entry center", runs);
}

// ---------------------------------------------------------------------------------------------
// The first pop-up: a widget calls the API at DOMContentLoaded on a fresh page (cold cache); the time
// from navigation start until its pop-up is in a frame, for the main site, the embed's example host
// page, and sonner + React (a popular React toast library) showing its first toast the same way.

// In the page, before anything else: at DOMContentLoaded the widget's call runs (ours, or sonner's
// toast); each animation frame looks for `selector` (in the document, or in the embed's shadow root)
// and marks "first-popup" in the frame where it is first there to be painted, and reports the mark's
// time on the console after `log`. (Functions, not code strings: the site's CSP allows no eval.)
const FIRST_POPUP_LOG = "amocrm-bench:first-popup ";
const FIRST_POPUP_IN_PAGE = ({ library, selector, log }) => {
  document.addEventListener("DOMContentLoaded", () => {
    if (library === "sonner") window.toast.error("Sync failed", { description: "The first notification" });
    else window.AMOCRM.notifications.add_error({ header: "Sync failed", text: "The first notification" });
  });
  const find = () => document.querySelector(selector) ??
    document.querySelector("#notify-bell")?.shadowRoot?.querySelector(selector);
  const tick = () => {
    if (find()) console.log(`${log}${performance.mark("first-popup").startTime}`);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

async function firstPopup(browser, url, what) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A new context starts with an empty cache (no routing: it would delay every request).
  await page.addInitScript(FIRST_POPUP_IN_PAGE, { ...what, log: FIRST_POPUP_LOG });
  // The page reports the mark on the console. Waiting with `waitForFunction` would inject
  // Playwright's selector engine into the page once it has loaded: a 10–25 ms script on the main
  // thread, in the middle of a start-up still running at the load event (ours), not of one that
  // has finished (sonner's), which is not what is measured.
  const reported = page.waitForEvent("console", { predicate: (m) => m.text().startsWith(FIRST_POPUP_LOG), timeout: 10_000 });
  await page.goto(url, { waitUntil: "commit" });
  const message = await reported.catch(() => { throw new Error(`first pop-up: none appeared on ${url}`); });
  await context.close();
  return measured(`first pop-up on ${url}`, Number(message.text().slice(FIRST_POPUP_LOG.length)));
}

const OUR_FIRST = { library: "ours", selector: "#amocrm-notify-popups [data-id]" };
const SONNER_FIRST = { library: "sonner", selector: "[data-sonner-toast]" };

/** A page with sonner's <Toaster /> rendered by React 19, bundled by esbuild (minified, production):
 * `/` on a blank page, `/host.html` on the embed's example host page (its styles and globals, our
 * script and the widget's taken out), so that the embed is compared on the same page. */
async function sonnerSite() {
  const dir = await mkdtemp(join(os.tmpdir(), "bench-sonner-"));
  const { build } = await import(join(ROOT, "tests/e2e/node_modules/esbuild/lib/main.js"));
  await build({
    stdin: {
      contents: `import { createElement } from "react"; import { createRoot } from "react-dom/client";
        import { Toaster, toast } from "sonner";
        window.toast = toast;
        createRoot(document.getElementById("root")).render(createElement(Toaster, { richColors: true }));`,
      resolveDir: join(ROOT, "tests/e2e"),
    },
    bundle: true, minify: true, format: "iife", outfile: join(dir, "app.js"),
    define: { "process.env.NODE_ENV": '"production"' }, logLevel: "silent",
  });
  const script = '<script src="/app.js" defer></script>';
  await writeFile(join(dir, "index.html"), `<!doctype html><html><head><meta charset="utf-8">
${script}</head><body><div id="root"></div></body></html>`);
  const host = join(ROOT, "host-page");
  let page = await readFile(join(host, "index.html"), "utf8");
  for (const [from, to] of [[/<script src="amocrm-notify-embed\.js"[^>]*><\/script>/, script], [/<script src="widget\.js"><\/script>/, ""], ["</body>", '<div id="root"></div></body>']]) {
    const changed = page.replace(from, to);
    if (changed === page) throw new Error(`host-page/index.html no longer has ${from}: the sonner host page needs updating`);
    page = changed;
  }
  await writeFile(join(dir, "host.html"), page);
  for (const file of ["host.css", "host-globals.js"]) await copyFile(join(host, file), join(dir, file));
  return startSite(dir);
}

// notyf, the same bursts in the same browser.

async function notyfSite() {
  const dir = await mkdtemp(join(os.tmpdir(), "bench-notyf-"));
  await copyFile(join(NOTYF, "notyf.min.js"), join(dir, "notyf.min.js"));
  await copyFile(join(NOTYF, "notyf.min.css"), join(dir, "notyf.min.css"));
  await writeFile(join(dir, "index.html"), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/notyf.min.css"><script src="/notyf.min.js"></script></head>
<body><script>window.notyf = new Notyf({ duration: 5000 });</script></body></html>`);
  return startSite(dir);
}

async function notyfBursts(browser, url) {
  const runs = { perCallUs: [], settleMs: [], longestTaskMs: [], popups: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [kind, call] of [["error", 'notyf.error("burst " + i)'], ["success", 'notyf.success("message " + i)']]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => Boolean(window.notyf));
      const result = await burst(page, {
        count: BURST,
        call,
        settled: `return document.querySelectorAll(".notyf__toast").length === ${BURST};`,
      });
      if (kind === "error") {
        runs.perCallUs.push(result.perCallUs);
        runs.settleMs.push(result.settleMs);
        runs.longestTaskMs.push(result.longestTaskMs);
      } else {
        runs.popups.push(measured("notyf toasts in the DOM", result.mostPopups));
      }
      await context.close();
    }
  }
  return summaries("notyf bursts", runs);
}

// ---------------------------------------------------------------------------------------------

function machine(browserVersion) {
  const cpus = os.cpus();
  return {
    cpu: `${cpus[0]?.model ?? "unknown"} × ${cpus.length}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browserVersion,
    date: new Date().toISOString(),
  };
}

const fmt = (v, digits = 1) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));
const ratio = (ours, theirs) => `${(ours / theirs).toPrecision(2)}×`;
const stat = (s, unit, digits) => `${fmt(s.median, digits)} ${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;

async function main() {
  const started = Date.now();
  const site = await startSite();
  const notyf = await notyfSite();
  const sonner = await sonnerSite();
  const browser = await launch({ args: ["--enable-precise-memory-info"] });
  try {
    const size = await transferSize();
    console.error("measuring start-up…");
    const startupMs = await repeat("start-up", () => startup(browser, site.url));
    console.error("measuring the first pop-up (main site, embed, sonner + React on a blank page and on the host page)…");
    // Interleaved (one of each per round), and three times as many rounds as the other figures:
    // these move by tens of milliseconds from one page load to the next.
    const first = { main: [], embed: [], sonner: [], sonnerHost: [] };
    for (let i = 0; i < RUNS * 3; i++) {
      first.main.push(await firstPopup(browser, site.url, OUR_FIRST));
      first.embed.push(await firstPopup(browser, `${site.url}/embed/example.html`, OUR_FIRST));
      first.sonner.push(await firstPopup(browser, sonner.url, SONNER_FIRST));
      first.sonnerHost.push(await firstPopup(browser, `${sonner.url}/host.html`, SONNER_FIRST));
    }
    const { main: firstMain, embed: firstEmbed, sonner: firstSonner, sonnerHost: firstSonnerHost } = summaries("first pop-up", first);
    console.error("measuring bursts…");
    const ours = await oursBursts(browser, site.url);
    console.error("measuring the same bursts with notyf…");
    const theirs = await notyfBursts(browser, notyf.url);
    console.error("measuring a 100,000-entry center…");
    const center = await bigCenter(browser, site.url);

    const rows = [
      ["transfer size (gzip -9 total, main site)", `${fmt(size.total / 1024)} KB`, "<= 260 KB", size.total / 1024 <= 260, "—"],
      ["start-up to API ready, cold cache", stat(startupMs, "ms"), "<= 250 ms", startupMs.median <= 250, "—"],
      ["first pop-up on screen (add_error at DOMContentLoaded), main site", stat(firstMain, "ms"), `<= sonner (${fmt(firstSonner.median)} ms)`,
        firstMain.median <= firstSonner.median, ratio(firstMain.median, firstSonner.median) + " of sonner"],
      ["  the same, embed host page", stat(firstEmbed, "ms"), `<= sonner (${fmt(firstSonner.median)} ms)`,
        firstEmbed.median <= firstSonner.median, ratio(firstEmbed.median, firstSonner.median) + " of sonner"],
      ["  the same, embed host page, beside sonner on that page", stat(firstEmbed, "ms"), `<= sonner there (${fmt(firstSonnerHost.median)} ms)`,
        firstEmbed.median <= firstSonnerHost.median, ratio(firstEmbed.median, firstSonnerHost.median) + " of sonner"],
      ["10,000 add_error: time per call", stat(ours.perCallUs, "µs", 2), "<= 10 µs", ours.perCallUs.median <= 10,
        ratio(ours.perCallUs.median, theirs.perCallUs.median)],
      ["  end of loop to settled", stat(ours.settleMs, "ms"), "<= 100 ms", ours.settleMs.median <= 100,
        ratio(ours.settleMs.median, theirs.settleMs.median)],
      ["  longest task after the loop", stat(ours.longestTaskMs, "ms"), "<= 50 ms", ours.longestTaskMs.median <= 50,
        ratio(ours.longestTaskMs.median, theirs.longestTaskMs.median)],
      ["10,000 show_message: pop-ups in the DOM", stat(ours.showMessagePopups, ""), "<= 6", ours.showMessagePopups.max <= 6,
        ratio(ours.showMessagePopups.median, theirs.popups.median)],
      ["100,000 entries: opening the panel", stat(center.openMs, "ms"), "<= 100 ms", center.openMs.median <= 100, "—"],
      ["  scroll frame time (main-thread work per frame), p95", stat(center.frameWorkP95Ms, "ms"), "<= 16.7 ms",
        center.frameWorkP95Ms.median <= 16.7, "—"],
      ["  scroll frame interval, p95 (the same page idle: " + fmt(center.idleFrameP95Ms.median) + " ms)",
        stat(center.frameP95Ms, "ms"), "—", null, "—"],
      ["  frames over 25 ms while scrolling", stat(center.droppedFrames, ""), "—", null, "—"],
      ["  rows in the DOM", stat(center.rows, ""), "<= 100", center.rows.max <= 100, "—"],
      ["  memory (wasm + JS heap)", stat(center.memoryMb, "MB"), "<= 120 MB", center.memoryMb.median <= 120, "—"],
    ];
    const m = machine(browser.version());
    console.log(`amocrm-notify benchmarks — ${m.date.slice(0, 10)}, ${m.cpu}, ${m.memoryGb} GiB, ${m.os}, Chromium ${m.chromium}, node ${m.node}`);
    console.log(`median of ${RUNS} runs (min–max); "vs notyf" is our median divided by notyf's in the same browser\n`);
    console.log("| figure | measured | target | met | vs notyf |");
    console.log("|---|---|---|---|---|");
    for (const [name, value, target, met, ratio] of rows) console.log(`| ${name} | ${value} | ${target} | ${met === null ? "—" : met ? "yes" : "**no**"} | ${ratio} |`);
    console.log(`\nnotyf, same bursts: ${stat(theirs.perCallUs, "µs", 2)} per call, settled in ${stat(theirs.settleMs, "ms")}, ` +
      `longest task ${stat(theirs.longestTaskMs, "ms")}, ${stat(theirs.popups, "toasts")} in the DOM`);
    console.log(`sonner + React, first toast: ${stat(firstSonner, "ms")} on a blank page, ${stat(firstSonnerHost, "ms")} on the embed's host page`);
    console.log(`size per file: ${size.files.map((f) => `${f.file} ${f.gzip}`).join(", ")}`);
    console.log(`filling the center: ${stat(center.fillUsPerCall, "µs", 2)} per add_error`);
    await mkdir(dirname(OUT), { recursive: true });
    await writeFile(OUT, JSON.stringify({ machine: m, runs: RUNS, size, startupMs, ours, notyf: theirs, center,
      firstPopup: { main: firstMain, embed: firstEmbed, sonner: firstSonner, sonnerHost: firstSonnerHost },
      targets: rows.map(([name, value, target, met]) => ({ name: name.trim(), value, target, met })) }, null, 2));
    console.log(`\nfigures written to ${OUT}; took ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await browser.close();
    await site.stop();
    await notyf.stop();
    await sonner.stop();
  }
}

await main();
