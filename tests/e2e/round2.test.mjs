// What a demanding user hits, round 2 (issue 26), item by item; each test failed on the build
// before its fix.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, appReady } from "./harness.mjs";

const env = siteAndBrowser();

describe("the demo in the person's language", () => {
  test("item 9: a Russian browser gets a Russian page at first paint; an English one an English page", async () => {
    for (const [locale, lang, bell] of [["ru-RU", "ru", "Уведомления"], ["en-US", "en", "Notifications"], ["de-DE", "en", "Notifications"]]) {
      const context = await env.browser.newContext({ locale });
      const page = await context.newPage();
      // Read before any of the app's scripts run: the first paint's language.
      await page.addInitScript(() => {
        document.addEventListener("DOMContentLoaded", () => { window.langAtLoad = document.documentElement.lang; });
      });
      await page.goto(env.site.url);
      await appReady(page);
      assert.equal(await page.evaluate(() => window.langAtLoad), lang, locale);
      await page.locator(".an-bell").waitFor();
      assert.equal(await page.locator(".an-bell").getAttribute("aria-label"), bell, locale);
      await context.close();
    }
  });

  test("item 9: the person's choice wins over the browser's", async () => {
    const context = await env.browser.newContext({ locale: "ru-RU" });
    await context.addInitScript(() => localStorage.setItem("amocrm-notify:language", "en"));
    const page = await context.newPage();
    await page.goto(env.site.url);
    await appReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await context.close();
  });
});

describe("navigation", () => {
  test("item 6: browser Back closes the open center instead of leaving it over the previous page", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(env.site.url);
    await appReady(page);
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Back", text: "Open me", link: "/contacts/detail/7" }));
    // Go to another page inside the app (the sidebar's link), then open the center there.
    await page.getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL((url) => url.pathname !== "/");
    await page.click(".an-bell");
    await page.locator("#an-notification-panel").waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator("#an-notification-panel").waitFor({ state: "detached", timeout: 2000 });
    await context.close();
  });
});
