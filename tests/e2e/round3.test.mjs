// Issue 33, what a demanding user hit in round 3: each test names its item and failed on the build
// before the fix.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { appReady, openPage, putPreferences, screenshot, serverAndSite, siteAndBrowser, storeHolds } from "./harness.mjs";

const env = siteAndBrowser();

describe("round 3", () => {
  test("item 11: the bell, the panel's head and the tabs show one unread count by one rule", async () => {
    const page = await openPage(env.browser, env.site.url);
    await appReady(page);
    await page.evaluate(() => {
      for (let i = 0; i < 120; i++) AMOCRM.notifications.add_error({ header: "Sync", text: `error ${i}`, timeout: 1 });
    });
    await page.locator(".an-bell__badge").waitFor();
    await page.waitForFunction(() => document.querySelector(".an-bell")?.getAttribute("aria-label")?.includes("120"));
    await page.click(".an-bell");
    const shown = await page.evaluate(() => ({
      badge: document.querySelector(".an-bell__badge").textContent.trim(),
      head: document.querySelector(".an-panel__title small").firstChild.textContent.trim(),
      headTooltip: document.querySelector(".an-panel__title small").title,
      unreadTab: document.querySelector('.an-tab[data-filter="Unread"] .an-tab__count').textContent.trim(),
      unreadTabTooltip: document.querySelector('.an-tab[data-filter="Unread"]').title,
      bellName: document.querySelector(".an-bell").getAttribute("aria-label"),
    }));
    assert.deepEqual(
      { badge: shown.badge, head: shown.head, unreadTab: shown.unreadTab },
      { badge: "99+", head: "99+", unreadTab: "99+" },
    );
    for (const exact of [shown.headTooltip, shown.unreadTabTooltip, shown.bellName]) assert.match(exact, /\b120\b/);
    await page.close();
  });

  test("item 17: done hears element.name only when the widget gave one; the screen labels it", async () => {
    const page = await openPage(env.browser, env.site.url);
    await appReady(page);
    const heard = await page.evaluate(() => {
      const done = (resolve) => ({ done: (n) => resolve(n.element) });
      return Promise.all([
        new Promise((resolve) => AMOCRM.notifications.add_call({ text: "Call", element: { id: 18221265, type: "contact" } }, done(resolve))),
        new Promise((resolve) => AMOCRM.notifications.add_call({ text: "Call", element: { id: 42, type: "lead", name: "Website order" } }, done(resolve))),
      ]);
    });
    assert.deepEqual(heard, [
      { id: 18221265, type: "contact" },
      { id: 42, type: "lead", name: "Website order" },
    ]);
    // On screen the nameless element still has a label of its own.
    await page.getByText("#18221265").first().waitFor();
    await page.close();
  });

  test("item 4: where an entry went is readable whole on every row, in both languages, at 1366 and 390", async (t) => {
    // "Only if unread" with a minute of one second: an error read at once is not emailed, and its
    // row says so, the longest status there is ("прочитано, письмо не отправлено").
    const { server, site } = await serverAndSite(t, { args: ["--digest-minute-secs", "1"] });
    server.cli("user", "acme", "zoya", "--email", "zoya@acme.example");
    const token = server.token("zoya");
    await putPreferences(server, token, { email: { errors: true, calls: true }, email_unread_minutes: 1, language: "ru" });
    for (const [lang, viewport, expected] of [
      ["ru", { width: 1366, height: 768 }, /^прочитано, письмо не отправлено$/],
      ["ru", { width: 390, height: 844 }, /^прочитано, письмо не отправлено$/],
      ["en", { width: 1366, height: 768 }, /^read in the app, not emailed$/],
    ]) {
      const context = await env.browser.newContext({ viewport });
      await context.addInitScript((lang) => localStorage.setItem("amocrm-notify:language", lang), lang);
      const page = await context.newPage();
      await page.goto(site.url);
      await appReady(page);
      await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), token);
      const id = await page.evaluate(() => AMOCRM.notifications.add_error({
        header: "Telephony", text: "Could not sync the call log: 503 from the PBX, the third time this hour",
      }));
      await page.click(".an-bell");
      const row = `.notification__item[data-id="${id}"]`;
      await page.locator(row).waitFor();
      // Read at once, by opening its menu's "mark read" or by the center's own read-all.
      await page.click(".an-panel__action");
      const sent = `${row} .an-entry__sent`;
      await page.waitForFunction((sent) => document.querySelector(sent)?.textContent, sent, { timeout: 15000 });
      const status = await page.evaluate((sent) => {
        const el = document.querySelector(sent);
        const line = el.closest(".an-entry__meta").getBoundingClientRect();
        const entry = el.closest(".notification__item").getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {
          text: el.textContent,
          cut: el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5,
          inside: r.left >= line.left - 0.5 && r.right <= line.right + 0.5 && r.bottom <= line.bottom + 0.5
            && r.bottom <= entry.bottom + 0.5 && r.width > 0,
          rects: { r: r.toJSON(), line: line.toJSON(), entry: entry.toJSON() },
        };
      }, sent);
      assert.match(status.text, expected);
      assert.equal(status.cut, false, `${lang} ${viewport.width}: "${status.text}" is cut off`);
      assert.equal(status.inside, true, `${lang} ${viewport.width}: "${status.text}" shows whole inside its row: ${JSON.stringify(status.rects)}`);
      await screenshot(page, `round3-status-${lang}-${viewport.width}`);
      await context.close();
    }
  });

  test("item 13: the inspector's id badges and Copy JSON buttons keep to one line, with two-digit ids", async () => {
    const page = await openPage(env.browser, `${env.site.url}/?inspector`, { viewport: { width: 1366, height: 768 } });
    await appReady(page);
    await page.evaluate(() => {
      for (let i = 0; i < 12; i++) AMOCRM.notifications.show_message_error({ header: "Ошибка", text: `Тёмная тема: ошибка ${i}` });
    });
    await page.locator('.an-inspector li[data-seq]').nth(11).waitFor();
    const broken = await page.evaluate(() => [...document.querySelectorAll(".an-inspector .ai-result, .an-inspector .ai-call .ai-btn")]
      .map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return { text: el.textContent, lines: lines.size };
      })
      .filter((piece) => piece.lines !== 1));
    assert.deepEqual(broken, []);
    assert.ok(await page.locator(".an-inspector .ai-result", { hasText: /-1[01]$/ }).count() >= 2, "two-digit ids are there");
    await screenshot(page, "round3-inspector-badges");
    await page.close();
  });

  test("item 8: Offline is readable on the closed bell, named on hover, and announced politely once", async (t) => {
    const { server, site } = await serverAndSite(t);
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(site.url);
    await appReady(page);
    await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), server.token("olga"));
    const announcement = page.locator("[data-connection-announcement]");
    assert.equal(await announcement.textContent(), "");
    await context.setOffline(true);
    await page.evaluate(() => AMOCRM.notifications.add_error({ text: "made while offline" }));
    const mark = page.locator(".an-bell__mark");
    await mark.waitFor();
    await page.waitForFunction(() => document.querySelector("[data-connection-announcement]").textContent === "Offline");
    const bell = await page.evaluate(() => {
      const mark = document.querySelector(".an-bell__mark").getBoundingClientRect();
      const button = document.querySelector(".an-bell");
      return { width: mark.width, height: mark.height, title: button.title, name: button.getAttribute("aria-label") };
    });
    assert.ok(bell.width >= 12 && bell.height >= 12, `a mark to see at a glance: ${bell.width}×${bell.height}`);
    assert.match(bell.title, /Offline: 1 change will sync/);
    assert.equal(bell.name, bell.title);
    // A second change while offline says nothing new to a screen reader.
    await page.evaluate(() => AMOCRM.notifications.add_error({ text: "another" }));
    await page.waitForFunction(() => document.querySelector(".an-bell").title.includes("2 changes"));
    assert.equal(await announcement.textContent(), "Offline");
    await screenshot(page, "round3-bell-offline");
    await context.setOffline(false);
    await page.waitForFunction(() => !document.querySelector(".an-bell__mark"), null, { timeout: 20000 });
    assert.equal(await announcement.textContent(), "");
    await context.close();
  });

  test("item 14: the playground's invalid-JSON error comes into view at 768 px and is announced", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 1366, height: 768 } });
    await appReady(page);
    const answer = page.locator(".an-playground [role=status][aria-live=polite]");
    assert.equal(await answer.count(), 1, "a live region, there before the first answer");
    assert.equal((await answer.textContent()).trim(), "");
    await page.fill("#pg-params", "{ \"header\": \"Warning\", ");
    await page.click(".pg-call");
    const result = page.locator(".pg-result");
    await result.waitFor();
    assert.match(await answer.innerText(), /^not valid JSON: /);
    await page.waitForFunction(() => {
      const r = document.querySelector(".pg-result").getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, null, { timeout: 3000 });
    await screenshot(page, "round3-playground-error");
    await page.close();
  });

  test("item 2: on the phone's deck, Enter on the front pop-up's close moves focus to the next pop-up, not the bell", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 390, height: 844 } });
    await appReady(page);
    await page.evaluate(() => {
      for (let i = 1; i <= 4; i++) AMOCRM.notifications.show_message_error({ header: "Ошибка", text: `Ошибка ${i}` });
    });
    await page.locator(".an-popups__more").waitFor();
    const focused = () => page.evaluate(() => {
      const active = document.activeElement;
      return {
        popup: active?.closest("[data-id]")?.dataset.id ?? null,
        close: active?.classList.contains("an-popup__close") ?? false,
        bell: active?.classList.contains("an-bell") ?? false,
      };
    });
    await page.locator("#amocrm-notify-popups [data-id] .an-popup__close").first().focus();
    const seen = [];
    for (let round = 0; round < 3; round++) {
      const before = await focused();
      assert.equal(before.close, true, `round ${round}: focus is on a close button`);
      seen.push(before.popup);
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => {
        const active = document.activeElement;
        return active?.classList.contains("an-bell") || (active?.classList.contains("an-popup__close") && active.closest("[data-id]")?.dataset.id !== id);
      }, before.popup, { timeout: 5000 });
      const after = await focused();
      assert.equal(after.bell, false, `round ${round}: focus went to the bell`);
      assert.equal(after.close, true);
    }
    assert.equal(new Set(seen).size, 3, "three different pop-ups closed in turn");
    assert.equal(await page.locator(".an-bell").getAttribute("aria-expanded"), "false", "the center stayed closed");
    await page.close();
  });

  test("item 16: on a phone, Back with the center open closes the panel and stays on the page", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/contacts`);
    await appReady(page);
    await page.goto(env.site.url);
    await appReady(page);
    await page.evaluate(() => { window.__samePage = true; AMOCRM.notifications.add_error({ text: "an entry" }); });
    await page.click(".an-bell");
    await page.locator("#an-notification-panel").waitFor();
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector("#an-notification-panel"));
    assert.equal(await page.evaluate(() => window.__samePage === true && location.pathname), "/", "still on this page");
    // Closed another way, the panel's entry goes too: Back then leaves, as it would have.
    await page.click(".an-bell");
    await page.locator("#an-notification-panel").waitFor();
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("#an-notification-panel") && !history.state?.amocrmNotifyPanel);
    await page.goBack();
    await page.waitForFunction(() => location.pathname === "/contacts");
    await context.close();
  });

  test("item 1: on a phone a ringing call is in front of the deck, whatever came after it", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 390, height: 844 } });
    await appReady(page);
    const calls = [];
    for (let round = 1; round <= 5; round++) {
      calls.push(await page.evaluate((round) => {
        const n = AMOCRM.notifications;
        n.add_error({ header: "Sync", text: `error ${round}` });
        n.show_message({ header: "Saved", text: `message ${round}` });
        const call = n.add_call({ header: "Incoming call", text: `Call ${round} from +7 495 123-45-67`, from: "Ivan" });
        n.show_message_error({ header: "Connection", text: `connection error ${round}` });
        return call;
      }, round));
    }
    const newest = calls.at(-1);
    // The one in front is the newest call, rendered and on screen.
    await page.waitForFunction((id) => {
      const shown = [...document.querySelectorAll("#amocrm-notify-popups [data-id]")];
      const front = shown.at(-1);
      if (!front || front.dataset.id !== id) return false;
      const r = front.getBoundingClientRect();
      return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight;
    }, newest, { timeout: 5000 });
    await screenshot(page, "round3-call-in-front-phone");
    // Closed, it gives way to the call before it, which still rings.
    await page.click(`#amocrm-notify-popups [data-id="${newest}"] .an-popup__close`);
    await page.waitForFunction((id) => [...document.querySelectorAll("#amocrm-notify-popups [data-id]")].at(-1)?.dataset.id === id,
      calls.at(-2), { timeout: 5000 });
    await page.close();
  });

  test("item 7: scrolled to the end, nothing on the dashboard or in Settings stays under the inspector", async () => {
    const page = await openPage(env.browser, `${env.site.url}/?inspector`, { viewport: { width: 1366, height: 768 } });
    await appReady(page);
    await page.locator(".an-inspector").waitFor();
    // What is under the inspector's box, once the page is scrolled to its end: each element
    // that would be covered must be reachable (its own point is not the inspector's).
    const covered = () => page.evaluate(() => {
      window.scrollTo(0, document.scrollingElement.scrollHeight);
      const inspector = document.querySelector(".an-inspector").getBoundingClientRect();
      const targets = [...document.querySelectorAll("main button, main a, main p, main dd, main dt, main h2, main h3, main li")];
      return targets.filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.bottom <= inspector.top || r.top >= inspector.bottom || r.left >= inspector.right) return false;
        const x = Math.min(r.left + 4, inspector.right - 1), y = Math.min(r.top + r.height / 2, innerHeight - 1);
        return document.elementFromPoint(x, y)?.closest(".an-inspector") != null;
      }).map((el) => el.textContent.trim().slice(0, 40));
    });
    assert.deepEqual(await covered(), [], "on the dashboard");
    await page.evaluate(() => AMOCRM.notifications.show_message({ header: "Inspector", text: "a call to list" }));
    await page.click('a[href="/settings"]');
    await page.locator(".an-inspector").waitFor();
    assert.deepEqual(await covered(), [], "in Settings");
    await screenshot(page, "round3-inspector-settings-bottom");
    await page.close();
  });

  test("item 12: in Russian the inspector, the demo frame and the phone head speak Russian; at 390 px the tabs keep to one line", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
    await context.addInitScript(() => localStorage.setItem("amocrm-notify:inspector-view", "open"));
    const page = await context.newPage();
    await page.goto(`${env.site.url}/?inspector`);
    await appReady(page);
    await page.evaluate(() => {
      for (let i = 0; i < 120; i++) AMOCRM.notifications.add_error({ header: "Синхронизация", text: `ошибка ${i}`, timeout: 1 });
      AMOCRM.notifications.add_call({ text: "Звонок", timeout: 1 });
    });
    const inspector = page.locator(".an-inspector");
    await inspector.locator("li[data-seq]").first().waitFor();
    const words = await inspector.evaluate((el) => [...el.querySelectorAll(".ai-title, .ai-head button, .ai-call .ai-btn, .ai-callbacks")]
      .map((node) => (node.getAttribute("aria-label") ?? "") + " " + node.textContent));
    const english = words.filter((text) => /\b(API inspector|Copy|Clear|Collapse|callbacks|none)\b/.test(text));
    assert.deepEqual(english, [], "no English words in the inspector");
    assert.match(await inspector.locator(".ai-title").innerText(), /^Инспектор API\s*121 вызов$/);
    await page.evaluate(() => localStorage.setItem("amocrm-notify:inspector-view", "collapsed"));
    await page.reload();
    await appReady(page);
    await page.evaluate(() => {
      for (let i = 0; i < 120; i++) AMOCRM.notifications.add_error({ header: "Синхронизация", text: `ошибка ${i}`, timeout: 1 });
    });
    await page.click(".an-bell");
    const tops = await page.locator(".an-tab").evaluateAll((tabs) => tabs.map((t) => Math.round(t.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `the tabs on one line: ${tops}`);
    const lines = await page.locator(".an-tab").evaluateAll((tabs) => tabs.map((t) => {
      const range = document.createRange();
      range.selectNodeContents(t);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }));
    assert.deepEqual(lines, [1, 1, 1, 1], "each tab on one line");
    // The head says "99+ новых" on a phone as on a desktop, whole, beside the tools.
    const head = await page.evaluate(() => {
      const word = document.querySelector(".an-panel__word").getBoundingClientRect();
      const name = document.querySelector(".an-panel__name");
      return {
        text: document.querySelector(".an-panel__title small").textContent,
        word: { width: word.width, right: word.right },
        tools: document.querySelector(".an-panel__tools").getBoundingClientRect().left,
        nameCut: name.scrollWidth > name.clientWidth,
      };
    });
    assert.equal(head.text, "99+ новых");
    assert.ok(head.word.width > 20 && head.word.right <= head.tools, JSON.stringify(head));
    assert.equal(head.nameCut, false, "Уведомления is not cut");
    // The demo's own frame speaks Russian too.
    const frame = await page.evaluate(() => ({
      nav: [...document.querySelectorAll(".crm-nav-link")].map((link) => link.textContent),
      search: document.querySelector(".crm-search").placeholder,
      menu: document.querySelector(".crm-menu").getAttribute("aria-label"),
    }));
    assert.deepEqual(frame, {
      nav: ["Рабочий стол", "Сделки", "Контакты", "Компании", "Настройки"],
      search: "Поиск сделок, контактов, компаний",
      menu: "Меню",
    });
    await screenshot(page, "round3-tabs-ru-390");
    await context.close();
  });

  test("item 6: settings show the language emails really use; changing one setting changes only it", async (t) => {
    const { server, site } = await serverAndSite(t);
    server.cli("user", "acme", "vera", "--email", "vera@acme.example");
    const token = server.token("vera");
    // Chosen on another device: Russian emails, dated in Moscow.
    await putPreferences(server, token, { email: { errors: true, calls: false }, language: "ru", time_zone: "Europe/Moscow" });
    const stored = async () => (await (await fetch(`${server.url}/v1/preferences`, { headers: { authorization: `Bearer ${token}` } })).json());
    const context = await env.browser.newContext({ locale: "en-US", timezoneId: "UTC", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/settings`);
    await appReady(page);
    await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), token);
    const emailLanguage = page.locator('[data-field="email-language"]');
    await emailLanguage.waitFor({ timeout: 10000 });
    assert.match(await emailLanguage.innerText(), /Your emails are in Russian/);
    // One switch: only it changes, not the language or the zone.
    await page.click('[data-channel="email"] input[data-kind="calls"]');
    for (let i = 0; !(await stored()).email.calls; i++) {
      assert.ok(i < 100, "the switch reaches the server");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const afterSwitch = await stored();
    assert.equal(afterSwitch.language, "ru", "the emails' language is left as it was");
    assert.equal(afterSwitch.time_zone, "Europe/Moscow", "the emails' zone is left as it was");
    await screenshot(page, "round3-settings-email-language");
    // The interface's language: the emails' goes with it, the zone does not.
    await page.locator('[data-field="language"]').selectOption("ru");
    await emailLanguage.waitFor({ state: "detached", timeout: 10000 });
    const afterLanguage = await stored();
    assert.equal(afterLanguage.language, "ru");
    assert.equal(afterLanguage.time_zone, "Europe/Moscow");
    await context.close();
  });

  test("item 5: settings during an outage show the choices just made, the outage and what waits, as the bell does", async (t) => {
    const { server, site } = await serverAndSite(t);
    server.cli("user", "acme", "nina", "--email", "nina@acme.example");
    const token = server.token("nina");
    await putPreferences(server, token, { email: { errors: true, calls: true }, language: "ru", time_zone: "Europe/Moscow" });
    const stored = async () => (await (await fetch(`${server.url}/v1/preferences`, { headers: { authorization: `Bearer ${token}` } })).json());
    const context = await env.browser.newContext({ locale: "ru-RU", timezoneId: "Europe/Moscow", viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const configure = () => page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), token);
    await page.goto(`${site.url}/settings`);
    await appReady(page);
    await configure();
    const digest = page.locator('select[data-field="digest"]');
    const unread = page.locator('select[data-field="unread"]');
    await digest.waitFor({ timeout: 10000 });
    assert.equal(await page.locator('[data-field="connection"]').innerText(), "Подключено.");
    server.child.kill("SIGSTOP");
    t.after(() => server.child.kill("SIGCONT"));
    await digest.selectOption("15");
    await unread.selectOption("60");
    // Both changes are in this browser's storage before the reload.
    await storeHolds(page, "changes", 2);
    await page.reload();
    await appReady(page);
    await configure();
    // At once, not after the outage: the choices as this browser knows them.
    await digest.waitFor({ timeout: 3000 });
    assert.equal(await digest.inputValue(), "15", "the digest just chosen");
    assert.equal(await unread.inputValue(), "60", "the unread window just chosen");
    assert.equal(await page.locator('[data-field="preferences-wait"]').count(), 0, "no 'Загрузка…' hiding them");
    // The outage, said on the page as the bell says it: the requests under way notice at their deadline.
    const away = page.locator('[data-field="away"]');
    await away.waitFor({ timeout: 20000 });
    const shown = await page.evaluate(() => ({
      away: document.querySelector('[data-field="away"] strong').textContent,
      connection: document.querySelector('[data-field="connection"]').textContent,
      outbox: document.querySelector('[data-field="outbox"]').textContent,
      bell: document.querySelector(".an-bell").title,
    }));
    assert.match(shown.away, /^(Переподключение…|Нет сети:?) 2 изменения сохранятся после подключения$/, JSON.stringify(shown));
    assert.equal(shown.connection, shown.away, "the connection line says what the note says");
    assert.ok(shown.bell.endsWith(`. ${shown.away}`), `the bell says the same: ${shown.bell}`);
    assert.equal(shown.outbox, "2 изменения ждут отправки на сервер.", "the outbox counts what the bell counts");
    assert.match(await away.innerText(), /сохранён в этом браузере и отправится, когда сервер вернётся/);
    await screenshot(page, "round3-settings-during-outage-ru");
    server.child.kill("SIGCONT");
    await away.waitFor({ state: "detached", timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('[data-field="outbox"]').textContent === "Ничего не ждёт отправки.", null, { timeout: 20000 });
    const after = await stored();
    assert.equal(after.digest_minutes, 15);
    assert.equal(after.email_unread_minutes, 60);
    assert.equal(await page.locator('[data-field="connection"]').innerText(), "Подключено.");
    // Away at a reload with nothing waiting: the preferences this browser last had, the person's own only.
    const other = server.token("oleg");
    server.child.kill("SIGSTOP");
    await page.reload();
    await appReady(page);
    await configure();
    await digest.waitFor({ timeout: 3000 });
    assert.equal(await digest.inputValue(), "15", "kept from the last answer");
    await page.reload();
    await appReady(page);
    await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), other);
    await page.waitForFunction(() => document.querySelector('[data-field="preferences-wait"]')?.textContent.startsWith("Ваш выбор появится"), null, { timeout: 20000 });
    assert.equal(await digest.count(), 0, "another person never sees nina's choices");
    await screenshot(page, "round3-settings-away-no-copy-ru");
    server.child.kill("SIGCONT");
    await context.close();
  });

  // Long enough to be cut everywhere: a header past one line, a text past four, a link at its end.
  const LONG = {
    en: {
      header: "Telephony sync failed for the Moscow office PBX and the Saint Petersburg branch",
      text: "Could not sync the call log with the PBX: the telephony server answered 503. ".repeat(8) +
        'The last line: <a href="https://status.example.com/pbx">the status page</a>.',
    },
    ru: {
      header: "Ошибка синхронизации телефонии московского офиса и петербургского филиала",
      text: "Не удалось синхронизировать журнал звонков с АТС: сервер телефонии вернул ошибку 503. ".repeat(8) +
        'Последняя строка: <a href="https://status.example.com/pbx">страница состояния</a>.',
    },
  };
  const plain = (html) => html.replace(/<[^>]+>/g, "");

  /** Reads the long entry in full from the center, starting from its row; returns what it showed. */
  async function readInCenter(page, id, how) {
    const row = page.locator(`.an-center-entry[data-id="${id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute("data-cut"), "", "the row knows it is cut");
    const more = row.locator(".an-entry__more");
    assert.equal(await more.evaluate((b) => getComputedStyle(b).opacity), "1", "Read in full is in sight without hover");
    if (how === "keyboard") {
      await row.locator(".an-entry").focus();
      for (let i = 0; i < 4 && !(await more.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
    } else if (how === "touch") {
      await more.tap();
    } else {
      await more.click();
    }
    const detail = page.locator(`.an-detail[data-id="${id}"]`);
    await detail.waitFor();
    return detail.evaluate((el) => {
      const header = el.querySelector(".an-detail__header");
      const body = el.querySelector(".an-detail__body");
      return {
        header: header.textContent,
        headerWhole: header.scrollWidth <= header.clientWidth,
        text: el.querySelector(".an-detail__text").textContent,
        link: el.querySelector(".an-detail__text a")?.href,
        focused: document.activeElement?.className.includes("an-detail__back"),
        scrolls: body.scrollHeight > body.clientHeight ? getComputedStyle(body).overflowY : "fits",
        read: document.querySelector(".an-bell").getAttribute("aria-label"),
      };
    });
  }

  for (const { lang, width, height, how } of [
    { lang: "en", width: 1366, height: 768, how: "mouse" },
    { lang: "ru", width: 1366, height: 768, how: "keyboard" },
    { lang: "ru", width: 390, height: 844, how: "touch" },
  ]) {
    test(`item 3: a long entry is read in full, in the center and in its pop-up (${lang}, ${width} px, ${how})`, async () => {
      const long = LONG[lang];
      const context = await env.browser.newContext({
        viewport: { width, height }, locale: lang === "ru" ? "ru-RU" : "en-US", hasTouch: how === "touch", isMobile: how === "touch",
      });
      const page = await context.newPage();
      await page.goto(env.site.url);
      await appReady(page);
      const id = await page.evaluate((long) => AMOCRM.notifications.add_error(long), long);
      // The pop-up: cut, "Show all" shows it whole in place.
      const popup = page.locator(`.an-popup[data-id="${id}"]`);
      await popup.waitFor();
      const more = popup.locator(".an-popup__more");
      await more.waitFor();
      assert.equal(await more.getAttribute("aria-expanded"), "false");
      if (how === "touch") await more.tap(); else if (how === "keyboard") { await more.focus(); await page.keyboard.press("Enter"); } else await more.click();
      await popup.locator(".an-popup__more[aria-expanded=true]").waitFor();
      const shown = await popup.evaluate((el) => {
        const header = el.querySelector(".an-popup__header");
        const text = el.querySelector(".an-popup__text");
        return {
          headerWhole: header.scrollWidth <= header.clientWidth + 1 && header.getClientRects().length > 0,
          headerText: header.textContent,
          text: text.textContent,
          // Whole: no clamp; what is taller than half the screen scrolls inside the pop-up.
          clamp: getComputedStyle(text).webkitLineClamp,
          reachable: text.scrollHeight <= text.clientHeight + 1 || getComputedStyle(text).overflowY === "auto",
          inView: el.getBoundingClientRect().bottom <= innerHeight + 1 && el.getBoundingClientRect().top >= 0,
        };
      });
      assert.equal(shown.headerText, long.header);
      assert.ok(shown.headerWhole, "the header wraps instead of being cut");
      assert.equal(shown.text, plain(long.text));
      assert.equal(shown.clamp, "none");
      assert.ok(shown.reachable, "every line can be reached");
      assert.ok(shown.inView, "the pop-up shown whole stays on screen");
      await screenshot(page, `round3-long-popup-whole-${lang}-${width}`);
      await popup.locator(".an-popup__close").click();
      await popup.waitFor({ state: "detached" });
      // The center: "Read in full", by mouse, keyboard or touch.
      if (how === "touch") await page.locator(".an-bell").tap(); else await page.click(".an-bell");
      const read = await readInCenter(page, id, how);
      assert.equal(read.header, long.header);
      assert.ok(read.headerWhole, "the header whole");
      assert.equal(read.text, plain(long.text));
      assert.equal(read.link, "https://status.example.com/pbx", "its link is live");
      assert.ok(read.focused, "the keyboard is on Back");
      assert.notEqual(read.scrolls, "hidden", "a text longer than the panel scrolls");
      assert.ok(!/unread|не прочитано|новых|новое/.test(read.read), `reading it read it: ${read.read}`);
      await screenshot(page, `round3-long-entry-read-in-full-${lang}-${width}-${how}`);
      // Escape (or Back) returns to the list, on the same entry, with the panel still open.
      if (how === "touch") await page.locator(".an-detail__back").tap(); else await page.keyboard.press("Escape");
      await page.locator(".an-detail").waitFor({ state: "detached" });
      await page.locator("#an-notification-panel").waitFor();
      if (how !== "touch") {
        await page.waitForFunction((id) => document.activeElement?.closest(".an-center-entry")?.dataset.id === id, id);
      }
      await context.close();
    });
  }

  test("item 3: a pop-up shown whole does not close itself while it is read", async () => {
    const page = await openPage(env.browser, env.site.url, { viewport: { width: 1366, height: 768 } });
    await appReady(page);
    const id = await page.evaluate((long) => AMOCRM.notifications.show_message({ ...long, timeout: 1500 }), LONG.en);
    const popup = page.locator(`.an-popup[data-id="${id}"]`);
    await popup.locator(".an-popup__more").click();
    // Away, and the focus off it: neither hover nor focus holds it, only being read whole.
    const letGo = async () => {
      await page.mouse.move(5, 5);
      await page.evaluate(() => document.activeElement?.blur());
    };
    await letGo();
    // A marker with the same lifetime, shown after: once it has closed itself, the first would have too.
    const marker = await page.evaluate(() => AMOCRM.notifications.show_message({ header: "marker", text: "short", timeout: 1500 }));
    await page.locator(`.an-popup[data-id="${marker}"]`).waitFor();
    await page.locator(`.an-popup[data-id="${marker}"]`).waitFor({ state: "detached", timeout: 10000 });
    assert.equal(await popup.count(), 1, "still there while shown whole");
    // "Show less" lets it go again.
    await popup.locator(".an-popup__more").click();
    await letGo();
    await popup.waitFor({ state: "detached", timeout: 10000 });
    await page.close();
  });

  test("item 18: the README's corrected sentences hold: renewal_failed, the screen while the token works, floods", async (t) => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const { server, site } = await serverAndSite(t);
    // A token that lives 10 s, signed as the account's backend would (the harness's secret).
    const b64url = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const head = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ acc: "acme", sub: "rita", iat: now, exp: now + 10 })}`;
    const token = `${head}.${createHmac("sha256", "e2e-secret").update(head).digest("base64url")}`;
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(site.url);
    await appReady(page);
    await page.evaluate((token) => {
      window.heard = [];
      window.signedOutSeen = false;
      addEventListener("amocrm-notify:unauthorized", (event) => window.heard.push(event.detail.code));
      new MutationObserver(() => {
        if (document.querySelector('.an-bell__mark[data-state="signed-out"]')) window.signedOutSeen = true;
      }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
      AMOCRM.notifications.configure({
        endpoint: "/api/v1/notifications", token, renew_token: () => Promise.reject(new Error("the backend is down")),
      });
    }, token);
    // Asked early ("expiring", a fifth of its life before exp): the renewal fails, the page hears it.
    await page.waitForFunction(() => window.heard.includes("renewal_failed"), null, { timeout: 15000 });
    // README: "asked early, the token in use still works, so nothing changes on screen and nothing stops".
    // A state shows once trouble has lasted 2.5 s: let that pass (the observer records any sign of it).
    const heardAt = Date.now();
    await page.waitForFunction((at) => Date.now() > at + 3500, heardAt, { polling: 250 });
    const during = await page.evaluate(() => AMOCRM.notifications.add_error({ header: "after the failed renewal", text: "still delivered" }));
    for (let i = 0; ; i++) {
      if ((await server.history(server.token("rita"))).some((entry) => entry.id === during)) break;
      assert.ok(i < 50, "the notification made after the failed renewal reaches the server");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await page.evaluate(() => window.signedOutSeen), false, "no 'Signed out' while the token works");
    assert.equal(await page.locator(".an-bell__mark").count(), 0);
    // README: "once the server refuses it, the state says 'Signed out'".
    // (Past its exp and the server's 5 s of clock skew.)
    await page.waitForFunction((exp) => Date.now() / 1000 > exp + 6, now + 10, { timeout: 25000, polling: 500 });
    await page.evaluate(() => AMOCRM.notifications.add_error({ header: "after expiry", text: "waits" }));
    await page.locator('.an-bell__mark[data-state="signed-out"]').waitFor({ timeout: 15000 });
    // Every code the page heard is one the README lists for the event's detail.
    const codes = readme.match(/`code` is the server's `token_expired` or `unauthorized`, or\s+`renewal_failed` when `renew_token` failed/);
    assert.ok(codes, "the README names renewal_failed among the event's codes");
    for (const code of new Set(await page.evaluate(() => window.heard))) {
      assert.ok(["token_expired", "unauthorized", "renewal_failed"].includes(code), `a code the README lists: ${code}`);
    }
    // README, Floods: a self-closing pop-up that waits is never dropped for having waited.
    assert.match(readme, /never dropped for having waited: its countdown starts when it is on screen/);
    // The message first, then errors: the newest are on screen and the message steps back into the line.
    const message = await page.evaluate(() => AMOCRM.notifications.show_message({ header: "Waited", text: "shown late", timeout: 1000 }));
    await page.evaluate(() => {
      for (let i = 0; i < 8; i++) AMOCRM.notifications.show_message_error({ header: `Error ${i}`, text: "waits for a person" });
    });
    await page.locator(".an-popup", { hasText: "Error 7" }).waitFor();
    assert.equal(await page.locator(`.an-popup[data-id="${message}"]`).count(), 0, "it waits behind the errors");
    await page.waitForTimeout(2500); // time passes: more than its 1 s lifetime, spent waiting
    await page.locator(".an-popups__more").click(); // "+N more": every pop-up in line
    await page.locator(`.an-popup[data-id="${message}"]`).waitFor({ timeout: 5000 });
    await context.close();
  });
});
