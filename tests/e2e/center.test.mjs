// The notification center that keeps everything (issue 3): a history that survives reloads, a
// store that is set aside when unreadable, storage that is off or full, tabs in step, and a
// 100,000-entry center that stays usable. Real pages of the release build, real IndexedDB.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, appReady, screenshot, storeHolds } from "./harness.mjs";

const env = siteAndBrowser();

/** A context (one browser profile: its tabs share storage) with `n` tabs on the site. */
async function tabs(n, { init } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 820 } });
  if (init) await context.addInitScript(init);
  const pages = [];
  for (let i = 0; i < n; i++) pages.push(await open(context));
  return { context, pages };
}

async function open(context) {
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => {
    if (["warning", "error"].includes(m.type()) && !m.text().includes("integrity")) page.logs.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
  await page.goto(env.site.url);
  await appReady(page);
  return page;
}

const bell = (page) => page.locator(".an-bell").getAttribute("aria-label");

/** Reloads `page` and waits until the bell counts what storage brought back. */
async function reloadWithHistory(page) {
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => (document.querySelector(".an-bell")?.getAttribute("aria-label") ?? "Notifications") !== "Notifications");
}
const call = (page, code, arg) => page.evaluate(code, arg);

/** Waits until storage has caught up with this tab (its writes are a task or two behind). */
const stored = (page, count) => storeHolds(page, "entries", count);

async function openCenter(page) {
  // The tab a person uses is in front (a background tab's animations and frames are throttled).
  await page.bringToFront();
  if ((await page.locator(".an-bell").getAttribute("aria-expanded")) !== "true") await page.click(".an-bell");
  await page.locator("#an-notification-panel").waitFor();
}

const shownIds = (page) => page.locator("#an-notification-panel .notification__item").evaluateAll(
  (items) => items.map((i) => i.dataset.id));

describe("a history that is kept", () => {
  test("a reload keeps the entries and their read state; show_* is never stored", async () => {
    const { context, pages: [page] } = await tabs(1);
    const ids = await call(page, () => {
      const n = AMOCRM.notifications;
      n.show_message({ header: "Interface", text: "only a pop-up" });
      n.show_notification({ text: { header: "x", text: "also only a pop-up" }, type: "error" });
      return [
        n.add_error({ header: "Sync failed", text: "the <b>warehouse</b> answered 503", link: "/leads/detail/7" }),
        n.add_call({ text: "Missed call", from: "+7 495 123-45-67", to: "Jason", duration: 75,
          element: { id: 18, type: "contact", name: "Ivan" } }),
      ];
    });
    await openCenter(page);
    await page.click(`.notification__item[data-id="${ids[0]}"] .an-entry__toggle`);
    await stored(page, 2);
    await reloadWithHistory(page);
    assert.equal(await bell(page), "Notifications, 1 unread");
    await openCenter(page);
    assert.deepEqual(await shownIds(page), [ids[1], ids[0]]);
    const first = page.locator(`.notification__item[data-id="${ids[0]}"]`);
    assert.equal(await first.getAttribute("data-read"), "true");
    assert.match(await first.innerText(), /Sync failed\s+the warehouse answered 503/);
    assert.equal(await first.locator("b").innerText(), "warehouse", "markup survives as markup");
    assert.match(await page.locator(`.notification__item[data-id="${ids[1]}"]`).innerText(), /\+7 495 123-45-67 → Jason · Contact: Ivan · 1:15/);
    assert.deepEqual(page.logs, []);
    await context.close();
  });

  test("calls made before the app started are kept too", async () => {
    // The widget calls at DOMContentLoaded, before the wasm has loaded: the loader records the call
    // and the app replays it at start-up. (Once per tab: the reload must not call again.)
    const { context, pages: [page] } = await tabs(1, {
      init: () => {
        if (sessionStorage.getItem("called")) return;
        sessionStorage.setItem("called", "yes");
        document.addEventListener("DOMContentLoaded", () => {
          window.__early = AMOCRM.notifications.add_error({ header: "Early", text: "called before start-up" });
        });
      },
    });
    const id = await page.evaluate(() => window.__early);
    assert.match(id, /^[\w-]+$/, "the recorded call was given its id");
    await stored(page, 1);
    await reloadWithHistory(page);
    assert.equal(await bell(page), "Notifications, 1 unread");
    await openCenter(page);
    assert.deepEqual(await shownIds(page), [id]);
    assert.deepEqual(page.logs, []);
    await context.close();
  });

  // [what, object store, key, value written over what the app stored, the reason it gives]
  for (const [what, store, key, value, reason] of [
    ["a corrupted record", "entries", "x-1", "{not json", /record "x-1": not JSON: /],
    ["a record that fails validation", "entries", "x-2",
      JSON.stringify({ v: 1, id: "x-2", method: "add_error", kind: "error", header: "", text: "t", date: 0, link: "javascript:alert(1)" }),
      /record "x-2": link uses the "javascript:" scheme/],
    ["a record stored under another id", "entries", "x-3", null, /record "x-3": stored under another id/],
    ["an unknown schema version", "meta", "schema", 99, /schema 99 \(this build reads 1\)/],
  ]) {
    test(`${what} is set aside, not deleted, and the app starts empty`, async () => {
      const { context, pages: [page] } = await tabs(1);
      const kept = await call(page, () => AMOCRM.notifications.add_error({ text: "kept before the damage" }));
      await stored(page, 1);
      await page.evaluate(async ({ store, key, value, kept }) => {
        const db = await new Promise((ok) => { const r = indexedDB.open("amocrm-notify"); r.onsuccess = () => ok(r.result); });
        const objects = db.transaction(store, "readwrite").objectStore(store);
        if (value === null) {
          // The kept entry's record, under another key.
          value = await new Promise((ok) => { const r = objects.get(kept); r.onsuccess = () => ok(r.result); });
          await new Promise((ok) => { const r = db.transaction(store, "readwrite").objectStore(store).put(value, key); r.onsuccess = ok; });
        } else {
          await new Promise((ok, fail) => { const r = objects.put(value, key); r.onsuccess = ok; r.onerror = () => fail(r.error); });
        }
        db.close();
      }, { store, key, value, kept });
      page.logs = [];
      await page.reload();
      await appReady(page);
      for (let i = 0; i < 100 && page.logs.length === 0; i++) await page.waitForTimeout(50);
      assert.ok(page.logs.length >= 1, "the problem is told");
      assert.match(page.logs[0], /^warning: amocrm-notify: the stored notification history could not be read \(/);
      assert.match(page.logs[0], reason);
      assert.match(page.logs[0], /set aside in IndexedDB "amocrm-notify", object store "set-aside" under the key "\d{4}-\d\d-\d\dT[^"]+", and the center starts empty/);
      assert.equal(await bell(page), "Notifications");
      const aside = await page.evaluate(async () => {
        const db = await new Promise((ok) => { const r = indexedDB.open("amocrm-notify"); r.onsuccess = () => ok(r.result); });
        const all = await new Promise((ok) => { const r = db.transaction("set-aside").objectStore("set-aside").getAll(); r.onsuccess = () => ok(r.result); });
        db.close();
        return all;
      });
      assert.equal(aside.length, 1);
      assert.match(aside[0].reason, reason);
      assert.ok(aside[0].entries.some(([id, record]) => id === kept && record.includes("kept before the damage")),
        "the old entries are in the set-aside copy");
      // The app goes on storing new entries. That entry, stored after the load, is also the marker:
      // the load's warning was the only one.
      await call(page, () => AMOCRM.notifications.add_error({ text: "after" }));
      await stored(page, 1);
      assert.equal(page.logs.length, 1, page.logs.join("\n"));
      await page.reload();
      await appReady(page);
      await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 1 unread");
      await context.close();
    });
  }

  test("storage that throws on access: the app works in memory and says so once", async () => {
    const { context, pages: [page] } = await tabs(1, {
      init: () => Object.defineProperty(window, "indexedDB", { get() { throw new DOMException("storage is disabled", "SecurityError"); } }),
    });
    await call(page, () => { for (let i = 0; i < 3; i++) AMOCRM.notifications.add_error({ text: `e${i}` }); });
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 3 unread");
    // One more call is the marker: once the center has it, the three before have had every chance
    // to warn again.
    await call(page, () => AMOCRM.notifications.add_error({ text: "marker" }));
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 4 unread");
    assert.deepEqual(page.logs, [
      "warning: amocrm-notify: browser storage is unavailable (SecurityError: storage is disabled); the notification center keeps its entries in memory, and they are lost on reload",
    ]);
    await context.close();
  });

  test("storage full: read entries make room, unread ones are never dropped silently", async () => {
    // Chromium applies a quota to databases opened after it is set: set it before the app opens one,
    // from a page of the same origin that is not the app.
    const context = await env.browser.newContext();
    const blank = await context.newPage();
    await blank.goto(`${env.site.url}/assets/favicon.svg`);
    const cdp = await context.newCDPSession(blank);
    const origin = env.site.url;
    await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 600_000 });
    const page = await open(context);
    await call(page, () => { for (let i = 0; i < 200; i++) AMOCRM.notifications.add_error({ text: "old ".repeat(40) + i }); });
    await openCenter(page);
    await page.click("text=Mark all as read");
    await stored(page, 200);
    // Text that does not compress (storage may compress values), more than the quota holds.
    const ids = await call(page, () => [1, 2, 3].map((i) => {
      const text = Array.from({ length: 25_000 }, () => Math.random().toString(36).slice(2, 12)).join(" ");
      return AMOCRM.notifications.add_error({ text: `${i} ${text}` });
    }));
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 3 unread");
    for (let i = 0; i < 60 && !page.logs.some((l) => l.includes("could not be saved")); i++) await page.waitForTimeout(50);
    const remaining = await page.evaluate(async () => {
      const db = await new Promise((ok) => { const r = indexedDB.open("amocrm-notify"); r.onsuccess = () => ok(r.result); });
      const keys = await new Promise((ok) => { const r = db.transaction("entries").objectStore("entries").getAllKeys(); r.onsuccess = () => ok(r.result); });
      db.close();
      return keys;
    });
    const unsaved = ids.filter((id) => !remaining.includes(id));
    assert.ok(remaining.length < 203, `read entries left storage to make room: ${remaining.length} left`);
    assert.ok(unsaved.length > 0, "the quota is too small for all three");
    assert.deepEqual(page.logs, [`warning: amocrm-notify: the notification history could not be saved (QuotaExceededError: ${page.logs[0]?.match(/QuotaExceededError: ([^)]*)/)?.[1]}); ${unsaved.length} unread notification(s) are kept in this tab's memory only and are lost on reload`]);
    // All three are still on screen, unread.
    await openCenter(page);
    await page.click('.an-tab[data-filter="Unread"]');
    assert.deepEqual(new Set(await shownIds(page)), new Set(ids));
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    await context.close();
  });
});

describe("tabs in step", () => {
  test("add, read, read-all and remove in one tab show in the other within a second; counts agree", async () => {
    const { context, pages: [a, b] } = await tabs(2);
    const synced = async (label) => {
      await Promise.all([a, b].map((p) => p.waitForFunction((label) =>
        document.querySelector(".an-bell")?.getAttribute("aria-label") === label, label, { timeout: 1000 })));
    };
    const ids = await call(a, () => [
      AMOCRM.notifications.add_error({ header: "From A", text: "one" }),
      APP.notifications.add_call({ text: "two", from: "+7 1" }),
      AMOCRM.notifications.add_error({ text: "three" }),
    ]);
    await synced("Notifications, 3 unread");
    assert.equal(await a.locator("#amocrm-notify-popups [data-id]").count(), 3, "pop-ups in the calling tab");
    assert.equal(await b.locator("#amocrm-notify-popups [data-id]").count(), 0, "no pop-up in the other tab");

    // Read in B (by opening it), unread again in A, read-all in A, remove in B.
    await openCenter(b);
    await b.click(`.notification__item[data-id="${ids[0]}"] .an-entry__toggle`);
    await synced("Notifications, 2 unread");
    await openCenter(a);
    await a.click(`.notification__item[data-id="${ids[0]}"] .an-entry__toggle`);
    await synced("Notifications, 3 unread");
    await a.click("text=Mark all as read");
    await synced("Notifications");
    await b.bringToFront();
    await b.hover(`.notification__item[data-id="${ids[1]}"]`);
    await b.click(`.notification__item[data-id="${ids[1]}"] .an-entry__remove`);
    await a.waitForFunction((id) => !document.querySelector(`.notification__item[data-id="${id}"]`), ids[1], { timeout: 1000 });
    assert.deepEqual(await shownIds(a), [ids[2], ids[0]]);
    assert.deepEqual(await shownIds(b), [ids[2], ids[0]]);
    // The same entry arriving twice (a third tab opening, storage replaying) never counts twice.
    const c = await open(context);
    await c.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications");
    await call(c, () => AMOCRM.notifications.add_error({ text: "from C" }));
    await synced("Notifications, 1 unread");
    await openCenter(c);
    assert.deepEqual((await shownIds(c)).length, 3);
    for (const p of [a, b, c]) assert.deepEqual(p.logs, []);
    await context.close();
  });
});

describe("a center of 100,000", () => {
  test("the counter, the filters and scrolling work with at most ~100 rows in the DOM", async () => {
    const { context, pages: [page] } = await tabs(1);
    await call(page, () => {
      const n = AMOCRM.notifications, now = Date.now();
      for (let i = 0; i < 100_000; i++) {
        const date = Math.floor((now - (100_000 - i) * 60_000) / 1000);
        if (i % 4 === 0) n.add_call({ text: `call ${i}`, from: `+7 ${i}`, date });
        else n.add_error({ header: `Error ${i}`, text: `entry ${i}`, date });
      }
    });
    await page.evaluate(() => document.querySelectorAll("#amocrm-notify-popups .an-popup__close").forEach((b) => b.click()));
    assert.equal(await bell(page), "Notifications, 100000 unread");
    await openCenter(page);
    const tabCounts = await page.locator(".an-tab").evaluateAll((tabs) => tabs.map((t) => `${t.dataset.filter} ${t.dataset.count} ${t.innerText.replace(/\s+/g, " ")}`));
    assert.deepEqual(tabCounts, ["All 100000 All 99+", "Unread 100000 Unread 99+", "Errors 75000 Errors 99+", "Calls 25000 Calls 99+"]);
    // Nothing in the panel is cut off or scrolled sideways.
    assert.deepEqual(await page.evaluate(() => {
      const panel = document.querySelector("#an-notification-panel");
      return [panel.scrollLeft, panel.scrollWidth <= panel.clientWidth];
    }), [0, true]);
    const rows = () => page.locator("#an-notification-panel .notification__item").count();
    assert.ok((await rows()) <= 100);
    assert.match(await page.locator(".notification__item").first().innerText(), /Error 99999/);

    // Scroll end to end in steps; every step renders the rows in view, never more than 100.
    const seen = await page.evaluate(async () => {
      const list = document.querySelector(".an-list");
      const most = { rows: 0 };
      for (const fraction of [0.25, 0.5, 0.75, 1]) {
        list.scrollTop = list.scrollHeight * fraction;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        most.rows = Math.max(most.rows, document.querySelectorAll(".notification__item").length);
        const top = list.getBoundingClientRect().top + 40;
        const hit = document.elementFromPoint(list.getBoundingClientRect().left + 100, top);
        most[fraction] = hit?.closest(".notification__item, .an-day")?.innerText.split("\n")[0] ?? null;
      }
      return most;
    });
    assert.ok(seen.rows <= 100, `at most 100 rows: ${seen.rows}`);
    for (const f of [0.25, 0.5, 0.75, 1]) assert.ok(seen[f], `something is drawn at ${f * 100}%`);
    const oldest = page.locator('.notification__item[aria-posinset="100000"]');
    assert.match(await oldest.innerText(), /^Incoming call\s+call 0\b/);

    // Filters: Calls lists only calls; Unread empties after "Mark all as read" on Calls... for calls.
    await page.click('.an-tab[data-filter="Calls"]');
    assert.match(await page.locator(".notification__item").first().innerText(), /call 99996/);
    assert.deepEqual(await page.locator(".notification__item").evaluateAll((items) => [...new Set(items.map((i) => i.dataset.kind))]), ["call"]);
    await page.click("text=Mark all as read");
    assert.equal(await bell(page), "Notifications, 75000 unread");
    await page.click('.an-tab[data-filter="Unread"]');
    assert.deepEqual(await page.locator(".notification__item").evaluateAll((items) => [...new Set(items.map((i) => i.dataset.kind))]), ["error"]);
    await screenshot(page, "center-100k");
    await context.close();
  });
});
