import os from "node:os";
import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, startSite } from "../e2e/harness.mjs";
const ROOT = new URL("../../", import.meta.url).pathname;
const measured = (n, v) => { if (!(v > 0)) throw new Error(n); return v; };
// The first pop-up: a widget calls the API at DOMContentLoaded on a fresh page (cold cache); the time
// from navigation start until its pop-up is in a frame, for the main site, the embed's example host
// page, and sonner + React (a popular React toast library) showing its first toast the same way.

// In the page, before anything else: at DOMContentLoaded the widget's call runs (ours, or sonner's
// toast); each animation frame looks for `selector` (in the document, or in the embed's shadow root)
// and marks "first-popup" in the frame where it is first there to be painted. (Functions, not code
// strings: the site's CSP allows no eval.)
const FIRST_POPUP_IN_PAGE = ({ library, selector }) => {
  document.addEventListener("DOMContentLoaded", () => {
    if (library === "sonner") window.toast.error("Sync failed", { description: "The first notification" });
    else window.AMOCRM.notifications.add_error({ header: "Sync failed", text: "The first notification" });
  });
  const find = () => document.querySelector(selector) ??
    document.querySelector("#notify-bell")?.shadowRoot?.querySelector(selector);
  const tick = () => {
    if (find()) performance.mark("first-popup");
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

async function firstPopup(browser, url, what) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A new context starts with an empty cache (no routing: it would delay every request).
  await page.addInitScript(FIRST_POPUP_IN_PAGE, what);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("first-popup").length > 0, null, { timeout: 10_000 })
    .catch(() => { throw new Error(`first pop-up: none appeared on ${url}`); });
  const at = await page.evaluate(() => performance.getEntriesByName("first-popup")[0].startTime);
  await context.close();
  return measured(`first pop-up on ${url}`, at);
}

const OUR_FIRST = { library: "ours", selector: "#amocrm-notify-popups [data-id]" };
const SONNER_FIRST = { library: "sonner", selector: "[data-sonner-toast]" };

/** A page with sonner's <Toaster /> rendered by React 19, bundled by esbuild (minified, production). */
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
  await writeFile(join(dir, "index.html"), `<!doctype html><html><head><meta charset="utf-8">
<script src="/app.js" defer></script></head><body><div id="root"></div></body></html>`);
  return startSite(dir);
}


const site = await startSite(); const sonner = await sonnerSite(); const browser = await launch();
for (let i = 0; i < 5; i++) console.log(await firstPopup(browser, site.url, OUR_FIRST), await firstPopup(browser, `${site.url}/embed/example.html`, OUR_FIRST), await firstPopup(browser, sonner.url, SONNER_FIRST));
await browser.close(); await site.stop(); await sonner.stop();
