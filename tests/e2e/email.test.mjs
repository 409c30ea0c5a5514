// Email that speaks the person's language (issue 24, part 2): the real account server (its email
// kept for /dev/mail, the development mail page) behind the site's own origin, and browsers in
// Russian and English that never touch a language setting.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { startAccountServer, startSite, launch, appReady, screenshot } from "./harness.mjs";

const ENDPOINT = "/api/v1/notifications";

describe("email in the person's language", () => {
  test("a person who uses the app in Russian gets Russian email, from the first sign-in, without touching anything", async (t) => {
    const server = await startAccountServer({ args: ["--dev-mail"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    const browser = await launch();
    t.after(() => browser.close());
    for (const [person, locale, timezoneId, zoneAbbreviation, subject, button] of [
      ["olga", "ru-RU", "Europe/Moscow", "MSK", "[acme] Ошибка: Контакт не найден!", "Открыть в CRM"],
      ["emma", "en-US", "America/New_York", "EST", "[acme] Error: Контакт не найден!", "Open in the CRM"],
    ]) {
      server.cli("user", "acme", person, "--email", `${person}@acme.example`);
      const token = server.token(person);
      // Email on, as an administrator might have set it: the body names no language.
      const put = await fetch(`${server.url}/v1/preferences`, {
        method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ email: { errors: true, calls: true }, push: { errors: false, calls: false }, digest_minutes: 0 }),
      });
      assert.equal(put.status, 200);
      assert.equal((await put.json()).language, undefined, "no language chosen yet");

      // The person's first sign-in, in a browser set to their language.
      const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      await page.goto(site.url);
      await appReady(page);
      await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
      // The app loads the preferences on sign-in; the server takes the interface's language from it.
      // And its device's time zone, for the dates in the emails.
      const stored = async () => (await (await fetch(`${server.url}/v1/preferences`, { headers: { authorization: `Bearer ${token}`, "accept-language": "*" } })).json());
      for (let i = 0; (await stored()).language === undefined; i++) {
        assert.ok(i < 100, "the app's sign-in reaches the server within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal((await stored()).language, locale.slice(0, 2));
      assert.equal((await stored()).time_zone, timezoneId);

      const before = Date.now();
      const id = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "", text: "Контакт не найден!", link: "/contacts/list/?term=1" }));
      const after = Date.now();
      // The README's form: "5 декабря 2026, 13:42 MSK", in the person's language and zone.
      const told = (ms) => {
        const day = new Intl.DateTimeFormat(locale === "ru-RU" ? "ru-RU" : "en-GB", { timeZone: timezoneId, day: "numeric", month: "long", year: "numeric" })
          .format(ms).replace(/ г\.$/, "");
        const time = new Intl.DateTimeFormat("en-GB", { timeZone: timezoneId, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
        return `${day}, ${time} ${zoneAbbreviation}`;
      };
      const mail = await context.newPage();
      // The email is kept: wait for it on the development mail page.
      for (let i = 0; ; i++) {
        await mail.goto(`${server.url}/dev/mail`);
        if (await mail.locator(`article:has-text("${person}@acme.example")`).count()) break;
        assert.ok(i < 50, `the email about ${id} arrives`);
        await mail.waitForTimeout(200);
      }
      const article = mail.locator(`article:has-text("${person}@acme.example")`);
      assert.equal(await article.locator(".subject").innerText(), subject);
      const body = await article.frameLocator("iframe").locator("body").innerText();
      assert.match(body, new RegExp(button));
      assert.ok([told(before), told(after)].some((when) => body.includes(when)), `${told(before)} in the email:\n${body}`);
      if (locale === "ru-RU") await screenshot(mail, "email-russian-dev-mail");
      await context.close();
    }
  });
});

describe("email only what the person has not read", () => {
  test("read within the wait: no email, and the entry says why; left unread: one email after the wait", async (t) => {
    // A "minute" of the preferences is a second here (--digest-minute-secs 1).
    const server = await startAccountServer({ args: ["--dev-mail", "--digest-minute-secs", "1"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    const browser = await launch();
    t.after(() => browser.close());
    server.cli("user", "acme", "ivy", "--email", "ivy@acme.example");
    const token = server.token("ivy");
    const context = await browser.newContext({ locale: "en-US", timezoneId: "Asia/Tokyo", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/settings`);
    await appReady(page);
    await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
    await page.click('[data-channel="email"] input[data-kind="errors"]');
    await page.locator('[data-field="unread"]').selectOption("5");
    const stored = async () => (await (await fetch(`${server.url}/v1/preferences`, { headers: { authorization: `Bearer ${token}`, "accept-language": "*" } })).json());
    for (let i = 0; (await stored()).email_unread_minutes !== 5; i++) {
      assert.ok(i < 100, "the choice reaches the server");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await stored()).email.errors, true);
    assert.equal((await stored()).time_zone, "Asia/Tokyo", "changed on this device: its zone");
    // Changed on another device, in Paris: this one shows it, and offers its own.
    const paris = { ...(await stored()), time_zone: "Europe/Paris" };
    await fetch(`${server.url}/v1/preferences`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(paris) });
    const zoneLine = page.locator('[data-field="time-zone"]');
    await zoneLine.locator("text=Europe/Paris").waitFor({ timeout: 10000 });
    await screenshot(page, "settings-only-unread");
    await zoneLine.locator('[data-action="device-zone"]').click();
    for (let i = 0; (await stored()).time_zone !== "Asia/Tokyo"; i++) {
      assert.ok(i < 100, "this device's zone reaches the server");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await zoneLine.locator("text=Asia/Tokyo").waitFor({ timeout: 10000 });
    assert.equal(await zoneLine.locator('[data-action="device-zone"]').count(), 0, "no offer once it is this device's");

    const [seen, unseen] = await page.evaluate(() => [
      AMOCRM.notifications.add_error({ header: "Read at once", text: "seen in the app" }),
      AMOCRM.notifications.add_error({ header: "Left unread", text: "not looked at" }),
    ]);
    await page.click(".an-bell");
    await page.locator(`.notification__item[data-id="${seen}"] .an-entry`).click();
    // Opening an entry without a link reads it; the panel may close or stay: it is open after this.
    if ((await page.locator(".an-bell").getAttribute("aria-expanded")) !== "true") await page.click(".an-bell");
    const sentText = (id) => page.locator(`.notification__item[data-id="${id}"] .an-entry__sent`);
    await page.waitForFunction((id) => document.querySelector(`.notification__item[data-id="${id}"] .an-entry__sent`)?.textContent === "read in the app, not emailed", seen, { timeout: 10000 });
    // The unread one is emailed once its five "minutes" are over: that status is the marker.
    await page.waitForFunction((id) => /^emailed \d\d:\d\d$/.test(document.querySelector(`.notification__item[data-id="${id}"] .an-entry__sent`)?.textContent ?? ""), unseen, { timeout: 15000 });
    assert.equal(await sentText(seen).innerText(), "read in the app, not emailed");
    await screenshot(page, "center-read-not-emailed");
    const mail = await context.newPage();
    await mail.goto(`${server.url}/dev/mail`);
    assert.equal(await mail.locator("article").count(), 1, "one email: the unread one");
    assert.match(await mail.locator("article .subject").innerText(), /Left unread/);
    await context.close();
  });
});
