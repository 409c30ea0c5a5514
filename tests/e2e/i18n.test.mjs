// Interface language (issue 4): English and Russian, from the page's `lang`, else the browser's
// languages; relative times and day headings in that language.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, appReady, screenshot } from "./harness.mjs";

const env = siteAndBrowser();

/** A page of the site whose <html lang> is `lang` (null: no lang attribute), in a browser set to `locale`. */
async function pageWith({ lang, locale }) {
  const context = await env.browser.newContext({ locale, viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => { if (["warning", "error"].includes(m.type()) && !m.text().includes("integrity")) page.logs.push(m.text()); });
  await page.route((url) => new URL(url).pathname === "/", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("<html>", lang ? `<html lang="${lang}">` : "<html>");
    await route.fulfill({ response, body: html });
  });
  // 15:00 UTC (the browser's zone here): relative times today, the time of day under past days.
  await page.clock.install({ time: new Date("2026-11-30T15:00:00Z") });
  await page.goto(env.site.url);
  await appReady(page);
  return { page, close: () => context.close() };
}

const bell = (page) => page.locator(".an-bell").getAttribute("aria-label");

describe("language", () => {
  test("a Russian page gets Russian strings, plurals, relative times and day headings", async () => {
    const { page, close } = await pageWith({ lang: "ru", locale: "en-US" });
    await page.evaluate(() => {
      const n = AMOCRM.notifications, now = Date.now();
      n.add_error({ header: "Ошибка синхронизации", text: "Склад ответил <b>503</b>", date: Math.floor((now - 5 * 60_000) / 1000) });
      n.add_call({ text: "Пропущенный звонок", from: "+7 495 123-45-67", to: "Иван", duration: 75,
        element: { id: 18, type: "contact", name: "Пётр" }, date: Math.floor((now - 26 * 3600_000) / 1000) });
      n.add_error({ text: "Давно", date: Math.floor((now - 3 * 86400_000) / 1000) });
    });
    assert.equal(await bell(page), "Уведомления, 3 непрочитанных");
    const closeLabels = await page.locator("#amocrm-notify-popups .an-popup__close").evaluateAll((b) => b.map((x) => x.getAttribute("aria-label")));
    assert.deepEqual([...new Set(closeLabels)], ["Закрыть уведомление"]);
    assert.match(await page.locator("#amocrm-notify-popups").innerText(), /От\s+\+7 495 123-45-67[\s\S]*Контакт\s+Пётр[\s\S]*Длительность\s+1:15/);
    await page.click(".an-bell");
    const panel = page.locator("#an-notification-panel");
    assert.match(await panel.locator(".an-panel__head").innerText(), /Уведомления\s*3 новых\s+Прочитать все/);
    assert.deepEqual(await panel.locator(".an-tab").allInnerTexts().then((t) => t.map((x) => x.replace(/\s+/g, " "))),
      ["Все 3", "Новые 3", "Ошибки 2", "Звонки 1"]);
    const rows = await panel.locator(".an-list__space > li").evaluateAll((items) => items
      .sort((a, b) => a.offsetTop - b.offsetTop).map((li) => li.innerText.replace(/\s+/g, " ").trim()));
    assert.equal(rows[0].toLowerCase(), "сегодня"); // headings are upper-cased by CSS
    assert.match(rows[1], /Ошибка синхронизации Склад ответил 503 5 мин назад/);
    assert.equal(rows[2].toLowerCase(), "вчера");
    assert.match(rows[3], /Пропущенный звонок 13:00 \+7 495 123-45-67 → Иван · Контакт: Пётр · 1:15/);
    assert.match(rows[5], /Давно 15:00/);
    // The pop-ups say how long ago, in calendar days, with Russian plurals.
    assert.deepEqual(await page.locator("#amocrm-notify-popups time").allInnerTexts(), ["5 мин назад", "вчера", "3 дня назад"]);
    assert.match(await panel.locator(".an-panel__foot").innerText(), /3 из 3\s+Удалить прочитанные/);
    await screenshot(page, "russian");
    assert.deepEqual(page.logs, []);
    await close();
  });

  test("without a page lang the browser's language decides; a page lang wins over it", async () => {
    for (const [lang, locale, expected] of [
      [null, "ru-RU", "Уведомления"],
      [null, "de-DE", "Notifications"],
      ["en", "ru-RU", "Notifications"],
      ["ru-RU", "en-US", "Уведомления"],
    ]) {
      const { page, close } = await pageWith({ lang, locale });
      assert.equal(await bell(page), expected, `lang ${lang}, browser ${locale}`);
      await close();
    }
  });
});
