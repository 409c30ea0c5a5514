// The developer inspector (issue 4): every API call with its payload, the id or the validation
// error, and the callbacks made, newest first, copyable as JSON. On the release build it is off
// unless the page asks for it (`?inspector`).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, appReady, screenshot } from "./harness.mjs";

const env = siteAndBrowser();

describe("the inspector", () => {
  test("is off on the release build unless asked for", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.site.url);
    await appReady(page);
    await page.evaluate(() => AMOCRM.notifications.show_message({ header: "h", text: "t" }));
    assert.equal(await page.locator(".an-inspector").count(), 0);
    await context.close();
  });

  test("shows valid and invalid calls with their results and callbacks, newest first, and copies JSON", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.url });
    const page = await context.newPage();
    // A call made before the app has started is in it too.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        window.__early = AMOCRM.notifications.show_message({ header: "Early", text: "before start-up" });
      });
    });
    await page.goto(`${env.site.url}/?inspector`);
    await appReady(page);
    const inspector = page.locator(".an-inspector");
    await inspector.waitFor();
    const ids = await page.evaluate(async () => {
      const n = AMOCRM.notifications;
      const log = [];
      const callbacks = { done: () => log.push("done"), fail: () => log.push("fail"), always: () => log.push("always") };
      const ok = n.add_error({ header: "Sync failed", text: "warehouse 503", link: "/leads/detail/7" }, callbacks);
      const bad = APP.notifications.add_call({ text: "" }, callbacks);
      const odd = n.show_message({ text: "x", date: NaN, header: () => 1 });
      await new Promise((r) => setTimeout(r, 50));
      return { ok, bad, odd, log };
    });
    assert.equal(ids.bad, false);
    const rows = inspector.locator("li");
    await page.waitForFunction(() => document.querySelectorAll(".an-inspector li").length === 4);
    const summary = await rows.evaluateAll((items) => items.map((li) => ({
      method: li.dataset.method,
      result: li.querySelector("[data-result]").textContent,
      error: li.querySelector(".ai-error")?.textContent ?? null,
      callbacks: li.querySelector(".ai-callbacks").textContent,
      payload: JSON.parse(li.querySelector("pre").textContent),
    })));
    assert.deepEqual(summary.map((s) => s.method), ["show_message", "add_call", "add_error", "show_message"], "newest first");
    assert.deepEqual(summary[0].payload, { text: "x", date: "NaN", header: "[a function]" });
    assert.equal(summary[0].result === "false", ids.odd === false, "the row shows what the call returned");
    assert.equal(summary[0].result, String(ids.odd));
    assert.deepEqual(summary[1], {
      method: "add_call", result: "false",
      error: 'AMOCRM.notifications.add_call: "text" must not be empty',
      callbacks: "callbacks: fail → always", payload: { text: "" },
    });
    assert.equal(summary[2].result, ids.ok);
    assert.equal(summary[2].callbacks, "callbacks: done → always");
    assert.deepEqual(summary[2].payload, { header: "Sync failed", text: "warehouse 503", link: "/leads/detail/7" });
    assert.equal(summary[3].result, await page.evaluate(() => window.__early));
    assert.equal(summary[3].callbacks, "callbacks: none");

    // Copy as JSON: the call, as the inspector holds it.
    await rows.nth(1).locator("button", { hasText: "Copy JSON" }).click();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.deepEqual(
      { method: copied.method, outcome: copied.outcome, callbacks: copied.callbacks, payload: copied.payload },
      { method: "add_call", outcome: { result: "error", value: 'AMOCRM.notifications.add_call: "text" must not be empty' },
        callbacks: ["fail", "always"], payload: { text: "" } },
    );
    await inspector.locator("button", { hasText: "Copy all as JSON" }).click();
    const all = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.equal(all.length, 4);
    await screenshot(page, "inspector");
    await inspector.locator("button", { hasText: "Clear" }).click();
    assert.equal(await rows.count(), 0);
    await context.close();
  });
});
