// End-to-end tests of the release build under attack: the site's Content-Security-Policy, unusual
// text, floods of calls, and faults (the .wasm missing, a panic inside the app); the XSS corpus is
// xss.test.mjs. Each test would fail if the protection it checks were removed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiLogs, appReady, openPage, popups, screenshot, siteAndBrowser, startSite, trappedPage } from "./harness.mjs";

const FAULTS_DIST = process.env.FAULTS_DIST_DIR ?? new URL("../../target/dist-faults", import.meta.url).pathname;
const PANIC_TRIGGER = "__amocrm_notify_fault_injection_panic__"; // PANIC_TRIGGER in src/api/bindings/mod.rs

const env = siteAndBrowser();

describe("the Content-Security-Policy", () => {
  test("is sent as a header and a meta tag, is strict, and the app works under it", async () => {
    const response = await fetch(`${env.site.url}/leads/detail/1`);
    const header = response.headers.get("content-security-policy");
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    assert.ok(header, "the header is sent");
    assert.equal(meta, header, "the meta tag holds the same policy");
    const scriptSrc = header.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
    assert.ok(scriptSrc, "script-src is set");
    const sources = scriptSrc.split(/\s+/).slice(1);
    assert.ok(!sources.includes("'unsafe-eval'"), "no unsafe-eval");
    assert.ok(!sources.includes("'unsafe-inline'"), "no unsafe-inline scripts");
    assert.ok(sources.some((s) => s.startsWith("'sha256-")), "the inline start-up script goes by its hash");
    assert.match(header, /object-src 'none'/);
    assert.match(header, /base-uri 'none'/);

    // Everything a user does, under the policy: no violation at all.
    const page = await trappedPage(env.browser, env.site.url);
    await page.evaluate(() => {
      const n = AMOCRM.notifications;
      n.show_message({ header: "Under CSP", text: "<b>bold</b> and <a href='/leads/detail/2'>a link</a>", icon: "/assets/robot.svg" });
      n.show_notification({ text: { header: "Call", text: "ringing" }, type: "call" });
      n.add_error({ text: "an error", link: "/contacts/list?term=1" });
      n.add_call({ text: "a call", element: { id: 5, type: "lead" }, duration: 20, link: "https://example.com/r.mp3" });
    });
    await popups(page).nth(3).waitFor();
    await page.click(".an-bell");
    await page.locator("#an-notification-panel .notification__item").nth(1).waitFor();
    await page.keyboard.press("Escape");
    await page.click("#amocrm-notify-popups [data-kind='error']");
    await page.waitForURL(`${env.site.url}/contacts/list?term=1`);
    assert.deepEqual(await page.evaluate(() => window.__xss), { ran: [], violations: [] });
    await page.goto(env.site.url);
    await appReady(page);
    await page.click(".pg-call");
    await popups(page).first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__xss), { ran: [], violations: [] });
    // (The playground's example is the reference's, whose date is far ahead: a warning, not an error.)
    assert.deepEqual(apiLogs(page).filter((line) => !line.startsWith("warning:")), []);

    // The policy is enforced: markup injected past the app is blocked and reported.
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.setAttribute("src", "/missing.png");
      img.setAttribute("onerror", "alert('inline handler')");
      document.body.append(img);
    });
    await page.waitForFunction(() => window.__xss.violations.length > 0);
    const trapped = await page.evaluate(() => window.__xss);
    assert.deepEqual(trapped.ran, [], "the inline handler did not run");
    assert.match(trapped.violations[0], /^script-src-attr /);
    await page.close();
  });
});

describe("unusual text", () => {
  test("huge, right-to-left, emoji and markup-laden text stays readable and in its box", async () => {
    const page = await trappedPage(env.browser, env.site.url);
    await page.evaluate(() => {
      const n = AMOCRM.notifications;
      n.add_error({ header: "1 MB of text", text: "A very long error report. ".repeat(42_000) });
      n.show_message({ header: "H".repeat(10_000), text: "A 10,000-character header stays on one line." });
      n.show_message({ header: "مرحبا بالعالم", text: "שלום עולם — نص من اليمين إلى اليسار with English inside" });
      n.show_message_error({ header: "Emoji 😀👩‍👩‍👧", text: "Combining: e\u0301 a\u0308 — controls dropped: A\u0000B\u0007C" });
      n.add_call({ text: "<script>alert(1)</script><img src=x onerror=alert(2)><b>bold</b> <i>kept</i>", from: "<svg onload=alert(3)>" });
    });
    await popups(page).nth(4).waitFor();
    const boxes = await popups(page).evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
    }));
    const width = page.viewportSize().width;
    for (const [i, box] of boxes.entries()) {
      assert.ok(box.left >= 0 && box.right <= width, `pop-up ${i} is inside the window`);
      assert.ok(box.height < 260, `pop-up ${i} is clamped: ${box.height}px`);
      if (i > 0) assert.ok(box.top >= boxes[i - 1].bottom - 0.5, `pop-up ${i} does not overlap the one before`);
    }
    await screenshot(page, "hostile-text");
    assert.deepEqual(await page.evaluate(() => window.__xss), { ran: [], violations: [] });
    await page.close();
  });
});

describe("floods", () => {
  test("100,000 calls of each method: no crash, every add_* kept, the DOM stays small", async (t) => {
    const page = await openPage(env.browser, null);
    await page.addInitScript(() => {
      addEventListener("TrunkApplicationStarted", (event) => (window.__wasmMemory = event.detail.wasm.memory));
    });
    await page.goto(env.site.url);
    await appReady(page);
    const result = await page.evaluate(async () => {
      const N = 100_000;
      const n = AMOCRM.notifications;
      const elementsBefore = document.getElementsByTagName("*").length;
      const region = document.querySelector("#amocrm-notify-popups");
      let mostPopups = 0;
      new MutationObserver(() => {
        mostPopups = Math.max(mostPopups, region.querySelectorAll("[data-id]").length);
      }).observe(region, { childList: true, subtree: true });
      const make = {
        show_message: (i) => n.show_message({ header: "Flood", text: `message ${i}` }),
        show_message_error: (i) => n.show_message_error({ header: "Flood", text: `error ${i}` }),
        show_notification: (i) => n.show_notification({ text: { header: "Flood", text: `call ${i}` }, type: "call" }),
        add_error: (i) => n.add_error({ text: `stored error ${i}` }),
        add_call: (i) => n.add_call({ text: `stored call ${i}`, from: "Flood" }),
      };
      const perCallUs = {};
      let refused = 0;
      for (const [method, call] of Object.entries(make)) {
        const start = performance.now();
        for (let i = 0; i < N; i++) if (typeof call(i) !== "string") refused += 1;
        perCallUs[method] = Math.round(((performance.now() - start) * 1000) / N);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      // Responsive: the next frame comes, and the bell opens the panel.
      const frameStart = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const nextFrameMs = Math.round(performance.now() - frameStart);
      return {
        refused,
        perCallUs,
        nextFrameMs,
        mostPopups,
        elementsBefore,
        elements: document.getElementsByTagName("*").length,
        heapMb: Math.round(performance.memory.usedJSHeapSize / 1e6),
      };
    });
    t.diagnostic(JSON.stringify(result));
    assert.equal(result.refused, 0);
    assert.ok(result.mostPopups <= 5, `at most 5 pop-ups in the DOM, saw ${result.mostPopups}`);
    // The README's bound: the flood adds fewer than 200 elements to the page.
    assert.ok(result.elements - result.elementsBefore < 200, `the DOM stays small: ${result.elementsBefore} elements before, ${result.elements} after`);
    assert.equal(await page.locator(".an-bell").getAttribute("aria-label"), "Notifications, 200000 unread");
    await page.click(".an-bell");
    await page.locator("#an-notification-panel .notification__item").first().waitFor();
    assert.equal(await page.locator(".an-panel__foot span").innerText(), "200000 of 200000");
    const rows = await page.locator("#an-notification-panel .notification__item").count();
    assert.ok(rows > 0 && rows <= 30, `a windowed list: ${rows} rows in the DOM`);
    assert.match(await page.locator("#an-notification-panel .notification__item").first().innerText(), /stored call 99999/);
    const memory = await page.evaluate(() => ({
      heapMb: Math.round(performance.memory.usedJSHeapSize / 1e6),
      wasmMb: Math.round(window.__wasmMemory.buffer.byteLength / 1e6),
    }));
    t.diagnostic(`after the flood: ${JSON.stringify(memory)}`);
    assert.ok(memory.heapMb + memory.wasmMb < 1_000, `memory stays bounded: ${JSON.stringify(memory)}`);
    assert.deepEqual(apiLogs(page).filter((line) => !line.startsWith("warning")), []);
    await page.close();
  });

  test("a flood of information pop-ups waits, bounded, without expiring; the newest error is on screen at once; repeats collapse", async () => {
    const page = await openPage(env.browser, env.site.url);
    await page.evaluate(() => {
      const n = AMOCRM.notifications;
      for (let i = 0; i < 5; i++) n.add_error({ text: `blocking error ${i}` });
      for (let i = 0; i < 300; i++) n.show_message({ header: "Info", text: `short-lived ${i}`, timeout: 1000 });
      n.show_message_error({ header: "Error", text: "an error waits its turn" });
    });
    // The newest is on screen at once, however many wait.
    await page.locator("#amocrm-notify-popups [data-id]", { hasText: "an error waits its turn" }).waitFor();
    // The README's bound: the line keeps at most 100 self-closing ones (the newest), and every error.
    const waiting = async () => Number((await page.locator(".an-popups__more").innerText()).match(/\d+/)[0]);
    assert.equal(await waiting(), 5 + 100, "the 5 errors and the newest 100 information pop-ups wait");
    // The markers of time passing: the line shrinks when a pop-up on screen has lived its 1 s and
    // one comes forward; it shrinks again when one that came forward has lived its 1 s too. By
    // then every pop-up still waiting has waited twice its lifetime, and none is dropped for it:
    // only those that were on screen (at most 5 each time) left the line.
    const shrinks = async (below) => (await page.waitForFunction((below) => {
      const n = Number(document.querySelector(".an-popups__more")?.innerText.match(/\d+/)?.[0]);
      return n < below ? n : false;
    }, below, { timeout: 10000 })).jsonValue();
    const once = await shrinks(105);
    const twice = await shrinks(once);
    assert.ok(twice >= 105 - 2 * 5, `still waiting after twice their lifetime: ${twice} (after the first shrink: ${once})`);
    await page.locator(".an-popups__dismiss").click();
    assert.equal(await popups(page).count(), 0);

    // 50 identical calls in a burst: one pop-up, ×50.
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) AMOCRM.notifications.show_message({ header: "Same", text: "the same message" });
    });
    const same = popups(page).filter({ hasText: "the same message" });
    await same.waitFor();
    assert.equal(await same.count(), 1);
    assert.equal(await same.locator(".an-popup__count").innerText(), "×50");
    await page.close();
  });
});

describe("faults", () => {
  test("the .wasm cannot be loaded: calls stay queued, the page works, the console says why", async () => {
    const page = await openPage(env.browser, null);
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    await page.route("**/*_bg.wasm", async (route) => {
      await gate; // the widget's calls come first
      await route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
    });
    await page.goto(env.site.url, { waitUntil: "domcontentloaded" });
    const ids = await page.evaluate(() => [
      AMOCRM.notifications.add_error({ text: "made before the failure" }),
      APP.notifications.show_message({ header: "h", text: "also queued" }),
    ]);
    release();
    await page.waitForEvent("console", { predicate: (m) => m.text().startsWith("amocrm-notify:"), timeout: 10_000 });
    const message = page.logs.find((line) => line.includes("amocrm-notify:"));
    assert.match(message, /^error: amocrm-notify: the app could not be loaded \(.+\); 2 call\(s\) stay queued/);
    const state = await page.evaluate(() => {
      const later = AMOCRM.notifications.add_error({ text: "made after the failure" });
      const s = AMOCRM.notifications.__amocrmNotify;
      return { later, pending: s.pending.map(([name, , , id]) => [name, id]), title: document.title };
    });
    assert.deepEqual(state.pending, [["add_error", ids[0]], ["show_message", ids[1]], ["add_error", state.later]]);
    assert.match(state.title, /amocrm-notify/);
    assert.ok(!page.logs.some((line) => line.startsWith("pageerror")), page.logs.join("\n"));
    await page.close();
  });

  test("a panic inside the app is logged once, and later calls are rejected clearly", async () => {
    // The release build with the `fault-injection` feature (scripts/test builds it): a call whose
    // text is PANIC_TRIGGER panics inside the app.
    const faults = await startSite(FAULTS_DIST).catch((error) => {
      throw new Error(`the fault-injection build is missing at ${FAULTS_DIST} (scripts/test builds it): ${error.message}`);
    });
    try {
      const page = await openPage(env.browser, faults.url);
      const before = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "made before the panic" }));
      await page.locator(`[data-id="${before}"]`).waitFor();
      const result = await page.evaluate(async (trigger) => {
        const seen = [];
        const callbacks = { fail: (e) => seen.push(`fail ${e.name} ${e.method}`), always: () => seen.push("always") };
        const panicking = AMOCRM.notifications.add_error({ text: trigger }, callbacks);
        const after = APP.notifications.show_message({ header: "h", text: "after the panic" }, callbacks);
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { panicking, after, seen };
      }, PANIC_TRIGGER);
      assert.deepEqual(result, {
        panicking: false,
        after: false,
        seen: ["fail NotificationError add_error", "always", "fail NotificationError show_message", "always"],
      });
      const logs = page.logs.filter((line) => line.includes("amocrm-notify") || line.includes("AMOCRM.notifications"));
      assert.equal(logs.length, 3, logs.join("\n"));
      assert.match(logs[0], /^error: amocrm-notify: internal error, the notification center has stopped: fault injection: a call asked for a panic at src\/api\/bindings\/mod\.rs:\d+:\d+/);
      assert.match(logs[1], /^error: AMOCRM\.notifications\.add_error: the notification center has stopped after an internal error \(fault injection/);
      assert.match(logs[2], /^error: AMOCRM\.notifications\.show_message: the notification center has stopped/);
      // The page is still there, with what it showed.
      assert.equal(await page.locator(`[data-id="${before}"]`).count(), 1);
      assert.ok(!page.logs.some((line) => line.startsWith("pageerror")), page.logs.join("\n"));
      await screenshot(page, "after-panic");
      await page.close();
    } finally {
      await faults.stop();
    }
  });
});
