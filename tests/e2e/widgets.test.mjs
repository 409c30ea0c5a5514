// Real widgets work unchanged (issue 14): the shapes public amoCRM/Kommo widgets send, a page built like
// the vendor's widget template (AMOCRM.addNotificationCallback at start-up), a method the object does
// not have, the object kept in a variable, and a payload replayed through JSON in another tab.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, openPage, popups, appReady } from "./harness.mjs";

const env = siteAndBrowser();

// [what the widget sends, the text that must show, the fields its warnings name]
const SHAPES = [
  ["show_message({ text })", `n.show_message({ text: "Settings saved" })`, "Settings saved", ['"header" is missing']],
  ["show_message_error({ text })", `n.show_message_error({ text: "Could not reach the PBX" })`, "Could not reach the PBX", ['"header" is missing']],
  ["show_notification flat, no type", `n.show_notification({ header: "Sync", text: "Contacts imported", date: Math.floor(Date.now() / 1000) })`,
    "Contacts imported", ['"text" should be an object', '"type" is missing']],
  ["add_call with text as an object", `n.add_call({ text: { header: "Incoming call", text: "From +7 495 123-45-67" }, from: "+7 495 123-45-67" })`,
    "From +7 495 123-45-67", ['"text" is an object']],
  ["show_message with text as an object", `n.show_message({ text: { header: "Heads up", text: "New lead assigned" } })`, "New lead assigned", ['"text" is an object']],
  ["a string for the parameters", `n.show_message("Saved", "success")`, "Saved", ["expects an object of parameters, got two strings; read as { text, type }", '"header" is missing']],
  ["an empty text with a header", `n.add_error({ header: "Webhook failed", text: "" })`, "Webhook failed", ['"text" must not be empty; the header shows alone']],
  ["element id 0 (the vendor's telephony docs)", `n.add_call({ text: "Call from 8 800 555-35-35", element: { id: 0, type: "contact" } })`,
    "Call from 8 800 555-35-35", ['"element.id" must be a positive integer, got 0']],
  ["element type in capitals", `n.add_call({ text: "Call about the lead", element: { id: 9, type: "Lead" } })`, "Call about the lead", []],
  ["without_header on show_message_error", `n.show_message_error({ header: "Hidden", text: "Shown without its header", without_header: true })`,
    "Shown without its header", []],
  ["button_text with link", `n.show_message({ header: "Lead 9", text: "Was updated", link: "/leads/detail/9", button_text: "Open the lead" })`, "Was updated", []],
  ["link_class and id", `n.show_message({ header: "h", text: "With extras", link_class: "btn", id: 17 })`, "With extras",
    ['unknown key "link_class"', 'unknown key "id"']],
  ["keys present with the value undefined", `n.add_error({ header: undefined, text: "Undefined header", link: undefined, date: undefined })`,
    "Undefined header", []],
];

describe("shapes real widgets send", () => {
  test("every notice with something to show appears, with its warnings in the console and the inspector", async () => {
    const page = await openPage(env.browser, `${env.site.url}/?inspector`, { viewport: { width: 1360, height: 2400 } });
    for (const [name, call, shows, warned] of SHAPES) {
      page.logs.length = 0;
      const result = await page.evaluate((call) => {
        const n = AMOCRM.notifications;
        try {
          return { id: eval(call) };
        } catch (error) {
          return { threw: String(error) };
        }
      }, call);
      assert.equal(typeof result.id, "string", `${name}: ${JSON.stringify(result)}`);
      const popup = page.locator("#amocrm-notify-popups [data-id]").filter({ hasText: shows });
      await popup.first().waitFor({ timeout: 2000 }).catch(() => assert.fail(`${name}: no pop-up shows "${shows}"`));
      const warnings = page.logs.filter((l) => l.startsWith("warning:"));
      assert.equal(warnings.length, warned.length, `${name}: ${JSON.stringify(page.logs)}`);
      for (const [i, expected] of warned.entries()) assert.ok(warnings[i].includes(expected), `${name}: ${warnings[i]} names ${expected}`);
      assert.deepEqual(page.logs.filter((l) => !l.startsWith("warning:")), [], name);
      // The inspector's newest call carries the same warnings.
      const shown = await page.locator(".an-inspector li").first().locator(".ai-warning").allInnerTexts();
      assert.deepEqual(shown, warnings.map((w) => w.replace(/^warning: /, "")), `${name}: the inspector`);
      // Clear the stack for the next shape (looked up, not waited for).
      await page.evaluate(() => {
        const region = document.querySelector("#amocrm-notify-popups");
        region.querySelector(".an-popups__dismiss")?.click();
        region.querySelector(".an-popup__close")?.click();
      });
    }
    await page.context().close();
  });

  test("the button of button_text follows the link; without_header hides the header", async () => {
    const page = await openPage(env.browser, env.site.url);
    await page.evaluate(() => {
      AMOCRM.notifications.show_message_error({ header: "Hidden header", text: "Body", without_header: true });
      AMOCRM.notifications.show_message({ header: "Lead 9", text: "Was updated", link: "/leads/detail/9", button_text: "Open the lead" });
    });
    assert.equal(await popups(page).filter({ hasText: "Hidden header" }).count(), 0);
    await page.getByRole("link", { name: "Open the lead" }).click();
    await page.waitForURL(/\/leads\/detail\/9$/);
    await page.context().close();
  });

  test("nothing dangerous renders, nothing throws into the caller; nothing to show is refused", async () => {
    const page = await openPage(env.browser, env.site.url);
    const results = await page.evaluate(() => {
      const n = AMOCRM.notifications;
      const out = [];
      const attempt = (f) => { try { out.push(f()); } catch (e) { out.push(`threw ${e}`); } };
      attempt(() => n.show_message({ text: { header: "<img src=x onerror=alert(1)>", text: "<script>alert(2)</script>ok" } }));
      attempt(() => n.show_notification({ header: "x", text: "<a href='javascript:alert(3)'>link</a>" }));
      attempt(() => n.show_message({ text: "t", button_text: "Run", link: "javascript:alert(4)" }));
      attempt(() => n.show_message({ header: " ", text: "" }));
      attempt(() => n.add_error({}));
      attempt(() => n.show_message(42));
      return out;
    });
    assert.equal(typeof results[0], "string");
    assert.equal(typeof results[1], "string");
    assert.equal(typeof results[2], "string", "the script link is left out; the notice shows");
    assert.deepEqual(results.slice(3), [false, false, false], "nothing to show");
    const html = await page.locator("#amocrm-notify-popups").innerHTML();
    assert.doesNotMatch(html, /<script|onerror|javascript:/i);
    const images = await page.locator("#amocrm-notify-popups img").evaluateAll((imgs) => [...new Set(imgs.map((i) => i.getAttribute("src")))]);
    assert.deepEqual(images, ["/assets/robot.svg"], "only our own icons");
    assert.equal(await page.locator(".an-popup__button").count(), 0, "no button without a safe link");
    assert.deepEqual(page.logs.filter((l) => l.startsWith("pageerror")), []);
    await page.context().close();
  });
});

describe("the object as widgets use it", () => {
  test("a method it does not have returns false with one error naming the nearest real one", async () => {
    const page = await openPage(env.browser, env.site.url);
    const result = await page.evaluate(() => {
      const failed = [];
      const answer = AMOCRM.notifications.add_alert({ text: "x" }, { fail: (e) => failed.push(e.method) });
      const camel = APP.notifications.showMessage({ header: "h", text: "t" });
      return new Promise((resolve) => setTimeout(() => resolve({ answer, camel, failed,
        then: typeof AMOCRM.notifications.then, json: JSON.stringify({ n: 1 }) }), 0));
    });
    assert.deepEqual(result, { answer: false, camel: false, failed: ["add_alert"], then: "undefined", json: '{"n":1}' });
    assert.deepEqual(page.logs, [
      'error: AMOCRM.notifications.add_alert is not a method; did you mean "add_error"? The call was not made.',
      'error: AMOCRM.notifications.showMessage is not a method; did you mean "show_message"? The call was not made.',
    ]);
    await page.context().close();
  });

  test("kept in a variable before start-up, and a payload replayed through JSON in another tab, it works", async () => {
    const page = await openPage(env.browser, null);
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        window.kept = APP.notifications;
        window.earlyId = window.kept.add_error({ header: "Early", text: "called through a variable", date: new Date() });
      });
    });
    await page.goto(env.site.url);
    await appReady(page);
    const later = await page.evaluate(() => window.kept.add_error({ header: "Later", text: "the same variable" }));
    assert.equal(typeof later, "string");
    assert.equal(await page.locator(".an-bell").getAttribute("aria-label"), "Notifications, 2 unread");
    // The widget serialises a payload (a Date becomes an ISO string) and replays it in another tab.
    const json = await page.evaluate(() => JSON.stringify({ header: "Replayed", text: "from JSON", date: new Date("2026-11-30T10:00:00Z"),
      element: { id: "18221265", type: "contact" }, from: "+7 495 123-45-67" }));
    const other = await page.context().newPage();
    await other.goto(env.site.url);
    await appReady(other);
    const id = await other.evaluate((json) => AMOCRM.notifications.add_call(JSON.parse(json)), json);
    assert.equal(typeof id, "string");
    assert.match(await popups(other).filter({ hasText: "from JSON" }).innerText(), /#18221265/);
    await page.context().close();
  });
});

describe("the vendor's widget template", () => {
  test("addNotificationCallback, before and after start-up: the callback runs when its notification is opened", async () => {
    const page = await openPage(env.browser, null);
    await page.addInitScript(() => {
      window.opened = [];
      // As the template's init does, at once (the app has not started yet).
      document.addEventListener("DOMContentLoaded", () => {
        window.beforeStart = AMOCRM.notifications.__amocrmNotify.call === null;
        window.registered = [AMOCRM.addNotificationCallback("acme_telephony", (data) => opened.push(["acme", data.widget_code, data.header]))];
      });
    });
    await page.goto(env.site.url);
    await appReady(page);
    const setup = await page.evaluate(() => {
      registered.push(APP.addNotificationCallback("crm_sync", (data) => opened.push(["sync", data.widget_code, data.text])));
      registered.push(AMOCRM.addNotificationCallback("", () => {}), AMOCRM.addNotificationCallback("x", "nope"));
      AMOCRM.notifications.add_error({ header: "Missed call", text: "from Ivan", widget_code: "acme_telephony" });
      AMOCRM.notifications.add_error({ header: "Sync", text: "12 contacts imported", widget_code: "crm_sync" });
      AMOCRM.notifications.add_error({ header: "Other", text: "no widget" });
      return { beforeStart, registered };
    });
    assert.deepEqual(setup, { beforeStart: true, registered: [true, true, false, false] });
    // Opened from the center, and from a pop-up.
    await page.click(".an-bell");
    await page.locator('#an-notification-panel .an-entry:has-text("Missed call")').click();
    await page.locator('#an-notification-panel .an-entry:has-text("Other")').click();
    await page.keyboard.press("Escape");
    await popups(page).filter({ hasText: "12 contacts imported" }).click();
    assert.deepEqual(await page.evaluate(() => opened), [
      ["acme", "acme_telephony", "Missed call"],
      ["sync", "crm_sync", "12 contacts imported"],
    ]);
    assert.deepEqual(page.logs, [
      'error: AMOCRM.addNotificationCallback: "widget_code" must be a widget code (letters, digits, "_" and "-"), got a string, ""',
      'error: AMOCRM.addNotificationCallback: "callback" must be a function, got a string, "nope"',
    ]);
    await page.context().close();
  });
});
