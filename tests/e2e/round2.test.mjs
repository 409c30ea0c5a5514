// What a demanding user hits, round 2 (issue 26), item by item; each test failed on the build
// before its fix.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, startAccountServer, startSite, appReady, screenshot } from "./harness.mjs";

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

describe("the center's rows", () => {
  test("item 4: where a call went (\"emailed 00:42\") is readable on call rows, at every size, in both languages", async (t) => {
    const server = await startAccountServer({ args: ["--dev-mail"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    server.cli("user", "acme", "lev", "--email", "lev@acme.example");
    const token = server.token("lev");
    const preferences = await fetch(`${server.url}/v1/preferences`, {
      method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: { errors: true, calls: true }, push: { errors: false, calls: false }, digest_minutes: 0, language: "en" }),
    });
    assert.equal(preferences.status, 200);
    for (const [lang, viewport] of [["en", { width: 1366, height: 768 }], ["ru", { width: 390, height: 844 }], ["en", { width: 683, height: 384, deviceScaleFactor: 2 }]]) {
      const context = await env.browser.newContext({ viewport, deviceScaleFactor: viewport.deviceScaleFactor ?? 1 });
      await context.addInitScript((lang) => localStorage.setItem("amocrm-notify:language", lang), lang);
      const page = await context.newPage();
      await page.goto(site.url);
      await appReady(page);
      await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), token);
      const id = await page.evaluate(() => AMOCRM.notifications.add_call({
        text: "Call from +1 (415) 523-7743", from: "Konstantin Konstantinopolsky-Vasilyev", to: "Jason Nash",
        element: { id: 18221265, type: "contact", name: "Konstantin Konstantinopolsky-Vasilyev" }, duration: 250,
      }));
      await page.click(".an-bell");
      const sent = `.notification__item[data-id="${id}"] .an-entry__sent`;
      await page.waitForFunction((sent) => /\d\d:\d\d/.test(document.querySelector(sent)?.textContent ?? ""), sent, { timeout: 10000 });
      const box = await page.evaluate((sent) => {
        const el = document.querySelector(sent);
        // The meta line clips what does not fit: the status must be whole inside it.
        const line = el.closest(".an-entry__meta").getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return { text: el.textContent, cut: el.scrollWidth > el.clientWidth, inside: r.left >= line.left && r.right <= line.right + 0.5 && r.width > 0 };
      }, sent);
      assert.match(box.text, lang === "ru" ? /^отправлено письмом \d\d:\d\d$/ : /^emailed \d\d:\d\d$/);
      assert.equal(box.cut, false, `${lang} ${viewport.width}: "${box.text}" is cut off`);
      assert.equal(box.inside, true, `${lang} ${viewport.width}: inside its row`);
      await screenshot(page, `call-row-status-${lang}-${viewport.width}`);
      await context.close();
    }
  });
});
