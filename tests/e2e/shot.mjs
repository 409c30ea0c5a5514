// Takes a screenshot of a page of the built site: `node shot.mjs <out.png> [path] [script]`.
// The optional script runs in the page after the app has started (to open pop-ups, say).
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

const [out, path = "/", script = ""] = process.argv.slice(2);
const server = await startServer(new URL("../../dist", import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
page.on("console", (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on("pageerror", (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
await page.waitForFunction(() => window.AMOCRM?.notifications?.__amocrmNotify?.call, null, { timeout: 8000 }).catch((e) => console.log("not ready", e.message));
if (script) await page.evaluate(script);
await page.waitForTimeout(600);
await page.screenshot({ path: out });
await browser.close();
server.close();
