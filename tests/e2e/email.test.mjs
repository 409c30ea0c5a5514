// Email that speaks the person's language (issue 24, part 2): the real account server mailing through
// a real SMTP server (aiosmtpd, the sink of the server's own tests) behind the site's own origin, and
// browsers in Russian and English that never touch a language setting.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { startAccountServer, startSite, startSmtpSink, launch, appReady, screenshot } from "./harness.mjs";

const ENDPOINT = "/api/v1/notifications";

// The instant every email of these tests tells, pinned (a widget may give `date`): 15 January 2026,
// 10:42 UTC. Winter in New York (EST) whatever the day the tests run; never the live clock.
const PINNED = 1768473720; // seconds

describe("email in the person's language", () => {
  test("a person who uses the app in Russian gets Russian email through SMTP, from the first sign-in, without touching anything", async (t) => {
    const sink = await startSmtpSink();
    t.after(() => sink.stop());
    const server = await startAccountServer({ args: ["--smtp-url", sink.url, "--mail-from", "CRM <notify@acme.example>"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    const browser = await launch();
    t.after(() => browser.close());
    // The README's form of a date in an email, in each person's language and zone.
    for (const [person, locale, timezoneId, when, subject, button, open] of [
      ["olga", "ru-RU", "Europe/Moscow", "15 января 2026, 13:42 MSK", "[acme] Ошибка: Контакт не найден!", "Открыть в CRM", "Открыть"],
      ["emma", "en-US", "America/New_York", "15 January 2026, 05:42 EST", "[acme] Error: Контакт не найден!", "Open in the CRM", "Open"],
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

      const id = await page.evaluate((date) => AMOCRM.notifications.add_error({ header: "", text: "Контакт не найден!", link: "/contacts/list/?term=1", date }), PINNED);
      // The email goes through SMTP to the sink: wait for the one to this person.
      let mail;
      for (let i = 0; !(mail = (await sink.messages()).find((m) => m.to === `${person}@acme.example`)); i++) {
        assert.ok(i < 100, `the email about ${id} reaches the SMTP server within 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(mail.subject, subject);
      assert.ok(mail.html.includes(`>${button}</a>`), `the HTML part has the button "${button}":\n${mail.html}`);
      assert.ok(mail.text.includes(`${open}: http://127.0.0.1/contacts/list/?term=1`), `the text part has the link:\n${mail.text}`);
      for (const [part, body] of [["text", mail.text], ["html", mail.html]]) {
        assert.ok(body.includes(when), `the ${part} part says "${when}":\n${body}`);
      }
      await context.close();
    }
  });
});

describe("email only what the person has not read", () => {
  test("read within the wait: no email, and the entry says why; left unread: one email after the wait", async (t) => {
    // A "minute" of the preferences is a second here (--digest-minute-secs 1).
    const sink = await startSmtpSink();
    t.after(() => sink.stop());
    const server = await startAccountServer({ args: ["--smtp-url", sink.url, "--mail-from", "CRM <notify@acme.example>", "--digest-minute-secs", "1"] });
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
    // The server marks an entry emailed once the SMTP server has taken the message: by now the
    // sink holds every email sent.
    const mails = await sink.messages();
    assert.deepEqual(mails.map((m) => m.to), ["ivy@acme.example"], "one email: the unread one");
    assert.match(mails[0].subject, /Left unread/);
    assert.ok(!mails[0].text.includes("seen in the app"), "the read one is not in it");
    await context.close();
  });
});
