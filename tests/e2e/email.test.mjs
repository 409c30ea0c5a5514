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
    for (const [person, locale, subject, button] of [
      ["olga", "ru-RU", "[acme] Ошибка: Контакт не найден!", "Открыть в CRM"],
      ["emma", "en-US", "[acme] Error: Контакт не найден!", "Open in the CRM"],
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
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      await page.goto(site.url);
      await appReady(page);
      await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
      // The app loads the preferences on sign-in; the server takes the interface's language from it.
      const stored = async () => (await (await fetch(`${server.url}/v1/preferences`, { headers: { authorization: `Bearer ${token}`, "accept-language": "*" } })).json()).language;
      for (let i = 0; (await stored()) === undefined; i++) {
        assert.ok(i < 100, "the app's sign-in reaches the server within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(await stored(), locale.slice(0, 2));

      const id = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "", text: "Контакт не найден!", link: "/contacts/list/?term=1" }));
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
      if (locale === "ru-RU") await screenshot(mail, "email-russian-dev-mail");
      await context.close();
    }
  });
});
