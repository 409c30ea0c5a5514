// Delivery beyond the page (issue 3): the account's server as a real process on 127.0.0.1 that the
// tests start, kill and start again (the amocrm-notify-server binary, reached through the site's own
// origin as an API behind a reverse proxy would be), the live feed it pushes, the settings page,
// and the system notifications. The settings test also names a server without a token: a host's
// own server speaking the README's wire format (host-server.mjs), which our server is not.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, startProcess, startAccountServer, launch, appReady, screenshot, untilInPage } from "./harness.mjs";

const HERE = new URL(".", import.meta.url).pathname;
const ENDPOINT = "/api/v1/notifications";
const env = {};

before(async () => {
  env.server = await startAccountServer({ args: ["--rate", "100000", "--burst", "100000"] });
  env.host = await startProcess(`${HERE}host-server.mjs`, ["0"]);
  env.site = await startSite(undefined, { proxy: [`/api=${env.server.url}`, `/host=${env.host.url}`] });
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.site?.stop();
  await env.host?.stop();
  await env.server?.stop();
});

const host = async (path, init) => (await fetch(`${env.host.url}${path}`, init)).json();

const metric = (name) => env.server.metric(name);
/** The person's history on the server, newest first. */
const history = (user) => env.server.history(env.server.token(user));

/** A host's backend posting an entry for `user` (dated `date`, ms), no browser involved; the server's status. */
async function backendPost(user, id, text, date = Date.now()) {
  const answer = await fetch(`${env.server.url}/v1/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.server.token(user)}`, "content-type": "application/json" },
    body: JSON.stringify({ id, notification: { v: 1, id, method: "add_error", kind: "error", header: "From the server", text, date } }),
  });
  return answer.status;
}

async function open(context, path = "/") {
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => {
    if (["warning", "error"].includes(m.type()) && !/integrity|Failed to load resource/.test(m.text())) page.logs.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
  await page.goto(env.site.url + path);
  await appReady(page);
  return page;
}

/** Signs `page` in as `user` on the account's server. */
async function signIn(page, user) {
  const token = env.server.token(user);
  assert.equal(await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({ endpoint, token }), { endpoint: ENDPOINT, token }), true);
}

/** add_* with callbacks that record into window.__calls[id]. */
const addWithCallbacks = (page, method, params) => page.evaluate(({ method, params }) => {
  window.__calls ??= {};
  const log = [];
  const id = AMOCRM.notifications[method](params, {
    done: (n) => log.push(`done ${n.id}`),
    fail: (e) => log.push(`fail ${e.name}: ${e.message}`),
    always: () => log.push("always"),
  });
  window.__calls[id] = log;
  return id;
}, { method, params });
const callbacks = (page, id) => page.evaluate((id) => window.__calls[id], id);
const pendingMarks = (page) => page.locator(".an-entry__pending").count();
const bellSays = (page, label, timeout = 5000) =>
  page.waitForFunction((label) => document.querySelector(".an-bell")?.getAttribute("aria-label") === label, label, { timeout });

async function openCenter(page) {
  await page.bringToFront();
  if ((await page.locator(".an-bell").getAttribute("aria-expanded")) !== "true") await page.click(".an-bell");
}

describe("the account's server", () => {
  test("each add_* is POSTed once; while it is down they wait, across a reload, and arrive once each", async () => {
    const user = "outbox";
    const context = await env.browser.newContext();
    let page = await open(context);
    await signIn(page, user);
    const up = [
      await addWithCallbacks(page, "add_error", { header: "Sync", text: "first", link: "/leads/detail/1" }),
      await addWithCallbacks(page, "add_call", { text: "second", from: "+7 1", to: "Jason" }),
    ];
    await page.evaluate(() => AMOCRM.notifications.show_message({ header: "h", text: "never posted" }));
    for (const id of up) {
      await page.waitForFunction((id) => window.__calls[id].length === 2, id);
      assert.deepEqual(await callbacks(page, id), [`done ${id}`, "always"], "done once the server has it");
    }
    const first = await history(user);
    assert.deepEqual(first.map((e) => e.id).sort(), [...up].sort(), "both add_* stored, and no show_*");
    const error = first.find((e) => e.id === up[0]);
    const call = first.find((e) => e.id === up[1]);
    assert.equal(error.method, "add_error");
    assert.equal(error.link, "/leads/detail/1");
    assert.equal(call.call.from, "+7 1");

    // The server is killed: the calls still return ids at once; fail once each says "queued".
    await env.server.kill9();
    const down = [
      await addWithCallbacks(page, "add_error", { text: "made while down 1" }),
      await addWithCallbacks(page, "add_call", { text: "made while down 2", from: "+7 2" }),
    ];
    for (const id of down) {
      await page.waitForFunction((id) => window.__calls[id].length === 2, id);
      const [fail, always] = await callbacks(page, id);
      assert.match(fail, /^fail NotificationError: AMOCRM\.notifications\.add_(error|call): the account's server has not accepted the notification yet \(the server answered 502\); it is queued and will be delivered when the server answers$/);
      assert.equal(always, "always");
    }
    await openCenter(page);
    assert.equal(await pendingMarks(page), 2, "both show \"not delivered yet\"");

    // A reload while it is still down: the outbox is kept; one more call after it.
    await page.close();
    page = await open(context);
    await signIn(page, user);
    const afterReload = await addWithCallbacks(page, "add_error", { text: "made after the reload" });
    await openCenter(page);
    await page.waitForFunction(() => document.querySelectorAll(".an-entry__pending").length === 3);
    // Retries go on with backoff; fail is not called again (its log: fail, always; done to come).
    assert.equal((await callbacks(page, afterReload)).filter((line) => line.startsWith("fail")).length, 1);
    await screenshot(page, "center-outbox");

    // Back up (the same port and data): every waiting notification arrives, once each.
    await env.server.start();
    await page.waitForFunction(() => document.querySelectorAll(".an-entry__pending").length === 0, null, { timeout: 40_000 });
    const all = await history(user);
    assert.deepEqual(all.map((e) => e.id).sort(), [...up, ...down, afterReload].sort());
    // Counted by the restarted process: the three waiting ones, and no post of an id it had.
    assert.equal(await metric("notifications_accepted_total"), 3);
    assert.equal(await metric("notifications_repeated_total"), 0, "nothing sent twice");
    await page.waitForFunction((id) => window.__calls[id].length === 3, afterReload);
    const [fail, ...rest] = await callbacks(page, afterReload);
    assert.match(fail, /^fail NotificationError: .*it is queued/);
    assert.deepEqual(rest, ["always", `done ${afterReload}`], "done comes when the server has it");
    assert.deepEqual(page.logs, []);
    await context.close();
  });

  test("configure() refuses what is not a URL, naming the field", async () => {
    const context = await env.browser.newContext();
    const page = await open(context);
    const answers = await page.evaluate(() => [
      AMOCRM.notifications.configure({ endpoint: "javascript:alert(1)" }),
      AMOCRM.notifications.configure({ stream: 42 }),
      AMOCRM.notifications.configure("https://x"),
    ]);
    assert.deepEqual(answers, [false, false, false]);
    assert.deepEqual(page.logs, [
      'error: AMOCRM.notifications.configure: "endpoint" uses the "javascript:" scheme; only http(s) URLs and paths on this site are allowed',
      'error: AMOCRM.notifications.configure: "stream" must be a URL string, got a number',
      "error: AMOCRM.notifications.configure: expects an object { endpoint, stream, token, renew_token }, got a string",
    ]);
    await context.close();
  });
});

describe("the live feed", () => {
  test("entries the server pushes appear once; a dropped connection reconnects and catches up", async () => {
    const user = "feed";
    const context = await env.browser.newContext();
    const page = await open(context);
    await signIn(page, user);
    await bellSays(page, "Notifications");
    const first = Date.now();
    assert.equal(await backendPost(user, "srv-1", "pushed one", first), 201);
    await bellSays(page, "Notifications, 1 unread", 1000);
    // The same post again: the server answers as the first time, and nothing new is sent. The
    // marker: an entry posted after it; once it is here, the repeat has had its chance.
    assert.equal(await backendPost(user, "srv-1", "pushed one", first), 200);
    assert.equal(await backendPost(user, "srv-2", "pushed two"), 201);
    await bellSays(page, "Notifications, 2 unread", 1000);
    await openCenter(page);
    assert.deepEqual(await page.locator(".notification__item .an-entry__text").allInnerTexts(), ["pushed two", "pushed one"], "the same entry never shows twice");

    // Dropped: the server is killed and started again; it reconnects (with Last-Event-ID) and what
    // was posted meanwhile arrives.
    await env.server.kill9();
    await env.server.start();
    assert.equal(await backendPost(user, "srv-3", "pushed while disconnected"), 201);
    await bellSays(page, "Notifications, 3 unread", 10000);
    assert.deepEqual(await page.locator(".notification__item .an-entry__text").allInnerTexts(), ["pushed while disconnected", "pushed two", "pushed one"]);
    assert.equal(await page.locator(".an-entry__pending").count(), 0, "server entries are not sent back");
    // Pushed entries are kept like any other.
    await page.reload();
    await appReady(page);
    await bellSays(page, "Notifications, 3 unread");
    assert.equal(await metric("notifications_repeated_total"), 0, "the app never posted the server's entries back");
    assert.deepEqual(page.logs, []);
    await context.close();
  });
});

describe("the live feed of a host's own server (no token)", () => {
  const record = (id, text) => ({ v: 1, id, method: "add_error", kind: "error", header: "From the server", text, date: Date.now() });
  const push = (r) => host("/push", { method: "POST", body: JSON.stringify(r) });
  const streams = async (page, n) => {
    for (let i = 0; i < 200; i++) {
      if ((await host("/status")).streams === n) return;
      await page.waitForTimeout(50);
    }
    assert.fail(`expected ${n} open stream(s)`);
  };

  test("entries the server pushes appear once; a dropped connection reconnects and catches up", async () => {
    const context = await env.browser.newContext();
    const page = await open(context);
    await page.evaluate(() => AMOCRM.notifications.configure({ stream: "/host/stream" }));
    await streams(page, 1);
    const bell = () => page.locator(".an-bell").getAttribute("aria-label");
    await push(record("srv-1", "pushed one"));
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 1 unread", null, { timeout: 1000 });
    await push(record("srv-1", "pushed one, again"));
    // The marker: an entry pushed after the repeat. Once it is here, the repeat has had its turn.
    await push(record("srv-0", "marker"));
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 2 unread", null, { timeout: 1000 });
    await openCenter(page);
    assert.deepEqual(await page.locator(".notification__item .an-entry__text").allInnerTexts(), ["marker", "pushed one"], "the same entry never shows twice");

    // Dropped: it reconnects, and what was pushed meanwhile arrives (asked for after the last id).
    await host("/drop", { method: "POST" });
    await push(record("srv-2", "pushed while disconnected"));
    await streams(page, 1);
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 3 unread", null, { timeout: 5000 });
    await openCenter(page);
    assert.deepEqual(await page.locator(".notification__item .an-entry__text").allInnerTexts(), ["pushed while disconnected", "marker", "pushed one"]);
    assert.equal(await page.locator(".an-entry__pending").count(), 0, "server entries are not sent back");
    // Pushed entries are kept like any other.
    await page.reload();
    await appReady(page);
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label") === "Notifications, 3 unread");
    assert.deepEqual(page.logs, []);
    await context.close();
  });
});

describe("settings", () => {
  test("the settings page works by mouse and keyboard, shows a refusal, and its choices survive a reload", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 } });
    let page = await open(context);
    // Reached from the center.
    await page.click(".an-bell");
    await page.click(".an-panel__settings");
    await page.waitForURL(/\/settings$/);
    const sw = (name) => page.locator(`[data-channel="${name}"] [role="switch"]`);
    assert.equal(await sw("interface").getAttribute("aria-checked"), "true");
    assert.equal(await sw("interface").isDisabled(), true);
    for (const name of ["email", "push"]) {
      assert.equal(await sw(name).isDisabled(), true);
      assert.match(await page.locator(`[data-channel="${name}"]`).innerText(), /needs a server/);
    }
    // Headless Chromium answers a permission request with a refusal: it is shown.
    await sw("browser").click();
    await page.locator('[data-channel="browser"] .st-note').waitFor();
    assert.match(await page.locator('[data-channel="browser"] .st-note').innerText(), /refused|did not allow/);
    assert.equal(await sw("browser").getAttribute("aria-checked"), "false");

    await page.evaluate(() => AMOCRM.notifications.configure({ endpoint: "/host/notifications" }));
    await page.locator('[data-field="endpoint"] code').waitFor();
    assert.equal(await sw("email").isDisabled(), false);
    await sw("email").click(); // mouse
    await sw("push").focus(); // keyboard
    await page.keyboard.press("Space");
    assert.equal(await sw("email").getAttribute("aria-checked"), "true");
    assert.equal(await sw("push").getAttribute("aria-checked"), "true");
    await page.keyboard.press("Enter");
    assert.equal(await sw("push").getAttribute("aria-checked"), "false");
    await page.keyboard.press("Enter");

    // Granted this time: the browser channel switches on.
    await context.grantPermissions(["notifications"], { origin: env.site.url });
    await page.reload();
    await appReady(page);
    await sw("browser").click();
    await page.waitForFunction(() => document.querySelector('[data-channel="browser"] [role="switch"]').getAttribute("aria-checked") === "true");

    await page.close();
    page = await open(context, "/settings");
    await page.evaluate(() => AMOCRM.notifications.configure({ endpoint: "/host/notifications" }));
    await page.locator('[data-field="endpoint"] code').waitFor();
    for (const name of ["interface", "browser", "email", "push"]) {
      assert.equal(await sw(name).getAttribute("aria-checked"), "true", name);
    }
    await screenshot(page, "settings");
    // Another tab of the browser follows a switch made here.
    const other = await open(context, "/settings");
    await other.evaluate(() => AMOCRM.notifications.configure({ endpoint: "/host/notifications" }));
    await page.bringToFront();
    await sw("push").click();
    await other.waitForFunction(() => document.querySelector('[data-channel="push"] [role="switch"]').getAttribute("aria-checked") === "false");
    await sw("push").click();
    await other.waitForFunction(() => document.querySelector('[data-channel="push"] [role="switch"]').getAttribute("aria-checked") === "true");
    await other.close();
    // The server hears which channels are on.
    const id = await page.evaluate(() => AMOCRM.notifications.add_error({ text: "channels" }));
    await untilInPage(page, async (id) => (await (await fetch("/host/log")).json()).some((r) => r.id === id), id, { what: `the host's server has ${id}` });
    const posted = (await host("/log")).find((r) => r.id === id);
    assert.deepEqual(posted.channels, ["interface", "browser", "email", "push"]);
    assert.deepEqual(page.logs, []);
    await context.close();
  });
});

describe("system notifications", () => {
  test("while the page is hidden, add_* raises one; its click focuses the page and opens the entry", async () => {
    const context = await env.browser.newContext();
    await context.grantPermissions(["notifications"], { origin: env.site.url });
    // The real Notification, recorded as it is constructed.
    await context.addInitScript(() => {
      const Real = window.Notification;
      window.__shown = [];
      window.Notification = class extends Real {
        constructor(title, options) {
          super(title, options);
          window.__shown.push({ title, body: options?.body, tag: options?.tag, notification: this });
        }
      };
    });
    const page = await open(context, "/settings");
    await page.locator('[data-channel="browser"] [role="switch"]').click();
    await page.waitForFunction(() => localStorage.getItem("amocrm-notify:channels") === "browser");
    // Visible: no system notification.
    await page.evaluate(() => AMOCRM.notifications.add_error({ text: "while visible" }));
    // Headless Chromium keeps every page visible; the page is told it is hidden, as a tab switch would.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    const [withLink, withoutLink] = await page.evaluate(() => [
      AMOCRM.notifications.add_error({ header: "Sync failed", text: "warehouse <b>503</b>", link: "/leads/detail/77" }),
      AMOCRM.notifications.add_call({ text: "Missed call", from: "+7 3" }),
    ]);
    await page.evaluate(() => AMOCRM.notifications.show_message({ header: "x", text: "interface only" }));
    await page.waitForFunction(() => window.__shown.length === 2);
    assert.deepEqual(await page.evaluate(() => window.__shown.map(({ title, body, tag }) => ({ title, body, tag }))), [
      { title: "Sync failed", body: "warehouse 503", tag: withLink },
      { title: "Incoming call", body: "Missed call", tag: withoutLink },
    ]);
    // Click: the entry is read and its link opened in the app; one without a link opens the center on it.
    await page.evaluate(() => window.__shown[0].notification.dispatchEvent(new Event("click")));
    await page.waitForURL(/\/leads\/detail\/77$/);
    await page.evaluate(() => window.__shown[1].notification.dispatchEvent(new Event("click")));
    await page.locator("#an-notification-panel").waitFor();
    await page.waitForFunction((id) => document.activeElement?.closest(".notification__item")?.dataset.id === id, withoutLink);
    assert.equal(await page.locator(`.notification__item[data-id="${withLink}"]`).getAttribute("data-read"), "true");
    assert.equal(await page.locator(`.notification__item[data-id="${withoutLink}"]`).getAttribute("data-read"), "true");
    assert.deepEqual(page.logs, []);
    await context.close();
  });
});
