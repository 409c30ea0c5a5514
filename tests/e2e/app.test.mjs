// End-to-end tests of the release build: the reference's examples and the field notes' shapes
// called from page JavaScript, what appears, where clicks go, and screenshots for the README.
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiLogs, appReady, openPage, popups, screenshot, siteAndBrowser } from "./harness.mjs";

const EXAMPLES = {
  show_message: `AMOCRM.notifications.show_message({ header: "Warning", text: "Connection established", date: +19534084500, icon: "https://www.example.com/images/telephone.png" })`,
  show_message_error: `AMOCRM.notifications.show_message_error({ header: "Warning", text: "Connection to the server is lost" })`,
  show_notification_call: `AMOCRM.notifications.show_notification({ text: { header: "Outgoing call", text: "Dialing the number +19872345678" }, type: "call" })`,
  show_notification_error: `AMOCRM.notifications.show_notification({ text: { header: "Error", text: "Error working with the widget" }, type: "error" })`,
  add_error: `AMOCRM.notifications.add_error({ header: "Error", text: "Failed to set the task! Contact not found!", date: +19534085310, link: "/contacts/list/?term=4951234567" })`,
  add_call: `AMOCRM.notifications.add_call({ text: "Call from +1 (415) 523-7743", date: +19534084500, from: "Jeremy Watts", to: "Jason Nash", element: { id: 18221265, type: "contact" }, duration: 250, link: 'https://example.com/dialog.mp3' })`,
};

const bellLabel = (page) => page.locator(".an-bell").getAttribute("aria-label");

const env = siteAndBrowser();

describe("the console call of the README", () => {
  test("show_message shows an information pop-up", async () => {
    const page = await openPage(env.browser, env.site.url);
    const id = await page.evaluate(() => AMOCRM.notifications.show_message({ header: "Warning", text: "Connection established" }));
    assert.match(id, /^[a-z0-9]+-\d+$/);
    const popup = page.locator(`[data-id="${id}"]`);
    await popup.waitFor();
    assert.equal(await popup.getAttribute("role"), "status");
    assert.match(await popup.innerText(), /Warning[\s\S]*Connection established/);
    assert.deepEqual(apiLogs(page), []);
    await page.close();
  });
});

describe("every reference example", () => {
  test("shows what the reference describes, with the right role, and counts add_* as unread", async () => {
    const page = await openPage(env.browser, env.site.url);
    const expectations = [
      ["show_message", "status", "Connection established"],
      ["show_message_error", "alert", "Connection to the server is lost"],
      ["show_notification_call", "alert", "Dialing the number +19872345678"],
      ["show_notification_error", "alert", "Error working with the widget"],
      ["add_error", "alert", "Failed to set the task! Contact not found!"],
    ];
    for (const [name, role, text] of expectations) {
      const id = await page.evaluate(EXAMPLES[name]);
      assert.equal(typeof id, "string", name);
      const popup = page.locator(`[data-id="${id}"]`);
      await popup.waitFor();
      assert.equal(await popup.getAttribute("role"), role, name);
      assert.ok((await popup.innerText()).includes(text), name);
      if (name === "show_message") {
        // The reference's icon cannot load here (no network): the robot stands in.
        const icon = popup.locator(".an-popup__icon img");
        // Once the stand-in has loaded (or failed: a broken image is complete too, with no width).
        await page.waitForFunction((id) => {
          const img = document.querySelector(`[data-id="${id}"] .an-popup__icon img`);
          return img?.src.endsWith("/assets/robot.svg") && img.complete;
        }, id);
        assert.equal(await icon.evaluate((img) => img.naturalWidth > 0), true, "the robot shows");
      }
    }
    assert.equal(await bellLabel(page), "Notifications, 1 unread");
    // The sixth, a call, is on screen at once; older ones wait behind the hint when the screen is
    // full (at most five, fewer when they do not fit).
    const callId = await page.evaluate(EXAMPLES.add_call);
    await page.locator(`[data-id="${callId}"]`).waitFor();
    await page.locator(".an-popups__more").waitFor();
    const shown = await popups(page).count();
    assert.ok(shown <= 5);
    assert.equal(await page.locator(".an-popups__more").innerText(), `+${6 - shown} more`);
    assert.equal(await bellLabel(page), "Notifications, 2 unread");
    // Escape closes the newest, the call; the newest waiting one comes back.
    await page.keyboard.press("Escape");
    await page.locator(`[data-id="${callId}"]`).waitFor({ state: "detached" });
    await page.waitForTimeout(300); // the room is measured again after the render
    const after = await popups(page).count();
    assert.ok(after >= shown - 1 && after <= 5, `${after} on screen`);
    const more = await page.evaluate(() => document.querySelector(".an-popups__more")?.textContent ?? null);
    assert.equal(more, after < 5 ? `+${5 - after} more` : null);
    await page.close();
  });

  test("add_call shows who called, who answered, the contact, 4:10 and a player that loads nothing", async () => {
    const page = await openPage(env.browser, env.site.url);
    const requests = [];
    page.on("request", (request) => requests.push(request.url()));
    const id = await page.evaluate(EXAMPLES.add_call);
    const card = page.locator(`[data-id="${id}"]`);
    await card.waitFor();
    const text = await card.innerText();
    for (const expected of ["Incoming call", "Call from +1 (415) 523-7743", "Jeremy Watts", "Jason Nash", "#18221265", "4:10", "Play recording"]) {
      assert.ok(text.includes(expected), `${expected} in ${text}`);
    }
    assert.equal(await card.locator("audio").count(), 0);
    assert.ok(!requests.some((url) => url.includes("dialog.mp3")), "the recording is not fetched before play");
    await screenshot(page, "call-card");
    await page.close();
  });
});

describe("clicks follow links inside the app", () => {
  test("a call card opens its entity page without reloading", async () => {
    const page = await openPage(env.browser, env.site.url);
    await page.evaluate(() => { window.__sameDocument = true; });
    const id = await page.evaluate(EXAMPLES.add_call);
    await page.locator(`[data-id="${id}"] .an-popup__text`).click();
    await page.waitForURL(`${env.site.url}/contacts/detail/18221265`);
    assert.equal(await page.locator("h1").innerText(), "Contact #18221265");
    assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload");
    assert.equal(await popups(page).count(), 0, "the clicked pop-up closed");
    assert.equal(await bellLabel(page), "Notifications", "and its entry is read");
    // The entity page lists the call.
    assert.equal(await page.locator(`.notification__item[data-id="${id}"]`).count(), 1);
    await page.close();
  });

  test("add_error's link opens the contact search; the center entry marks read", async () => {
    const page = await openPage(env.browser, env.site.url);
    const id = await page.evaluate(EXAMPLES.add_error);
    await page.locator(".an-bell").click();
    const entry = page.locator(`.notification__item[data-id="${id}"]`);
    await entry.waitFor();
    assert.equal(await entry.getAttribute("data-read"), "false");
    await entry.locator("a").click();
    await page.waitForURL(`${env.site.url}/contacts/list/?term=4951234567`);
    assert.equal(await page.locator("[data-search-term]").innerText(), "4951234567");
    assert.equal(await bellLabel(page), "Notifications");
    await page.close();
  });

  test("an unknown path shows the not-found page", async () => {
    const page = await openPage(env.browser, `${env.site.url}/deals/nowhere`);
    assert.equal(await page.locator("h1").innerText(), "Page not found");
    await page.close();
  });
});

describe("field-notes shapes", () => {
  test("APP.notifications, markup, empty header, timeout, Date, callbacks, extra call fields", async () => {
    const page = await openPage(env.browser, env.site.url);
    const result = await page.evaluate(async () => {
      const calls = [];
      let settled;
      const always = new Promise((resolve) => (settled = resolve));
      const ids = {
        app: APP.notifications.add_error({ text: "via APP" }, { done: (n) => calls.push(["done", n.id]), always: () => { calls.push(["always"]); settled(); } }),
        markup: AMOCRM.notifications.show_message({ header: '<b class="x">Deal won</b>', text: "<p>Lead <a href='/leads/detail/7310'>Annual plan</a></p>" }),
        empty: AMOCRM.notifications.show_message({ header: "", text: "no header", timeout: 3000 }),
        date: AMOCRM.notifications.add_error({ text: "dated", date: new Date(Date.now() - 5 * 60000) }),
        call: AMOCRM.notifications.add_call({ header: "Sales line", text: "Maria", element: { id: 5123, type: "contact", name: "Maria Lopez" }, click_link: "/leads/detail/7310", duration: 65 }),
      };
      // The callbacks settle after the next render: wait for `always` itself (10 s at most).
      await Promise.race([always, new Promise((r) => setTimeout(r, 10000))]);
      return { ids, calls, same: APP.notifications === AMOCRM.notifications };
    });
    assert.equal(result.same, true);
    assert.deepEqual(result.calls, [["done", result.ids.app], ["always"]]);
    await page.locator(`[data-id="${result.ids.markup}"] .an-popup__header b`).waitFor();
    assert.equal(await page.locator(`[data-id="${result.ids.markup}"] .an-popup__text a`).getAttribute("href"), "/leads/detail/7310");
    assert.equal(await page.locator(`[data-id="${result.ids.markup}"] [class]`).evaluateAll((els) => els.some((e) => e.className === "x")), false);
    assert.equal(await page.locator(`[data-id="${result.ids.date}"] time`).innerText(), "5 min ago");
    const call = await page.locator(`[data-id="${result.ids.call}"]`).innerText();
    assert.ok(call.includes("Sales line") && call.includes("Maria Lopez") && call.includes("1:05"), call);
    // The 3 s pop-up goes by itself; errors and calls stay.
    await page.locator(`[data-id="${result.ids.empty}"]`).waitFor({ state: "detached", timeout: 6000 });
    assert.equal(await page.locator(`[data-id="${result.ids.call}"]`).count(), 1);
    await page.locator(`[data-id="${result.ids.call}"]`).click({ position: { x: 200, y: 20 } });
    await page.waitForURL(`${env.site.url}/leads/detail/7310`);
    assert.deepEqual(apiLogs(page), []);
    await page.close();
  });

  test("an inline script calling the API right after the page loads works", async () => {
    const page = await openPage(env.browser, null);
    // The site's policy blocks inline scripts it has no hash for; a host adds its own script's hash.
    const code = `window.__inlineId = AMOCRM.notifications.add_error({ text: "from an inline script" });`;
    const hash = `'sha256-${createHash("sha256").update(code).digest("base64")}'`;
    await page.route(`${env.site.url}/`, async (route) => {
      const response = await route.fetch();
      const allow = (policy) => policy.replace("script-src 'self'", `script-src 'self' ${hash}`);
      const html = (await response.text())
        .replace(/(http-equiv="Content-Security-Policy" content=")([^"]*)/, (_, tag, policy) => tag + allow(policy))
        .replace("</body>", `<script>${code}</script></body>`);
      const headers = { ...response.headers(), "content-security-policy": allow(response.headers()["content-security-policy"]) };
      await route.fulfill({ response, body: html, headers });
    });
    await page.goto(env.site.url);
    await appReady(page);
    const id = await page.evaluate(() => window.__inlineId);
    assert.equal(typeof id, "string");
    await page.locator(`[data-id="${id}"]`, { hasText: "from an inline script" }).waitFor();
    assert.equal(await bellLabel(page), "Notifications, 1 unread");
    await page.close();
  });
});

describe("theming", () => {
  test("dark follows the system, data-theme overrides it, and a host's custom property changes the colour", async () => {
    const page = await openPage(env.browser, env.site.url, { colorScheme: "dark" });
    await page.evaluate(() => {
      const n = AMOCRM.notifications;
      n.add_call({ text: "Call from +1 (415) 523-7743", from: "Jeremy Watts", to: "Jason Nash", element: { id: 18221265, type: "contact" }, duration: 250 });
      n.add_error({ header: "Error", text: "Failed to set the task! Contact not found!", link: "/contacts/list/?term=1" });
      n.show_message({ header: "Warning", text: "Connection <b>established</b>", type: "success" });
      n.show_message({ header: "Info", text: "An information message" });
    });
    await popups(page).nth(3).waitFor();
    await page.click(".an-bell");
    await page.locator("#an-notification-panel .notification__item").nth(1).waitFor();
    const colours = () => page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      panel: document.querySelector("#an-notification-panel") && getComputedStyle(document.querySelector("#an-notification-panel")).backgroundColor,
    }));
    assert.deepEqual(await colours(), { page: "rgb(18, 25, 38)", panel: "rgb(27, 35, 51)" }, "dark, as the system is");
    await screenshot(page, "theme-dark");
    // The open center is above the pop-ups: the topmost element at its bottom-left corner is its own.
    const onTop = await page.evaluate(() => {
      const panel = document.querySelector("#an-notification-panel");
      const box = panel.getBoundingClientRect();
      return panel.contains(document.elementFromPoint(box.right - 20, box.bottom - 10));
    });
    assert.ok(onTop, "the center panel is not covered by pop-ups");
    await page.keyboard.press("Escape");

    await page.evaluate(() => { document.documentElement.dataset.theme = "light"; });
    assert.equal((await colours()).page, "rgb(238, 241, 246)", "data-theme=\"light\" wins over the system");

    await page.evaluate(() => document.documentElement.style.setProperty("--an-error", "rgb(128, 0, 128)"));
    const id = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "in the host's colour" }));
    const border = await page.locator(`#amocrm-notify-popups [data-id="${id}"]`).evaluate((el) => getComputedStyle(el).borderLeftColor);
    assert.equal(border, "rgb(128, 0, 128)");
    await page.close();
  });
});

describe("the theme the person chooses", () => {
  test("Settings › Appearance: dark on a light system, kept from the first paint after a reload, and back to the system's", async () => {
    const page = await openPage(env.browser, env.site.url, { colorScheme: "light" });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await background(), "rgb(238, 241, 246)", "light, as the system is");
    await page.click('a[href="/settings"]');
    const choice = page.locator('select[data-field="theme"]');
    assert.equal(await choice.inputValue(), "system");
    await choice.selectOption("dark");
    assert.equal(await background(), "rgb(18, 25, 38)", "dark once chosen");
    await screenshot(page, "settings-theme-dark");
    // Before any script of the app runs, the page is already dark: no light flash.
    await page.reload({ waitUntil: "commit" });
    await page.waitForSelector("body");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await page.locator('select[data-field="theme"]').waitFor();
    assert.equal(await page.locator('select[data-field="theme"]').inputValue(), "dark");
    await page.locator('select[data-field="theme"]').selectOption("system");
    assert.equal(await background(), "rgb(238, 241, 246)", "the system's again");
    assert.equal(await page.evaluate(() => localStorage.getItem("amocrm-notify:theme")), null);
    await page.close();
  });
});

describe("the navigate event", () => {
  test("a host that cancels amocrm-notify:navigate stays on its page; otherwise the link is followed", async () => {
    const page = await openPage(env.browser, env.site.url);
    await page.evaluate(() => {
      window.__navigations = [];
      window.__cancel = (event) => { window.__navigations.push(event.detail); event.preventDefault(); };
      addEventListener("amocrm-notify:navigate", window.__cancel);
    });
    const first = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "cancelled", link: "/leads/detail/7310" }));
    await page.click(`[data-id="${first}"]`);
    await page.waitForFunction(() => window.__navigations.length === 1);
    assert.deepEqual(await page.evaluate(() => window.__navigations), [{ url: "/leads/detail/7310", external: false }]);
    assert.equal(new URL(page.url()).pathname, "/", "the host kept its page");
    // A center entry linking to another site asks too, and opens nothing when cancelled.
    const external = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "elsewhere", link: "https://example.com/x" }));
    await page.click(".an-bell");
    await page.click(`#an-notification-panel [data-id="${external}"] a`);
    await page.waitForFunction(() => window.__navigations.length === 2);
    assert.deepEqual((await page.evaluate(() => window.__navigations))[1], { url: "https://example.com/x", external: true });
    assert.equal(page.context().pages().length, 1, "no tab was opened");
    await page.keyboard.press("Escape");

    await page.evaluate(() => {
      removeEventListener("amocrm-notify:navigate", window.__cancel);
      addEventListener("amocrm-notify:navigate", (event) => window.__navigations.push(event.detail));
    });
    const second = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "followed", link: "/leads/detail/7310" }));
    await page.click(`[data-id="${second}"]`);
    await page.waitForURL(`${env.site.url}/leads/detail/7310`);
    assert.equal((await page.evaluate(() => window.__navigations)).length, 3);
    assert.deepEqual(apiLogs(page), []);
    await page.close();
  });
});

describe("invalid calls", () => {
  test("return false, log one clear error each, and change nothing", async () => {
    const page = await openPage(env.browser, env.site.url);
    await page.evaluate(EXAMPLES.add_error);
    await popups(page).first().waitFor();
    const before = { popups: await popups(page).count(), label: await bellLabel(page) };
    const cases = [
      // Refused only when there is nothing to show, or a value cannot be read.
      [`AMOCRM.notifications.show_message({ header: " ", text: "" })`, `AMOCRM.notifications.show_message: "text" must not be empty`],
      [`AMOCRM.notifications.show_message_error({})`, `AMOCRM.notifications.show_message_error: "text" is required`],
      [`AMOCRM.notifications.show_notification({ text: { header: "", text: [] }, type: "call" })`, `AMOCRM.notifications.show_notification: "text.text" must be a string or a number, got an array`],
      [`AMOCRM.notifications.add_error({ header: "", text: null })`, `AMOCRM.notifications.add_error: "text" is required`],
      [`AMOCRM.notifications.add_call({ text: "" })`, `AMOCRM.notifications.add_call: "text" must not be empty`],
      [`AMOCRM.notifications.add_call(42)`, `AMOCRM.notifications.add_call: expects an object of parameters, got a number`],
      [`AMOCRM.notifications.add_error({ get text() { throw new Error("boom"); } })`, `AMOCRM.notifications.add_error: "text" could not be read: boom`],
    ];
    for (const [call, message] of cases) {
      page.logs.length = 0;
      assert.equal(await page.evaluate(call), false, call);
      assert.deepEqual(apiLogs(page), [`error: ${message}`], call);
    }
    // A valid call after them is the marker: once its pop-up is on screen, every refused call
    // before it has had its turn, and none of them added anything.
    const marker = await page.evaluate(() => AMOCRM.notifications.show_message_error({ header: "Marker", text: "after the refused calls" }));
    await page.locator(`#amocrm-notify-popups [data-id="${marker}"]`).waitFor();
    assert.deepEqual({ popups: await popups(page).count(), label: await bellLabel(page) }, { ...before, popups: before.popups + 1 });
    await page.close();
  });
});

describe("accessibility and layering", () => {
  test("the region exists before the app starts; keyboard reaches the center", async () => {
    const page = await openPage(env.browser, null);
    await page.route(/\.wasm$/, (route) => route.abort());
    await page.goto(env.site.url);
    assert.equal(await page.locator("section#amocrm-notify-popups[aria-label=Notifications]").count(), 1);
    assert.equal(await page.locator("#amocrm-notify-popups").innerHTML(), "");
    // The loader records calls even though the app cannot start.
    assert.equal(typeof (await page.evaluate(() => AMOCRM.notifications.add_error({ text: "queued" }))), "string");
    await page.close();

    const live = await openPage(env.browser, env.site.url);
    await live.evaluate(EXAMPLES.add_error);
    await live.locator(".an-bell").focus();
    await live.keyboard.press("Enter");
    await live.locator("#an-notification-panel").waitFor();
    // Mark all as read, the settings link, the filter tabs (one stop: the arrows move between
    // them), then the newest entry.
    const stops = [];
    for (let i = 0; i < 4; i++) {
      await live.keyboard.press("Tab");
      stops.push(await live.evaluate(() => document.activeElement.textContent.trim().slice(0, 40) || document.activeElement.className));
    }
    assert.deepEqual(stops.slice(0, 3), ["Mark all as read", "Notification settings", "All1"]);
    assert.equal(await live.evaluate(() => document.activeElement.closest(".notification__item") !== null), true, stops[3]);
    await live.keyboard.press("Shift+Tab");
    await live.keyboard.press("ArrowRight");
    assert.equal(await live.evaluate(() => document.activeElement.dataset.filter), "Unread");
    assert.equal(await live.locator(".an-tab[aria-selected=true]").getAttribute("data-filter"), "Unread");
    await live.keyboard.press("Escape");
    await live.locator("#an-notification-panel").waitFor({ state: "detached" });
    assert.equal(await live.evaluate(() => document.activeElement.classList.contains("an-bell")), true);
    await live.close();
  });

  test("pop-ups stay above a host's modal backdrop and never cover the bell", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 1280, height: 720 } });
    await page.evaluate(() => {
      const backdrop = document.createElement("div");
      backdrop.style.cssText = "position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:999999";
      document.body.appendChild(backdrop);
    });
    await page.evaluate(() => { for (let i = 0; i < 5; i++) AMOCRM.notifications.add_call({ text: "Call " + i, from: "A", to: "B", element: { id: i + 1, type: "lead" }, duration: 30, link: "/r.mp3" }); });
    await page.locator(".an-popups__more").waitFor();
    const bell = await page.locator(".an-bell").boundingBox();
    // What shows of each pop-up: its box clipped to the stack's region.
    const shown = await popups(page).evaluateAll((els) => {
      const region = document.getElementById("amocrm-notify-popups").getBoundingClientRect();
      return els.map((e) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: Math.max(r.top, region.top), bottom: Math.min(r.bottom, region.bottom) };
      });
    });
    for (const box of shown) {
      const overlaps = box.top < box.bottom && box.left < bell.x + bell.width && box.right > bell.x && box.top < bell.y + bell.height && box.bottom > bell.y;
      assert.equal(overlaps, false, `a pop-up covers the bell: ${JSON.stringify(box)}`);
    }
    // The bell is still what a click at its centre reaches.
    const reached = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest(".an-bell") !== null, { x: bell.x + bell.width / 2, y: bell.y + bell.height / 2 });
    assert.equal(reached, false, "the test's backdrop covers the bell; it is the pop-ups that must not");
    const topmost = await page.evaluate(() => {
      const popup = document.querySelector("#amocrm-notify-popups [data-id]:last-child");
      const r = popup.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + 10)?.closest("[data-id]") === popup;
    });
    assert.equal(topmost, true, "the pop-up is above the backdrop");
    await page.close();
  });

  test("motion stops under prefers-reduced-motion", async () => {
    const page = await openPage(env.browser, env.site.url, { reducedMotion: "reduce" });
    const id = await page.evaluate(() => AMOCRM.notifications.show_message({ header: "h", text: "still" }));
    const popup = page.locator(`[data-id="${id}"]`);
    await popup.waitFor();
    assert.equal(await popup.evaluate((e) => getComputedStyle(e).animationName), "none");
    await page.close();
  });
});

describe("the dashboard", () => {
  test("its buttons fire the reference's payloads and the playground reports ids and errors", async () => {
    const page = await openPage(env.browser, env.site.url);
    for (const label of ["Information message", "Error message", "Outgoing call pop-up", "Error pop-up", "Error in the center"]) {
      await page.getByRole("button", { name: label }).click();
    }
    await popups(page).nth(4).waitFor();
    await page.locator("[data-kind=info]").waitFor();
    await screenshot(page, "dashboard-popups");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Call", exact: true }).click();
    assert.match(await page.locator("output").innerText(), /^returned "[a-z0-9]+-\d+"$/);
    await page.locator("#pg-params").fill(`{ "header": "", "text": "  " }`);
    await page.getByRole("button", { name: "Call", exact: true }).click();
    assert.equal(await page.locator("output").innerText(), `returned false · AMOCRM.notifications.show_message: "text" must not be empty`);
    await page.locator("#pg-params").fill(`{ nope`);
    await page.getByRole("button", { name: "Call", exact: true }).click();
    assert.match(await page.locator("output").innerText(), /^not valid JSON/);
    await page.close();
  });
});

describe("the center with a history", () => {
  test("lists calls and errors newest first, read and unread, with fresh relative times", async () => {
    // At 15:00 (UTC, the browser's zone here): relative times today, the time of day under "Yesterday".
    const page = await openPage(env.browser, null);
    await page.clock.install({ time: new Date("2026-11-30T15:00:00Z") });
    await page.goto(env.site.url);
    await appReady(page);
    const ids = await page.evaluate(() => {
      const minutes = (m) => new Date(Date.now() - m * 60000);
      const n = AMOCRM.notifications;
      return [
        n.add_error({ header: "Webhook failed", text: "The endpoint answered 502 Bad Gateway", date: minutes(26 * 60), link: "/companies/detail/4410" }),
        n.add_call({ text: "Missed call", from: "+1 (212) 555-0142", to: "ext. 204", element: { id: 5123, type: "contact", name: "Maria Lopez" }, date: minutes(95) }),
        n.add_error({ header: "Task not set", text: "Failed to set the task! <b>Contact not found!</b>", date: minutes(12), link: "/contacts/list/?term=4951234567" }),
        n.add_call({ text: "Call from +1 (415) 523-7743", from: "Jeremy Watts", to: "Jason Nash", element: { id: 18221265, type: "contact" }, duration: 250, link: "https://example.com/dialog.mp3", date: minutes(2) }),
      ];
    });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.locator(".an-bell").click();
    const items = page.locator(".notification__item");
    await items.nth(3).waitFor();
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.id)), [...ids].reverse());
    assert.deepEqual(await items.locator("time").allInnerTexts(), ["2 min ago", "12 min ago", "1 h ago", "13:00"]);
    assert.equal(await bellLabel(page), "Notifications, 4 unread");
    assert.equal(await page.locator(".an-bell__badge").innerText(), "4");
    await page.locator(".notification__item").nth(2).evaluate((item) => item.querySelector("a").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true })));
    assert.equal(await items.nth(2).getAttribute("data-read"), "true");
    assert.equal(await bellLabel(page), "Notifications, 3 unread");
    await screenshot(page, "center-open");
    await page.close();
  });
});

describe("a phone-sized screen", () => {
  test("nothing scrolls sideways and the open center fits the screen", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 390, height: 800 } });
    await page.evaluate(EXAMPLES.add_call);
    await page.locator(".an-bell").click();
    const panel = await page.locator("#an-notification-panel").boundingBox();
    assert.ok(panel.x >= 0 && panel.x + panel.width <= 390, `the panel fits: ${JSON.stringify(panel)}`);
    const popup = await popups(page).first().boundingBox();
    assert.ok(popup.x >= 0 && popup.x + popup.width <= 390, `the pop-up fits: ${JSON.stringify(popup)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    await page.close();
  });
});
