// What a demanding user hits (issue 16), at real sizes: a laptop (1366×768), a phone (390×844) and
// 200% zoom (a 1366×768 screen at zoom 2 is a 683×384 CSS viewport at device scale 2). Each test
// here failed on the build before the issue was fixed.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, openPage, popups, screenshot, appReady } from "./harness.mjs";

const env = siteAndBrowser();

const LAPTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const ZOOM_200 = { viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 };

/** The reference's add_call, with its number changed. */
const addCalls = (page, count, extra = {}) => page.evaluate(({ count, extra }) => {
  for (let i = 0; i < count; i++) {
    AMOCRM.notifications.add_call({
      text: `Call from +7 495 123-45-6${i}`, from: "Jeremy Watts", to: "Jason Nash",
      element: { id: 18221265 + i, type: "contact" }, duration: 250,
      link: "https://www.example.com/records/call.mp3", ...extra,
    });
  }
}, { count, extra });

/** Each pop-up on screen: its box, and those of its header and close button. */
const popupBoxes = (page) => popups(page).evaluateAll((els) => els.map((el) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  return { id: el.dataset.id, kind: el.dataset.kind, box: box(el), header: box(el.querySelector(".an-popup__header")), close: box(el.querySelector(".an-popup__close")) };
}));

/** Which element has focus, looking into shadow roots: never `BODY` is the point. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? `${el.tagName}.${el.className}` : "none";
});

/** The "+N more" hint's text; null when there is none (looked up, not waited for). */
const hint = (page) => page.evaluate(() => document.querySelector(".an-popups__more")?.textContent ?? null);

describe("the pop-up stack", () => {
  for (const [name, options, calls] of [["1366x768", LAPTOP, 5], ["390x844", PHONE, 5], ["zoom200", ZOOM_200, 3]]) {
    test(`at ${name}, ${calls} calls: every pop-up on screen can be read and closed; the rest wait behind the hint`, async () => {
      const page = await openPage(env.browser, env.site.url, options);
      await addCalls(page, calls);
      await page.waitForFunction(() => document.querySelectorAll("#amocrm-notify-popups [data-id]").length > 0);
      await page.waitForTimeout(300); // the room is measured after the render
      const { innerHeight, innerWidth } = await page.evaluate(() => ({ innerHeight, innerWidth }));
      const boxes = await popupBoxes(page);
      assert.ok(boxes.length >= 1);
      for (const { id, box, header, close } of boxes) {
        for (const part of [box, header, close]) {
          assert.ok(part.top >= 0 && part.bottom <= innerHeight, `${id} ${JSON.stringify(part)} in 0..${innerHeight}`);
          assert.ok(part.left >= 0 && part.right <= innerWidth, `${id} ${JSON.stringify(part)} in 0..${innerWidth}`);
        }
      }
      const waiting = calls - boxes.length;
      if (waiting > 0) assert.equal((await hint(page))?.trim(), `+${waiting} more`);
      // The newest call is the one at the bottom, on screen.
      assert.match(await popups(page).last().innerText(), new RegExp(`123-45-6${calls - 1}`));
      await screenshot(page, `popups-full-${name}`);
      // Closing the ones on screen brings the others in, each on screen in turn.
      for (let i = 0; i < calls; i++) {
        const newest = popups(page).last();
        await newest.locator(".an-popup__close").click();
      }
      assert.equal(await popups(page).count(), 0);
      await page.context().close();
    });
  }

  test("a new call is on screen at once, even behind five errors", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) AMOCRM.notifications.add_error({ header: "Sync failed", text: `Error ${i}` });
    });
    await addCalls(page, 1);
    await page.waitForTimeout(300);
    const kinds = (await popupBoxes(page)).map((p) => p.kind);
    assert.equal(kinds.at(-1), "call", kinds.join());
    await page.context().close();
  });

  test("Dismiss all clears the stack, by mouse and by keyboard; entries read or cleared in the center leave it", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) AMOCRM.notifications.add_error({ header: "Sync failed", text: `Error ${i}` });
    });
    await page.getByRole("button", { name: "Dismiss all" }).click();
    assert.equal(await popups(page).count(), 0);
    assert.equal(await hint(page), null);
    assert.equal(await page.locator(".an-bell").getAttribute("aria-label"), "Notifications, 50 unread", "the center keeps them");
    // The keyboard: the button is focusable, and focus goes to the bell after it.
    await page.evaluate(() => {
      for (let i = 0; i < 8; i++) AMOCRM.notifications.add_error({ header: "Again", text: `Error ${i}` });
    });
    await page.getByRole("button", { name: "Dismiss all" }).focus();
    await page.keyboard.press("Enter");
    assert.equal(await popups(page).count(), 0);
    assert.equal(await focused(page), "BUTTON.an-bell");
    // Read in the center: its pop-up goes too.
    await page.evaluate(() => {
      for (let i = 0; i < 7; i++) AMOCRM.notifications.add_error({ header: "Third", text: `Error ${i}` });
      AMOCRM.notifications.show_message_error({ header: "Not kept", text: "a pop-up with no entry" });
    });
    await page.click(".an-bell");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    const left = await popups(page).allInnerTexts();
    assert.equal(left.length, 1, left.join(" | "));
    assert.match(left[0], /Not kept/);
    assert.equal(await hint(page), null);
    await page.context().close();
  });
});

describe("focus and the keyboard", () => {
  test("a keyboard-only walk: close pop-ups, open the center, mark all, Escape, Tab out, follow an entry, dismiss all", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    const steps = [];
    const step = async (name) => {
      const at = await focused(page);
      steps.push(`${name}: ${at}`);
      assert.notEqual(at.split(".")[0], "BODY", `${name}: focus fell to <body> (${steps.join("; ")})`);
    };
    await page.evaluate(() => {
      AMOCRM.notifications.add_error({ header: "One", text: "first", link: "/contacts/detail/5" });
      AMOCRM.notifications.add_error({ header: "Two", text: "second" });
      AMOCRM.notifications.add_error({ header: "Three", text: "third" });
    });
    // Into the stack (as Tab would reach it), close two pop-ups with Enter on their ×.
    await popups(page).last().locator(".an-popup__close").focus();
    await page.keyboard.press("Enter");
    await step("closed the newest pop-up");
    assert.equal(await popups(page).count(), 2);
    await page.keyboard.press("Enter");
    await step("closed the next");
    await page.keyboard.press("Enter");
    await step("closed the last");
    assert.equal(await popups(page).count(), 0);
    assert.equal(await focused(page), "BUTTON.an-bell", "the last one leaves focus on the bell");
    // Open the center; mark all as read (the button disables itself).
    await page.keyboard.press("Enter");
    await step("opened the center");
    await page.evaluate(() => AMOCRM.notifications.show_message_error({ header: "Stays", text: "until closed" }));
    const markAll = page.getByRole("button", { name: "Mark all as read" });
    await markAll.focus();
    await page.keyboard.press("Enter");
    assert.equal(await markAll.isDisabled(), true);
    await step("marked all as read");
    // Escape closes the open center (the innermost thing), not the pop-up.
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#an-notification-panel").count(), 0, "the center closed");
    assert.equal(await popups(page).count(), 1, "the pop-up stayed");
    await step("Escape closed the center");
    // Tab past the panel's last control: the panel does not stay open behind the focus.
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Clear read" }).focus();
    await page.keyboard.press("Tab");
    await step("tabbed out of the panel");
    const panelOpen = await page.locator("#an-notification-panel").count();
    const inPanel = await page.evaluate(() => Boolean(document.activeElement?.closest("#an-notification-panel")));
    assert.ok(panelOpen === 0 || inPanel, "focus is inside the open panel, or the panel closed");
    // Follow an entry with the keyboard: the panel closes over the page it navigated to.
    if (!panelOpen) {
      await page.locator(".an-bell").focus();
      await page.keyboard.press("Enter");
    }
    await page.locator('#an-notification-panel .an-entry:has-text("One")').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/contacts\/detail\/5$/);
    assert.equal(await page.locator("#an-notification-panel").count(), 0);
    await step("followed an entry");
    // Dismiss all.
    await page.evaluate(() => {
      for (let i = 0; i < 4; i++) AMOCRM.notifications.add_error({ header: "Burst", text: `n${i}` });
    });
    await page.getByRole("button", { name: "Dismiss all" }).focus();
    await page.keyboard.press("Enter");
    await step("dismissed all");
    assert.equal(await popups(page).count(), 0);
    await page.context().close();
  });

  test("Escape typed in a text field is the field's: no pop-up closes", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => AMOCRM.notifications.show_message_error({ header: "Stays", text: "while I type" }));
    await page.locator(".crm-search").fill("Ivan");
    await page.keyboard.press("Escape");
    assert.equal(await popups(page).count(), 1);
    await page.locator("textarea").first().focus();
    await page.keyboard.press("Escape");
    assert.equal(await popups(page).count(), 1);
    await page.locator("h1").click();
    await page.keyboard.press("Escape");
    assert.equal(await popups(page).count(), 0, "outside a field Escape still closes it");
    await page.context().close();
  });
});

describe("the center", () => {
  test("relative times count calendar days, as the headings do; under a past day the time of day shows", async () => {
    const context = await env.browser.newContext({ ...LAPTOP, timezoneId: "Europe/Moscow" });
    const page = await context.newPage();
    // 00:30 in Moscow on 30 Nov 2026.
    await page.clock.install({ time: new Date("2026-11-30T00:30:00+03:00") });
    await page.goto(env.site.url);
    await appReady(page);
    await page.evaluate(() => {
      const at = (iso) => Math.floor(new Date(iso).getTime() / 1000);
      AMOCRM.notifications.add_error({ header: "Late last night", text: "an hour and a half ago", date: at("2026-11-29T23:00:00+03:00") });
      AMOCRM.notifications.add_error({ header: "Six and a half days", text: "seven calendar days back", date: at("2026-11-23T12:30:00+03:00") });
    });
    // Rendering is scheduled: wait for both before reading them.
    await popups(page).nth(1).locator("time").waitFor();
    const popupTimes = await popups(page).locator("time").allInnerTexts();
    assert.deepEqual(popupTimes, ["yesterday", "23 Nov 2026"]);
    await page.click(".an-bell");
    const rows = await page.locator(".an-list__space > li").evaluateAll((items) => items
      .sort((a, b) => a.offsetTop - b.offsetTop).map((li) => li.innerText.replace(/\s+/g, " ").trim()));
    assert.equal(rows[0].toLowerCase(), "yesterday");
    assert.match(rows[1], /Late last night an hour and a half ago 23:00/);
    assert.equal(rows[2].toLowerCase(), "23 nov 2026");
    assert.match(rows[3], /Six and a half days seven calendar days back 12:30/);
    await context.close();
  });

  test("following an entry closes the panel over the page it opened", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Contact changed", text: "open it", link: "/contacts/detail/5" }));
    await page.click(".an-bell");
    await page.locator('#an-notification-panel .an-entry').first().click();
    await page.waitForURL(/\/contacts\/detail\/5$/);
    assert.equal(await page.locator("#an-notification-panel").count(), 0);
    await page.context().close();
  });

  test("assistive technology meets each day heading before its entries; the heading reads with a space", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => {
      AMOCRM.notifications.add_error({ header: "Alpha", text: "first" });
      AMOCRM.notifications.add_error({ header: "Beta", text: "second" });
    });
    await page.click(".an-bell");
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    // Walk the tree in order from the root, collecting names of text and links.
    const order = [];
    const walk = (node) => {
      const name = node.name?.value ?? "";
      if (node.role?.value === "heading") order.push(`heading:${name}`);
      if (node.role?.value === "StaticText" && /^(Today|TODAY)$/.test(name)) order.push("day:Today");
      if (node.role?.value === "link" && /Alpha|Beta/.test(name)) order.push(`entry:${name.match(/Alpha|Beta/)[0]}`);
      for (const child of node.childIds ?? []) if (byId.has(child)) walk(byId.get(child));
    };
    walk(nodes[0]);
    const list = order.filter((x) => x.startsWith("day:") || x.startsWith("entry:"));
    assert.deepEqual(list, ["day:Today", "entry:Beta", "entry:Alpha"]);
    assert.ok(order.includes("heading:Notifications 2 unread"), order.join(" | "));
    await page.context().close();
  });
});

describe("call cards", () => {
  test("a 300-character element.name is bounded; the whole name is in the tooltip", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    const name = "Very long company name ".repeat(13).slice(0, 300);
    await addCalls(page, 1, { element: { id: 5, type: "company", name } });
    const card = popups(page).first();
    const { height } = await card.boundingBox();
    assert.ok(height < 300, `the card is ${height}px tall`);
    assert.equal(await card.locator("dd[title]").filter({ hasText: "Very long" }).getAttribute("title"), name);
    await page.context().close();
  });

  test("a recording that cannot be loaded says so, with a link to open it", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await addCalls(page, 1, { link: `${env.site.url}/recordings/missing.mp3` });
    await popups(page).first().getByRole("button", { name: "Play recording" }).click();
    const failed = popups(page).first().locator(".an-recording__failed");
    await failed.waitFor({ timeout: 5000 });
    assert.match(await failed.innerText(), /could not be played/);
    assert.equal(await failed.locator("a").getAttribute("href"), `${env.site.url}/recordings/missing.mp3`);
    await page.context().close();
  });

  test("element.type is read case-insensitively; an unknown one drops the link with a warning", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    const result = await page.evaluate(() => [
      AMOCRM.notifications.add_call({ text: "Call A", element: { id: 7, type: "Contact", name: "Ivan" } }),
      AMOCRM.notifications.add_call({ text: "Call B", element: { id: 8, type: "spaceship", name: "Nobody" } }),
    ]);
    assert.ok(result.every((r) => typeof r === "string"), JSON.stringify(result));
    assert.equal(await popups(page).filter({ hasText: "Call A" }).locator('dd a[href="/contacts/detail/7"]').count(), 1);
    assert.equal(await popups(page).filter({ hasText: "Call B" }).locator("dd a").count(), 0);
    assert.deepEqual(page.logs.filter((l) => l.includes("element")), [
      'warning: AMOCRM.notifications.add_call: "element.type" must be "contact", "lead" or "company", got "spaceship"; the call shows without the entity link',
    ]);
    await page.context().close();
  });
});

describe("smaller things", () => {
  test("the contact search shows its term decoded, inside its card", async () => {
    const page = await openPage(env.browser, `${env.site.url}/contacts/list/?term=%D0%98%D0%B2%D0%B0%D0%BD+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2`, PHONE);
    assert.equal(await page.locator("[data-search-term]").innerText(), "Иван Петров");
    const overflow = await page.locator("[data-search-term]").evaluate((b) => b.closest("p").scrollWidth - b.closest("p").clientWidth);
    assert.ok(overflow <= 0);
    await page.context().close();
  });

  test("Russian: a nameless entity reads «Контакт: #…», and the pop-up region is named in Russian", async () => {
    const context = await env.browser.newContext(LAPTOP);
    const page = await context.newPage();
    await page.route((url) => new URL(url).pathname === "/", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace("<html>", '<html lang="ru">') });
    });
    await page.goto(env.site.url);
    await appReady(page);
    await addCalls(page, 1);
    const text = await popups(page).first().innerText();
    assert.match(text, /Контакт\s+#18221265/);
    assert.doesNotMatch(text, /Contact/);
    assert.equal(await page.locator("#amocrm-notify-popups").getAttribute("aria-label"), "Уведомления");
    await screenshot(page, "russian-call-card");
    await context.close();
  });

  test("right-to-left text in pop-ups runs and aligns right to left", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate(() => {
      AMOCRM.notifications.show_message_error({ header: "مرحبا بالعالم — خطأ في الاتصال", text: "تم فقدان الاتصال بالخادم. Server 502 at 10:15" });
      AMOCRM.notifications.add_call({ text: "שיחה נכנסת מ-+972 3 123 4567", from: "דוד כהן", to: "Jason", element: { id: 5, type: "contact" } });
    });
    for (const selector of [".an-popup__text", ".an-popup__header"]) {
      const sides = await popups(page).first().locator(selector).evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
        return { direction: getComputedStyle(el).direction, gapRight: box.right - text.right, gapLeft: text.left - box.left };
      });
      assert.equal(sides.direction, "rtl", selector);
      assert.ok(sides.gapRight < 2 && sides.gapRight <= sides.gapLeft, `${selector} hugs the right: ${JSON.stringify(sides)}`);
    }
    await screenshot(page, "rtl-popups");
    await page.context().close();
  });

  test("at 390 px the panel's title is whole and the 99+ badge leaves the bell in sight", async () => {
    const page = await openPage(env.browser, env.site.url, PHONE);
    await page.evaluate(() => {
      for (let i = 0; i < 120; i++) AMOCRM.notifications.add_error({ header: "n", text: `e${i}` });
    });
    const overlap = await page.evaluate(() => {
      const bell = document.querySelector(".an-bell svg").getBoundingClientRect();
      const badge = document.querySelector(".an-bell__badge").getBoundingClientRect();
      const w = Math.max(0, Math.min(bell.right, badge.right) - Math.max(bell.left, badge.left));
      const h = Math.max(0, Math.min(bell.bottom, badge.bottom) - Math.max(bell.top, badge.top));
      return (w * h) / (bell.width * bell.height);
    });
    assert.ok(overlap < 0.25, `the badge covers ${Math.round(overlap * 100)}% of the bell`);
    await page.getByRole("button", { name: "Dismiss all" }).click();
    await page.click(".an-bell");
    const title = page.locator(".an-panel__title");
    const cut = await title.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(cut <= 0, `the title is cut by ${cut}px`);
    // The word "unread" stays on a phone too (issue 33, item 12), and the name is whole beside it.
    assert.match(await title.innerText(), /Notifications\s+(99\+|120)\s+unread/);
    const nameCut = await page.locator(".an-panel__name").evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(nameCut <= 0, `the name is cut by ${nameCut}px`);
    await screenshot(page, "phone-panel");
    await page.context().close();
  });

  test("an absolute link to this site routes inside the app, in the same tab", async () => {
    const page = await openPage(env.browser, env.site.url, LAPTOP);
    await page.evaluate((origin) => AMOCRM.notifications.show_message({ header: "Lead 9", text: "open it", link: `${origin}/leads/detail/9` }), env.site.url);
    await popups(page).first().click();
    await page.waitForURL(/\/leads\/detail\/9$/);
    assert.equal(page.context().pages().length, 1);
    assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1, "no reload");
    await page.context().close();
  });

  test("a page load logs nothing to the console", async () => {
    // Chromium warns about unused preloads in one check, a few seconds after the load event. The
    // marker: a preload of our own that nothing uses. Its warning comes from that same check, so
    // once it is here, any warning about the app's own preloads would be here too.
    const page = await openPage(env.browser, null, LAPTOP);
    await page.addInitScript(() => document.addEventListener("DOMContentLoaded", () => {
      const marker = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", href: "/unused-preload-marker", crossOrigin: "anonymous" });
      document.head.append(marker);
    }));
    const markerSeen = page.waitForEvent("console", { predicate: (m) => m.text().includes("unused-preload-marker"), timeout: 15000 });
    await page.goto(env.site.url);
    await appReady(page);
    await markerSeen;
    assert.deepEqual(page.logs.filter((line) => !line.includes("unused-preload-marker")), []);
    await page.context().close();
  });

  test("the inspector shows unknown keys and warns once: did you mean", async () => {
    const page = await openPage(env.browser, `${env.site.url}/?inspector`, LAPTOP);
    await page.evaluate(() => {
      AMOCRM.notifications.show_message({ hedaer: "Saved", text: "ok" , header: "" });
      AMOCRM.notifications.show_message({ hedaer: "Saved again", text: "ok", header: "" });
    });
    assert.deepEqual(page.logs, ['warning: AMOCRM.notifications.show_message: unknown key "hedaer" (did you mean "header"?); it is ignored']);
    const payload = await page.locator(".an-inspector li").first().locator("pre").innerText();
    assert.match(payload, /"hedaer": "Saved again"/);
    assert.equal(await page.locator(".an-inspector .ai-title small").innerText(), "2 calls");
    await page.context().close();
  });

  test("on a phone the demo has a menu", async () => {
    const page = await openPage(env.browser, env.site.url, PHONE);
    const menu = page.getByRole("button", { name: "Menu" });
    assert.equal(await menu.isVisible(), true);
    await menu.click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page.waitForURL(/\/contacts/);
    assert.equal(await page.getByRole("navigation", { name: "Main" }).isVisible(), false, "the menu closed");
    await screenshot(page, "phone-menu-closed");
    await page.context().close();
  });
});

describe("the embedded bell", () => {
  test("takes the host's text colour on its dark header, with and without unread entries", async () => {
    const page = await openPage(env.browser, null, LAPTOP);
    await page.goto(`${env.site.url}/embed/example.html`);
    // The bell renders in the frame after the API is ready.
    await page.waitForFunction(() => document.querySelector("#notify-bell")?.shadowRoot?.querySelector(".an-bell"));
    const colours = () => page.evaluate(() => {
      const mount = document.querySelector("#notify-bell");
      const bell = mount.shadowRoot.querySelector(".an-bell");
      return { bell: getComputedStyle(bell).color, host: getComputedStyle(mount).color };
    });
    const before = await colours();
    assert.equal(before.bell, before.host);
    assert.equal(before.host, "rgb(255, 248, 231)");
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Sync", text: "failed" }));
    assert.equal((await colours()).bell, before.host);
    await screenshot(page, "embed-bell-visible");
    await page.context().close();
  });
});
