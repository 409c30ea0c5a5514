// The center kept by the account's server (issue "The account's server"): the real
// amocrm-notify-server binary on 127.0.0.1 behind the site's own origin (/api/ forwarded to it, as
// scripts/serve's trunk proxy does), and browser contexts signed in with tokens, each context a
// device of its own.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { serverSiteAndBrowser, startSite, startAccountServer, appReady, screenshot, storeHolds } from "./harness.mjs";

const env = serverSiteAndBrowser({ args: ["--rate", "100000", "--burst", "100000"] });
const ENDPOINT = "/api/v1/notifications";

/** A device of `user`: a context of its own with the app open and signed in. */
async function device(user, path = "/") {
  // Each device in Berlin: its settings changes carry the zone (the README's rule).
  const context = await env.browser.newContext({ timezoneId: "Europe/Berlin", viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => {
    if (["warning", "error"].includes(m.type()) && !/integrity|Failed to load resource/.test(m.text())) page.logs.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
  const token = env.server.token(user);
  await page.goto(env.site.url + path);
  await appReady(page);
  assert.equal(await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token }), true);
  page.token = token;
  return page;
}

const bell = (page) => page.locator(".an-bell").getAttribute("aria-label");
const waitBell = (page, label, timeout = 1000) =>
  page.waitForFunction((label) => document.querySelector(".an-bell")?.getAttribute("aria-label") === label, label, { timeout });

/** A host's backend posting for `user` with the account's secret, no browser involved. */
async function backendPost(user, id, text) {
  const answer = await fetch(`${env.server.url}/v1/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.server.token(user)}`, "content-type": "application/json" },
    body: JSON.stringify({ id, notification: { v: 1, id, method: "add_call", kind: "call", header: "Incoming call", text, date: Date.now(), call: { from: "+7 495 123-45-67", to: "Jason", duration: 75 } } }),
  });
  assert.equal(answer.status, 201);
}

async function openCenter(page) {
  await page.bringToFront();
  if ((await page.locator(".an-bell").getAttribute("aria-expanded")) !== "true") await page.click(".an-bell");
}
const entryTexts = (page) => page.locator(".notification__item .an-entry__text").allInnerTexts();

describe("one person on two devices", () => {
  test("history on a new device, new entries and read state both ways within a second", async () => {
    await backendPost("ivan", "pbx-1", "Call from a telephony server");
    const laptop = await device("ivan");
    await waitBell(laptop, "Notifications, 1 unread", 5000);

    const id = await laptop.evaluate(() => AMOCRM.notifications.add_error({ header: "Laptop", text: "Contact not found!" }));
    // A second device signed in as the same person shows the history, and the new entry.
    const phone = await device("ivan");
    await waitBell(phone, "Notifications, 2 unread", 5000);
    await openCenter(phone);
    assert.deepEqual(await entryTexts(phone), ["Contact not found!", "Call from a telephony server"]);

    // Read on the phone: the laptop follows within a second.
    await phone.click(`.notification__item[data-id="${id}"] .an-entry__toggle`);
    await waitBell(laptop, "Notifications, 1 unread");
    // Unread again on the laptop: the phone follows.
    await openCenter(laptop);
    await laptop.click(`.notification__item[data-id="${id}"] .an-entry__toggle`);
    await waitBell(phone, "Notifications, 2 unread");
    // A new call from the backend reaches both at once.
    await backendPost("ivan", "pbx-2", "Second call");
    await waitBell(laptop, "Notifications, 3 unread");
    await waitBell(phone, "Notifications, 3 unread");
    // Mark all as read on one; removed on the other.
    await laptop.click(".an-panel__head .an-panel__action");
    await waitBell(phone, "Notifications");
    await openCenter(phone);
    await phone.click(`.notification__item[data-id="pbx-1"] .an-entry__remove`);
    await laptop.waitForFunction(() => !document.querySelector('.notification__item[data-id="pbx-1"]'), null, { timeout: 1000 });
    await screenshot(phone, "sync-phone");

    // A third device that comes later sees the same center.
    const tablet = await device("ivan");
    await openCenter(tablet);
    await tablet.waitForFunction(() => document.querySelectorAll(".notification__item").length === 2, null, { timeout: 5000 });
    assert.deepEqual(await entryTexts(tablet), ["Second call", "Contact not found!"]);
    assert.equal(await bell(tablet), "Notifications");

    // Someone else sees none of it. The marker: a call for her, posted after all of it; once her
    // center has it, it is all she has.
    const other = await device("olga");
    await backendPost("olga", "pbx-olga", "For Olga");
    await waitBell(other, "Notifications, 1 unread", 5000);
    await openCenter(other);
    assert.deepEqual(await entryTexts(other), ["For Olga"]);
    for (const page of [laptop, phone, tablet, other]) {
      assert.deepEqual(page.logs, []);
      await page.context().close();
    }
  });

  test("preferences set on one device hold on another", async () => {
    const laptop = await device("maria", "/settings");
    const kinds = (page, channel) => page.locator(`[data-channel="${channel}"][data-synced="true"] input[type="checkbox"]`);
    await kinds(laptop, "email").first().waitFor();
    assert.deepEqual(await kinds(laptop, "email").evaluateAll((boxes) => boxes.map((b) => b.checked)), [false, false]);
    // Errors on by mouse, calls on by keyboard, then errors off again by keyboard: the end state
    // differs from the start in both boxes, and only the changes applied in order give it.
    await laptop.click('[data-channel="email"] input[data-kind="errors"]'); // mouse
    await laptop.waitForFunction(() => document.querySelector('[data-channel="email"] input[data-kind="errors"]')?.checked);
    await laptop.focus('[data-channel="email"] input[data-kind="calls"]');
    await laptop.keyboard.press("Space");
    await laptop.waitForFunction(() => document.querySelector('[data-channel="email"] input[data-kind="calls"]')?.checked);
    await laptop.focus('[data-channel="email"] input[data-kind="errors"]');
    await laptop.keyboard.press("Space");
    await laptop.waitForFunction(() => document.querySelector('[data-channel="email"] input[data-kind="errors"]')?.checked === false);
    await laptop.selectOption('[data-field="digest"]', "15");
    await screenshot(laptop, "settings-synced");

    const phone = await device("maria", "/settings");
    // The laptop sends its changes in order; the phone has them all within a second of the last.
    await phone.waitForFunction(() => document.querySelector('[data-field="digest"]')?.value === "15", null, { timeout: 5000 });
    assert.deepEqual(await kinds(phone, "email").evaluateAll((boxes) => boxes.map((b) => b.checked)), [false, true]);
    assert.equal(await phone.locator('[data-field="digest"]').inputValue(), "15");
    // The interface's language goes with them (these browsers are English).
    const stored = await (await fetch(`${env.server.url}/v1/preferences`, { headers: { authorization: `Bearer ${phone.token}` } })).json();
    assert.deepEqual(stored, { email: { errors: false, calls: true }, push: { errors: false, calls: false }, digest_minutes: 15, language: "en", time_zone: "Europe/Berlin" });
    // And a change on the phone reaches the open laptop.
    await phone.click('[data-channel="email"] input[data-kind="errors"]');
    await laptop.waitForFunction(() => document.querySelector('[data-channel="email"] input[data-kind="errors"]')?.checked === true, null, { timeout: 1000 });
    for (const page of [laptop, phone]) await page.context().close();
  });
});

describe("faults", () => {
  test("kill -9 while 10,000 notifications arrive, from a backend and a browser's outbox: each stored once, and another session catches up with no gap and no repeat", async () => {
    // The volume comes from a host's backend posting straight to the server (eight at a time, each
    // retried until the server answers, as a backend would); the browser's part is an outbox of
    // 500 caught by the same kill, and a second session that must catch up on all of it. The
    // server's own tests kill it under load too (cluster.rs, delivery.rs).
    const sender = await device("petr");
    const watcher = await device("petr");
    const FROM_BROWSER = 500;
    const count = 10000;
    const browserIds = await sender.evaluate((n) => Array.from({ length: n }, (_, i) => AMOCRM.notifications.add_error({ header: "Burst", text: `browser ${i}` })), FROM_BROWSER);
    const backendIds = Array.from({ length: count - FROM_BROWSER }, (_, i) => `backend-${i}`);
    const token = env.server.token("petr");
    let refusedWhileDown = 0;
    const post = async (id) => {
      const body = JSON.stringify({ id, notification: { v: 1, id, method: "add_error", kind: "error", header: "Backend", text: id, date: Date.now() } });
      for (;;) {
        const answer = await fetch(`${env.server.url}/v1/notifications`, {
          method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body,
        }).catch(() => null);
        if (answer?.ok) return;
        assert.ok(!answer || answer.status >= 500, `${id}: answered ${answer?.status}`);
        refusedWhileDown += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    let next = 0;
    const backend = Promise.all(Array.from({ length: 8 }, async () => {
      while (next < backendIds.length) await post(backendIds[next++]);
    }));
    // Let part of it through, then kill the server mid-way; it comes back once the backend has
    // seen it gone.
    const stored = () => env.server.metric("notifications_accepted_total");
    for (let i = 0; i < 600 && (await stored()) < 3000; i++) await sender.waitForTimeout(50);
    await env.server.kill9();
    for (let i = 0; i < 100 && refusedWhileDown < 8; i++) await sender.waitForTimeout(50);
    assert.ok(refusedWhileDown >= 8, "the backend saw the server gone");
    await env.server.start();
    await backend;
    // Everything arrives in the end: each id once.
    const history = async () => (await env.server.history(sender.token)).map((e) => e.id);
    let ids = [];
    for (let i = 0; i < 240 && ids.length < count; i++) {
      await sender.waitForTimeout(250);
      ids = await history();
    }
    assert.equal(ids.length, count, "every notification is stored");
    assert.equal(new Set(ids).size, count, "once each");
    assert.deepEqual([...ids].sort(), [...browserIds, ...backendIds].sort(), "the browser's and the backend's, no other");
    // The second session's stream caught up: its center has all of them, once.
    await waitBell(watcher, "Notifications, 10000 unread", 60000);
    const events = await fetch(`${env.server.url}/v1/stream`, { headers: { authorization: `Bearer ${sender.token}`, "last-event-id": "0" } });
    const reader = events.body.getReader();
    let text = "";
    const deadline = Date.now() + 20000;
    while ((text.match(/^event: entry$/gm) ?? []).length < count && Date.now() < deadline) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    reader.cancel();
    // Every event, the entries and the language the app's sign-in gave the server (a
    // `preferences` event), in one sequence with no gap and no repeat.
    const eventIds = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.equal((text.match(/^event: entry$/gm) ?? []).length, count);
    assert.ok(eventIds.every((id, i) => id === i + 1), "event ids 1..n with no gap and no repeat");
    for (const page of [sender, watcher]) await page.context().close();
  });
});

describe("one browser", () => {
  test("tabs holding the same waiting notifications send each once (Web Locks), and the outbox honours 429's Retry-After", async (t) => {
    // Stopped however the test ends: a process left running would keep the test file from ending.
    const server = await startAccountServer({ args: ["--rate", "4", "--burst", "4"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    const context = await env.browser.newContext();
    const token = server.token("anna");
    const tab = async () => {
      const page = await context.newPage();
      await page.goto(site.url);
      await appReady(page);
      await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
      return page;
    };
    const metric = (name) => server.metric(name);
    await server.kill9();
    const first = await tab();
    const ids = await first.evaluate(() => Array.from({ length: 12 }, (_, i) => AMOCRM.notifications.add_error({ text: `waiting ${i}` })));
    // Both tabs load the same waiting notifications from storage, once they are stored.
    await storeHolds(first, "entries", 12);
    await first.reload();
    await appReady(first);
    await first.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
    const second = await tab();
    await server.start();
    const started = Date.now();
    // Counted from the metrics: the person's own requests are rate limited.
    const stored = () => metric("notifications_accepted_total");
    while ((await stored()) < ids.length && Date.now() - started < 60000) await first.waitForTimeout(200);
    assert.equal(await stored(), ids.length, "every waiting notification arrives");
    // 12 posts and each tab's history, preferences and stream at 4 a second after a burst of 4: the
    // server said 429 and the outbox waited.
    assert.ok(await metric("requests_rate_limited_total") > 0);
    assert.ok(Date.now() - started > 2000, `waited for the rate limit (${Date.now() - started} ms)`);
    // The marker: one more call, made after; the outbox sends in order, so once the server has it,
    // every tab has sent all it was going to send.
    await second.evaluate(() => AMOCRM.notifications.add_error({ text: "marker" }));
    while ((await stored()) < ids.length + 1 && Date.now() - started < 90000) await first.waitForTimeout(200);
    assert.equal(await metric("notifications_accepted_total"), ids.length + 1);
    assert.equal(await metric("notifications_repeated_total"), 0, "no tab sent what another had sent");
    for (const page of [first, second]) {
      await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 13 unread");
    }
    await context.close();
  });
});

describe("where an entry went", () => {
  test("the center shows an email sent and a push that failed; the development mail page shows the email", async (t) => {
    const server = await startAccountServer({ args: ["--dev-mail", "--insecure-push", "--retry-base-ms", "200"] });
    t.after(() => server.stop());
    const site = await startSite(undefined, { proxy: `/api=${server.url}` });
    t.after(() => site.stop());
    server.cli("user", "acme", "vera", "--email", "vera@acme.example");
    const token = server.token("vera");
    const api = (path, method, body) => fetch(`${server.url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body),
    });
    assert.equal((await api("/v1/preferences", "PUT", { email: { errors: true, calls: true }, push: { errors: true, calls: false }, digest_minutes: 0, language: "en" })).status, 200);
    // A device whose push service says it is gone (the site answers 404 for this path).
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const p256dh = publicKey.export({ format: "der", type: "spki" }).subarray(-65).toString("base64url");
    const subscription = { endpoint: `${site.url}/gone.push`, keys: { p256dh, auth: randomBytes(16).toString("base64url") } };
    assert.equal((await api("/v1/push/subscriptions", "POST", subscription)).status, 201);

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(site.url);
    await appReady(page);
    await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token });
    const id = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Error", text: "Contact not found!", link: "/contacts/list/?term=4951234567" }));
    await page.click(".an-bell");
    const sent = page.locator(`.notification__item[data-id="${id}"] .an-entry__sent`);
    await page.waitForFunction((id) => /emailed \d\d:\d\d · push failed: the device is no longer subscribed \(404\)/.test(document.querySelector(`.notification__item[data-id="${id}"] .an-entry__sent`)?.textContent ?? ""), id, { timeout: 10000 });
    assert.equal(await sent.getAttribute("data-failed"), "true");
    await screenshot(page, "center-sent");

    // The email, as the development page shows it.
    const mail = await context.newPage();
    await mail.goto(`${server.url}/dev/mail`);
    assert.equal(await mail.locator("article").count(), 1);
    assert.equal(await mail.locator("article .subject").innerText(), "[acme] Error: Contact not found!");
    const frame = mail.frameLocator("article iframe");
    assert.match(await frame.locator("body").innerText(), /Contact not found!/);
    assert.equal(await frame.locator('a[href="http://127.0.0.1/contacts/list/?term=4951234567"]').count(), 1, "links made absolute to the account's address");
    await screenshot(mail, "dev-mail");
    // The HTML part alone, as a mail reader renders it.
    const html = await mail.locator("article iframe").getAttribute("srcdoc");
    const reader = await context.newPage();
    await reader.setViewportSize({ width: 720, height: 420 });
    await reader.setContent(html);
    await screenshot(reader, "email");
    await context.close();
  });
});

describe("mobile push on this device", () => {
  test("the service worker shows a pushed notification; the site is installable; a refused subscription is shown", async () => {
    const page = await device("nina", "/settings");
    await page.context().grantPermissions(["notifications"], { origin: env.site.url });
    // Installable: a manifest with icons, and a service worker controlling the root.
    const manifest = await (await fetch(`${env.site.url}/manifest.webmanifest`)).json();
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ["192x192", "512x512"]);
    assert.equal((await fetch(`${env.site.url}/assets/icon-512.png`)).headers.get("content-type"), "image/png");
    await page.evaluate(() => navigator.serviceWorker.ready);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration("/")).scope);
    assert.equal(scope, `${env.site.url}/`);

    // Headless Chromium cannot reach a real push service: switching push on says so.
    await page.locator('[data-channel="push"] input[data-kind="errors"]').waitFor();
    await page.click('[data-channel="push"] input[data-kind="errors"]');
    await page.locator('[data-channel="push"] .st-note').waitFor({ timeout: 10000 });
    assert.match(await page.locator('[data-channel="push"] .st-note').innerText(), /^Notifications are blocked for this site: /);

    // A push delivered through the DevTools protocol: a real notification, with where a click goes.
    const cdp = await page.context().newCDPSession(page);
    const registration = new Promise((resolve) => cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${env.site.url}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    }));
    await cdp.send("ServiceWorker.enable");
    const registrationId = await registration;
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: env.site.url, registrationId,
      data: JSON.stringify({ id: "push-1", title: "Incoming call", body: "Call from +1 (415) 523-7743", url: "/?entry=push-1" }),
    });
    const notifications = () => page.evaluate(async () => {
      const list = await (await navigator.serviceWorker.getRegistration("/")).getNotifications();
      return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data.url }));
    });
    let shown = [];
    for (let i = 0; i < 50 && shown.length === 0; i++) {
      await page.waitForTimeout(100);
      shown = await notifications();
    }
    assert.deepEqual(shown, [{ title: "Incoming call", body: "Call from +1 (415) 523-7743", tag: "push-1", url: "/?entry=push-1" }]);

    // Its click (the worker's own notificationclick handler, run on that notification: headless
    // Chromium has no notification to click) takes the app's window to the entry, and the center
    // opens there once the entry is loaded.
    await backendPost("nina", "push-1", "Call from +1 (415) 523-7743");
    const [worker] = page.context().serviceWorkers();
    await worker.evaluate(async () => {
      const [notification] = await self.registration.getNotifications();
      self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
    });
    await page.waitForURL(/\/\?entry=push-1$/, { timeout: 5000 });
    await appReady(page);
    await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token: page.token });
    // A bound for a loaded machine (the XSS corpus runs beside this file): about 1 s when idle.
    await page.locator('.notification__item[data-id="push-1"]').waitFor({ timeout: 15000 });
    assert.equal(await page.locator(".an-bell").getAttribute("aria-expanded"), "true");
    assert.equal((await worker.evaluate(() => self.registration.getNotifications())).length, 0, "the clicked notification is closed");
    await page.context().close();
  });
});
