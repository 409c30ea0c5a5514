// Life off the sunny path (issue "Nothing a person does is lost, and they always know where they
// stand"): tokens refused and renewed, requests aborted, a browser offline for an hour, a server
// paused with SIGSTOP, two devices that disagree. The real amocrm-notify-server behind the site's
// origin (/api/ forwarded to it), each browser context a device.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { serverSiteAndBrowser, appReady, screenshot } from "./harness.mjs";

const env = serverSiteAndBrowser({ args: ["--rate", "100000", "--burst", "100000"] });
const ENDPOINT = "/api/v1/notifications";
const SECRET = "e2e-secret"; // the harness's account "acme"

const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** A token for `user` that lives `ttl` seconds, signed as the account's backend would. */
function sign(user, ttl) {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ acc: "acme", sub: user, iat: now, exp: now + ttl })}`;
  return `${head}.${createHmac("sha256", SECRET).update(head).digest("base64url")}`;
}

/** A page of `context` with the app open, recording warnings and errors. */
async function open(context, path = "/") {
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => {
    if (["warning", "error"].includes(m.type())) page.logs.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
  await page.goto(env.site.url + path);
  await appReady(page);
  return page;
}

const configure = (page, options) => page.evaluate((options) => AMOCRM.notifications.configure(options), options);

/** A device of `user`: a context of its own, signed in. */
async function device(user, { token = env.server.token(user), viewport = { width: 1280, height: 860 } } = {}) {
  const context = await env.browser.newContext({ viewport });
  const page = await open(context);
  assert.equal(await configure(page, { endpoint: ENDPOINT, token }), true);
  page.token = token;
  return page;
}

/** A host's backend posting an error for `user`, no browser involved. */
async function backendPost(user, id, text = `Error ${id}`) {
  const answer = await fetch(`${env.server.url}/v1/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${sign(user, 600)}`, "content-type": "application/json" },
    body: JSON.stringify({ id, notification: { v: 1, id, method: "add_error", kind: "error", header: "", text, date: Date.now() } }),
  });
  assert.equal(answer.status, 201);
}

/** The person's whole history on the server: { id: read }. */
async function serverState(user) {
  const state = {};
  for (const entry of await env.server.history(sign(user, 600))) {
    assert.equal(state[entry.id], undefined, `${entry.id} once`);
    state[entry.id] = entry.read;
  }
  return state;
}

/** Whether two { id: read } maps hold the same, in any order. */
const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Polls `check` (async, truthy when done) until it holds or `timeout` ms pass. */
async function until(check, timeout, what) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: not within ${timeout} ms (last: ${JSON.stringify(last)})`);
}

/** The page's center: { id: read } of every entry in the model, through the open panel. */
const centerState = (page) => page.evaluate(() => {
  const rows = [...document.querySelectorAll(".notification__item")];
  return Object.fromEntries(rows.map((row) => [row.dataset.id, row.dataset.read === "true"]));
});

async function openCenter(page) {
  await page.bringToFront();
  if ((await page.locator(".an-bell").getAttribute("aria-expanded")) !== "true") await page.click(".an-bell");
}

/** How many changes wait in this browser's IndexedDB (the `changes` store) for the server. */
const storedChanges = (page) => page.evaluate(() => new Promise((resolve) => {
  const request = indexedDB.open("amocrm-notify");
  request.onsuccess = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains("changes")) return resolve(0);
    const count = db.transaction("changes").objectStore("changes").count();
    count.onsuccess = () => { db.close(); resolve(count.result); };
  };
  request.onerror = () => resolve(0);
}));

/** What the bell's unread badge says (0 without one). */
const unread = (page) => page.evaluate(() => Number(document.querySelector(".an-bell__badge")?.textContent ?? 0));
/** The connection state the banner shows ("clear" when none). */
const banner = (page) => page.evaluate(() => {
  const shown = [...document.querySelectorAll(".an-banner")].find((b) => !b.hidden);
  return shown ? { state: shown.dataset.state, text: shown.querySelector(".an-banner__text")?.textContent ?? "" } : { state: "clear", text: "" };
});

describe("a change is never undone", () => {
  for (const mode of ["a refused token (401)", "aborted requests"]) {
    test(`a read made while the server answers with ${mode} survives a reload and reaches the server`, async () => {
      const user = `window-${mode.length}`;
      await backendPost(user, "w-1");
      await backendPost(user, "w-2");
      const page = await device(user);
      await until(() => unread(page).then((n) => n === 2), 5000, "both entries");
      // From now on /api/ refuses every token, or never answers.
      const refuse = (route) => mode.includes("401")
        ? route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ error: { code: "unauthorized", message: "refused" } }) })
        : route.abort("connectionreset");
      await page.route("**/api/**", refuse);
      await openCenter(page);
      await page.click('.notification__item[data-id="w-1"] .an-entry__toggle');
      await until(() => unread(page).then((n) => n === 1), 2000, "read here");
      // Kept in IndexedDB (the README's promise is for a stored change: a reload within a few
      // milliseconds of the click, before the write begins, is not what this test is about).
      await until(async () => (await storedChanges(page)) === 1, 3000, "the change is stored");
      // Reload while the server still cannot be reached: the read stays.
      await page.reload();
      await appReady(page);
      await configure(page, { endpoint: ENDPOINT, token: page.token });
      await until(() => unread(page).then((n) => n === 1), 5000, "still read after the reload").catch(async (error) => {
        throw new Error(`${error.message}; unread: ${await unread(page)}, changes stored: ${await storedChanges(page)}`);
      });
      assert.equal((await serverState(user))["w-1"], false, "the server has not heard yet");
      // The server answers again: the read is sent, and never undone here. After a refused token
      // the page gives a new one (the README's way back); after aborted requests the token is
      // still good, and the app's own retry delivers the read (backoff is capped at 30 s).
      await page.unroute("**/api/**");
      if (mode.includes("401")) await configure(page, { token: sign(user, 600) });
      await until(async () => (await serverState(user))["w-1"] === true, mode.includes("401") ? 5000 : 35000, "the server has the read");
      assert.equal(await unread(page), 1, "not undone on screen");
      await page.reload();
      await appReady(page);
      await configure(page, { endpoint: ENDPOINT, token: sign(user, 600) });
      await page.waitForTimeout(0);
      await until(() => unread(page).then((n) => n === 1), 5000, "still read after a clean reload");
      await page.context().close();
    });
  }

  test("a read made offline, the tab closed, reopened an hour later: still read, on the server too", async () => {
    const user = "hour";
    await backendPost(user, "h-1");
    const context = await env.browser.newContext();
    let page = await open(context);
    await configure(page, { endpoint: ENDPOINT, token: sign(user, 7200) });
    await until(() => unread(page).then((n) => n === 1), 5000, "the entry");
    await context.setOffline(true);
    await openCenter(page);
    await page.click('.notification__item[data-id="h-1"] .an-entry__toggle');
    await until(() => unread(page).then((n) => n === 0), 2000, "read here");
    // Kept in IndexedDB before the tab closes.
    await until(async () => (await storedChanges(page)) === 1, 3000, "the change is stored");
    await page.close();
    // An hour later, online again, a new tab.
    await context.clock.install({ time: Date.now() + 3_600_000 });
    await context.setOffline(false);
    page = await open(context);
    await configure(page, { endpoint: ENDPOINT, token: sign(user, 7200) });
    await until(async () => (await serverState(user))["h-1"] === true, 8000, "the server has the read");
    // Read here too once the page has both its stored change and the server's history.
    await until(() => unread(page).then((n) => n === 0), 3000, "still read here");
    assert.deepEqual(page.logs, []);
    await context.close();
  });

  test("two devices, one offline while the other changes the same entries, converge to the README's rule within 2 s", async () => {
    const user = "pair";
    for (const id of ["x", "y", "z"]) await backendPost(user, id);
    const laptop = await device(user);
    const phone = await device(user);
    for (const page of [laptop, phone]) await until(() => unread(page).then((n) => n === 3), 5000, "three entries");
    await laptop.context().setOffline(true);
    await openCenter(laptop);
    // Offline on the laptop: read x, remove y.
    await laptop.click('.notification__item[data-id="x"] .an-entry__toggle');
    await laptop.click('.notification__item[data-id="y"] .an-entry__remove');
    await laptop.waitForTimeout(50);
    // Later, on the phone: read x then unread it again (the later action), read y and z.
    await openCenter(phone);
    for (const id of ["x", "x", "y", "z"]) {
      await phone.click(`.notification__item[data-id="${id}"] .an-entry__toggle`);
      await phone.waitForTimeout(30);
    }
    await until(async () => {
      const s = await serverState(user);
      return s.x === false && s.y === true && s.z === true;
    }, 3000, "the phone's changes on the server");
    // The laptop comes back: within 2 s both devices and the server agree. y stays removed (a
    // removal always stands); x is unread (the phone's unread came later); z is read.
    const back = Date.now();
    await laptop.context().setOffline(false);
    const want = { x: false, z: true };
    await until(async () => same(await serverState(user), want), 2000, "the server");
    for (const page of [laptop, phone]) {
      await until(async () => same(await centerState(page), want), 2000, "each device");
    }
    const took = Date.now() - back;
    assert.ok(took < 2500, `converged in ${took} ms`);
    for (const page of [laptop, phone]) await page.context().close();
  });
});

describe("the person sees where they stand", () => {
  test("a server paused with SIGSTOP: the state appears, clears on resume, and a call made meanwhile is delivered once", async () => {
    const user = "paused";
    const page = await device(user);
    await backendPost(user, "p-0");
    await until(() => unread(page).then((n) => n === 1), 5000, "live");
    assert.equal((await banner(page)).state, "clear");
    env.server.child.kill("SIGSTOP");
    try {
      // A call made during the pause waits in the outbox. Its request is under way: the README
      // says it notices the pause at its 10-second deadline, and a state shows once the trouble
      // has lasted 2.5 s, so the mark is there within 12.5 s (15 s allowed for a busy machine).
      const made = Date.now();
      const id = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "During the pause", text: "Saved?" }));
      await page.waitForSelector(".an-bell__mark", { timeout: 40000 });
      const noticed = Date.now() - made;
      await openCenter(page);
      const shown = await banner(page);
      assert.equal(shown.state, "reconnecting", JSON.stringify(shown));
      assert.equal(shown.text, "Reconnecting… 1 change will sync", "the state, and the one call that waits");
      await screenshot(page, "status-reconnecting");
      const resumed = Date.now();
      env.server.child.kill("SIGCONT");
      await page.waitForSelector(".an-bell__mark", { state: "detached", timeout: 20000 });
      const recovered = Date.now() - resumed;
      console.log(`# outage noticed after ${noticed} ms, cleared ${recovered} ms after the resume`);
      assert.ok(noticed <= 15000, `a request under way notices at its 10 s deadline: noticed after ${noticed} ms`);
      // "It goes as soon as the server answers": the stream retries at least every 5 s.
      assert.ok(recovered <= 6000, `the mark goes within a few seconds of the resume: ${recovered} ms`);
      await until(async () => (await serverState(user))[id] === false, 10000, "the call reached the server");
      const state = await serverState(user); // asserts each id once
      assert.deepEqual(Object.keys(state).sort(), ["p-0", id].sort());
    } finally {
      env.server.child.kill("SIGCONT");
    }
    await page.context().close();
  });

  test("without renew_token: the event fires once, the state says signed out, and configure({ token }) brings everything back", async () => {
    const user = "expired";
    await backendPost(user, "e-1");
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await open(context);
    await page.evaluate(() => {
      window.unauthorized = [];
      addEventListener("amocrm-notify:unauthorized", (event) => window.unauthorized.push(event.detail));
    });
    // A token that lives 1 s (the server allows 5 s of clock skew).
    await configure(page, { endpoint: ENDPOINT, token: sign(user, 1) });
    await until(() => unread(page).then((n) => n === 1), 5000, "the history");
    await page.waitForTimeout(7000);
    // Past its exp: the next request is refused.
    const id = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Signed out?", text: "Kept" }));
    await openCenter(page);
    await page.click('.notification__item[data-id="e-1"] .an-entry__toggle');
    await page.waitForSelector('#amocrm-notify-popups .an-banner[data-state="signed-out"]', { timeout: 15000 });
    const shown = await banner(page);
    assert.equal(shown.text, "Signed out: sign in again");
    await screenshot(page, "status-signed-out");
    const events = await page.evaluate(() => window.unauthorized);
    assert.equal(events.length, 1, JSON.stringify(events));
    assert.equal(events[0].code, "token_expired");
    // Issue 33 item 15: the banner offers something to do: its button asks the page again.
    assert.equal(await page.locator("#amocrm-notify-popups .an-banner__action").innerText(), "Sign in");
    await page.click("#amocrm-notify-popups .an-banner__action");
    await until(() => page.evaluate(() => window.unauthorized.length === 2), 3000, "the page asked again");
    assert.equal((await page.evaluate(() => window.unauthorized))[1].code, "unauthorized");
    // The host signs the person in again.
    await configure(page, { token: sign(user, 600) });
    await page.waitForSelector(".an-bell__mark", { state: "detached", timeout: 10000 });
    await until(async () => {
      const s = await serverState(user);
      return s["e-1"] === true && s[id] === false;
    }, 10000, "the queued call and read reached the server");
    assert.equal((await page.evaluate(() => window.unauthorized)).length, 2, "once, and once for the button");
    assert.equal((await banner(page)).state, "clear");
    await context.close();
  });

  test("the states in Russian, dark, at phone size, and the offline state with changes waiting", async () => {
    const user = "looks";
    await backendPost(user, "l-1");
    await backendPost(user, "l-2");
    const page = await device(user, { viewport: { width: 390, height: 844 } });
    await until(() => unread(page).then((n) => n === 2), 5000, "entries");
    await page.context().setOffline(true);
    await openCenter(page);
    await page.click('.notification__item[data-id="l-1"] .an-entry__toggle');
    await page.click('.notification__item[data-id="l-2"] .an-entry__toggle');
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Offline", text: "Waits for the network" }));
    await page.waitForSelector('.an-banner[data-state="offline"]:not([hidden])', { timeout: 10000 });
    assert.equal((await banner(page)).text, "Offline: 3 changes will sync");
    await screenshot(page, "status-offline-phone");
    await page.context().setOffline(false);
    await page.waitForSelector(".an-bell__mark", { state: "detached", timeout: 10000 });
    await until(async () => {
      const s = await serverState(user);
      return s["l-1"] && s["l-2"] && Object.keys(s).length === 3;
    }, 5000, "the waiting changes reach the server");
    await page.context().close();

    // Russian and dark: a page whose language is Russian, its center restored from storage while
    // the server does not answer.
    await backendPost("looks-ru", "r-1");
    const context = await env.browser.newContext({ colorScheme: "dark", viewport: { width: 1366, height: 768 } });
    // The page's own language is Russian.
    await context.route((url) => new URL(url).pathname === "/", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: (await response.text()).replace("<html>", '<html lang="ru">') });
    });
    const ru = await open(context);
    await configure(ru, { endpoint: ENDPOINT, token: sign("looks-ru", 600) });
    await until(() => unread(ru).then((n) => n === 1), 5000, "history");
    await ru.waitForTimeout(500); // written to storage
    await ru.route("**/api/**", (route) => route.abort("connectionrefused"));
    await ru.reload();
    await appReady(ru);
    await configure(ru, { endpoint: ENDPOINT, token: sign("looks-ru", 600) });
    await openCenter(ru);
    await ru.waitForSelector('.an-banner[data-state="saved"]:not([hidden])', { timeout: 15000 });
    assert.match((await banner(ru)).text, /^Показана история, сохранённая в \d\d:\d\d$/);
    await screenshot(ru, "status-saved-ru-dark");
    await context.close();
  });
});

describe("in the embed", () => {
  test("the example host page shows signed out over its pop-ups, and the bell's mark, inside the shadow root", async () => {
    const user = "embedded";
    await backendPost(user, "m-1");
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/embed/example.html`);
    await page.waitForFunction(() => window.AMOCRM?.notifications?.__amocrmNotify?.call);
    await page.evaluate(() => {
      window.unauthorized = 0;
      addEventListener("amocrm-notify:unauthorized", () => window.unauthorized++);
    });
    await configure(page, { endpoint: ENDPOINT, token: sign(user, 1) });
    const inShadow = (selector) => page.evaluate((selector) => Boolean(document.querySelector("#notify-bell").shadowRoot?.querySelector(selector)), selector);
    await until(() => inShadow(".an-bell__badge"), 5000, "the history in the embed");
    await page.waitForTimeout(7000); // past the token's exp and the server's 5 s of skew
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "Embedded", text: "Waits for a new token" }));
    await until(() => inShadow('.an-banner[data-state="signed-out"]:not([hidden])'), 15000, "signed out in the pop-up region");
    assert.ok(await inShadow('.an-bell__mark[data-state="signed-out"]'), "the bell's mark");
    assert.equal(await page.evaluate(() => window.unauthorized), 1);
    assert.equal(await page.evaluate(() => document.querySelectorAll(".an-banner").length), 0, "nothing of ours outside the shadow root");
    await screenshot(page, "status-embed-signed-out");
    await configure(page, { token: sign(user, 600) });
    await until(async () => !(await inShadow(".an-bell__mark")), 10000, "clear again");
    await context.close();
  });
});

describe("tokens renew themselves", () => {
  test("4-second tokens through 8 expiries, 3 tabs, 1,000 notifications and 500 reads: never signed out, nothing lost or doubled, one renewal per expiry", async () => {
    const user = "renewing";
    // Eight lifetimes of a short token. The app renews a fifth of a life before exp, at least 2 s
    // before (the README): every 2 s here, once for the three tabs.
    const LIFE = 4;
    const RENEWED_EVERY = LIFE - 2;
    const DURATION = 8 * LIFE * 1000;
    const PER_SECOND = Math.ceil(1000 / (DURATION / 1000)) + 1;
    const READS_PER_SECOND = Math.ceil(500 / (DURATION / 1000)) + 1;
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const minted = [];
    await context.exposeFunction("mintToken", () => {
      const token = sign(user, LIFE);
      minted.push(Date.now());
      return token;
    });
    const first = sign(user, LIFE);
    const tabs = [];
    for (let i = 0; i < 3; i++) {
      const page = await open(context);
      await page.evaluate(() => {
        window.signedOut = 0;
        window.unauthorized = 0;
        addEventListener("amocrm-notify:unauthorized", () => window.unauthorized++);
        new MutationObserver(() => {
          if (document.querySelector('.an-banner[data-state="signed-out"]:not([hidden]), .an-bell__mark[data-state="signed-out"]')) window.signedOut++;
        }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
      });
      assert.equal(await page.evaluate(({ endpoint, token }) => AMOCRM.notifications.configure({
        endpoint, token, renew_token: () => window.mintToken(),
      }), { endpoint: ENDPOINT, token: first }), true);
      tabs.push(page);
    }
    const started = Date.now();
    const ids = [];
    let reads = 0;
    for (let second = 0; Date.now() - started < DURATION; second++) {
      const page = tabs[second % 3];
      if (ids.length < 1000) {
        ids.push(...await page.evaluate((n) => Array.from({ length: n }, (_, i) => AMOCRM.notifications.add_error({ header: "Burst", text: `n${i}` })), PER_SECOND));
      }
      if (reads < 500 && ids.length > 20) {
        await openCenter(page);
        // The list moves as entries arrive from the other tabs: the toggle is clicked as the
        // person's click reaches it (a DOM click on the row found unread), not at coordinates that
        // a new row may have taken meanwhile.
        for (let i = 0; i < READS_PER_SECOND && reads < 500; i++) {
          const clicked = await page.evaluate(() => {
            const row = document.querySelector('.notification__item[data-read="false"]');
            row?.querySelector(".an-entry__toggle").click();
            return Boolean(row);
          });
          if (clicked) reads++;
        }
      }
      await page.waitForTimeout(Math.max(0, started + (second + 1) * 1000 - Date.now()));
    }
    assert.ok(ids.length >= 1000, `${ids.length} made`);
    // Everything made and read reaches the server (the last changes may still be on their way).
    let state = {};
    await until(async () => {
      state = await serverState(user);
      return Object.keys(state).length === ids.length && Object.values(state).filter(Boolean).length === reads;
    }, 30000, "every notification and read on the server").catch((e) => {
      console.log(`# ${Object.keys(state).length} of ${ids.length} on the server, ${Object.values(state).filter(Boolean).length} of ${reads} read`);
      throw e;
    });
    assert.deepEqual(Object.keys(state).sort(), [...ids].sort(), "each once");
    // And each tab shows the same center.
    const label = `Notifications, ${ids.length - reads} unread`;
    for (const page of tabs) {
      await until(async () => (await page.locator(".an-bell").getAttribute("aria-label")) === label, 10000, `each tab says "${label}"`);
    }
    for (const page of tabs) {
      assert.equal(await page.evaluate(() => window.signedOut), 0, "never signed out");
      assert.equal(await page.evaluate(() => window.unauthorized), 0, "no unauthorized event");
    }
    // Renewed 2 s before each expiry: about every 2 s, once for all three tabs (per tab would be
    // three times as many).
    const seconds = (Date.now() - started) / 1000;
    console.log(`# ${minted.length} tokens minted in ${seconds.toFixed(0)} s for 3 tabs`);
    assert.ok(minted.length <= Math.ceil((1.5 * seconds) / RENEWED_EVERY) + 2, `${minted.length} renewals in ${seconds} s: once per expiry, not per tab`);
    assert.ok(minted.length >= Math.floor(seconds / LIFE), `${minted.length} renewals kept the tokens alive`);
    await context.close();
  });

  test("the <meta> route: the global function named by amocrm-notify:renew-token renews a token the server refuses", async () => {
    const user = "meta-renewed";
    await backendPost(user, "mr-1");
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const asked = [];
    // Defined by the page after the tag, as the README allows: looked up when it is needed.
    await context.exposeFunction("renewNotifyToken", ({ reason, token }) => {
      asked.push({ reason, token });
      return sign(user, 600);
    });
    const expired = sign(user, -60); // past its exp and the server's 5 s of skew
    await context.route((url) => new URL(url).pathname === "/", async (route) => {
      const response = await route.fetch();
      const tags = [
        `<meta name="amocrm-notify:endpoint" content="${ENDPOINT}">`,
        `<meta name="amocrm-notify:token" content="${expired}">`,
        '<meta name="amocrm-notify:renew-token" content="renewNotifyToken">',
      ].join("");
      await route.fulfill({ response, body: (await response.text()).replace("<head>", `<head>${tags}`) });
    });
    await context.addInitScript(() => {
      window.unauthorized = 0;
      addEventListener("amocrm-notify:unauthorized", () => window.unauthorized++);
    });
    const page = await open(context);
    await until(() => unread(page).then((n) => n === 1), 15000, "the history, with the renewed token");
    assert.ok(asked.length >= 1, "the page's function was asked");
    assert.equal(asked[0].token, expired, "with the token the <meta> tag gave");
    assert.ok(["expiring", "refused"].includes(asked[0].reason), asked[0].reason);
    assert.equal(await page.evaluate(() => window.unauthorized), 0, "never signed out");
    // The browser's own line for the refused request is the only one.
    assert.deepEqual(page.logs.filter((line) => !line.includes("status of 401")), []);
    await context.close();
  });
});
