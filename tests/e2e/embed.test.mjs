// Embedding (issue 4): the example host page (host-page/, built into /embed/example.html) loads
// amocrm-notify with one script tag. Its hostile stylesheet must not reach our UI, ours must not
// change its layout, its own window.AMOCRM members stay, and links go through the navigate event
// and a normal navigation, not our router.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, screenshot } from "./harness.mjs";

const env = siteAndBrowser();
const EXAMPLE = () => `${env.site.url}/embed/example.html`;

async function hostPage({ withUs = true } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.logs = [];
  page.on("console", (m) => {
    if (["warning", "error"].includes(m.type()) && !/integrity|Failed to load resource/.test(m.text())) page.logs.push(m.text());
  });
  page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
  if (!withUs) await page.route(/amocrm-notify-embed\.js$/, (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
  await page.goto(EXAMPLE());
  if (withUs) await page.waitForFunction(() => window.AMOCRM?.notifications?.__amocrmNotify?.call);
  await page.waitForLoadState("load");
  return { page, close: () => context.close() };
}

/** The host's own elements: their boxes and the styles its stylesheet gives them. */
const hostLayout = (page) => page.evaluate(() => [...document.querySelectorAll("header, header *, main, main *")]
  .filter((el) => !el.closest("#notify-bell"))
  .map((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return `${el.tagName}.${el.className} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)} ` +
      `${s.fontFamily} ${s.letterSpacing} ${s.color} ${s.backgroundColor} ${s.boxSizing}`;
  }));

/** Computed styles inside our shadow root. */
const ours = (page, selector, props) => page.evaluate(({ selector, props }) => {
  const el = document.querySelector("#notify-bell").shadowRoot.querySelector(selector);
  if (!el) return null;
  const s = getComputedStyle(el);
  return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
}, { selector, props });

describe("embedding in a host page", () => {
  test("the host's layout and styles are the same with and without us; our UI ignores its hostile CSS", async () => {
    const before = await hostPage({ withUs: false });
    const layoutBefore = await hostLayout(before.page);
    await before.page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? new URL("artifacts", import.meta.url).pathname}/host-before.png` });
    await before.close();

    const { page, close } = await hostPage();
    await page.evaluate(() => window.__widgetCall());
    const shadow = await page.evaluate(() => Boolean(document.querySelector("#notify-bell").shadowRoot));
    assert.ok(shadow, "the UI lives in a shadow root on the mount element");
    assert.deepEqual(await hostLayout(page), layoutBefore, "the host's boxes and styles are unchanged");
    // Nothing of ours in the host's document: no style element, no class, no region. The
    // components' styles (stylist's, one <style data-style> per scoped class) went into the
    // shadow root instead.
    const { sheets, popupClass } = await page.evaluate(() => {
      const shadow = document.querySelector("#notify-bell").shadowRoot;
      return {
        sheets: [...shadow.querySelectorAll("style[data-style]")].map((s) => s.dataset.style),
        popupClass: [...shadow.querySelector(".an-popup").classList].find((c) => c.startsWith("stylist-")),
      };
    });
    assert.ok(popupClass && sheets.includes(popupClass), `the pop-up's style is in the shadow root (${popupClass}; ${sheets})`);
    assert.equal(new Set(sheets).size, sheets.length, `each style once (${sheets})`);
    assert.deepEqual(await page.evaluate(() => ({
      styles: [...document.querySelectorAll("style")].length,
      ourClasses: document.querySelectorAll('[class*="an-"]').length,
      region: document.querySelectorAll("#amocrm-notify-popups").length,
      htmlAttrs: [...document.documentElement.attributes].map((a) => a.name),
    })), { styles: 0, ourClasses: 0, region: 0, htmlAttrs: ["lang"] });

    // Our UI looks like ours despite `* { font-family: Georgia }`, `button { all: unset }`,
    // `svg { display: none }`, `li { display: inline-block }` and `[class*="an-"] { display: none }`.
    await page.locator("#notify-bell .an-bell").click();
    await page.locator("#notify-bell .notification__item").first().waitFor();
    assert.deepEqual(await ours(page, ".an-bell", ["display", "background-color", "font-family", "letter-spacing"]),
      // The open bell's wash is the host's own text colour (#fff8e7 on its dark bar), at 12%.
      { display: "grid", "background-color": "color(srgb 1 0.972549 0.905882 / 0.12)", "font-family": await page.evaluate(() =>
        getComputedStyle(document.querySelector("#notify-bell").shadowRoot.querySelector(".an-panel")).fontFamily), "letter-spacing": "normal" });
    assert.notEqual((await ours(page, ".an-bell svg", ["display"])).display, "none");
    const entry = await ours(page, ".notification__item", ["display", "position", "font-style", "list-style-type"]);
    assert.deepEqual(entry, { display: "list-item", position: "absolute", "font-style": "normal", "list-style-type": "none" });
    assert.doesNotMatch((await ours(page, ".an-panel", ["font-family"]))["font-family"], /Georgia/);
    const popupsShown = await page.evaluate(() => document.querySelector("#notify-bell").shadowRoot
      .querySelectorAll("#amocrm-notify-popups [data-id]").length);
    assert.equal(popupsShown, 3);
    // A host's custom property on the mount element restyles us.
    await page.addStyleTag({ content: "#notify-bell { --an-accent: rgb(122, 31, 31); }" });
    assert.equal((await ours(page, ".an-tab[aria-selected=true]", ["background-color"]))["background-color"], "rgb(122, 31, 31)");
    await page.waitForTimeout(400); // the panel's entrance (animations in a shadow root are not awaited)
    await screenshot(page, "host-after");
    assert.deepEqual(page.logs, []);
    await close();
  });

  test("the host's own AMOCRM members stay, before and after start-up; both names work", async () => {
    const { page, close } = await hostPage();
    const seen = await page.evaluate(() => {
      AMOCRM.later = "added after start-up";
      return {
        widgets: AMOCRM.widgets.list.telephony.version,
        constant: AMOCRM.constant("account").id,
        later: AMOCRM.later,
        same: APP.notifications === AMOCRM.notifications,
        id: typeof APP.notifications.add_error({ text: "from APP" }),
      };
    });
    assert.deepEqual(seen, { widgets: "2.4.1", constant: 31337, later: "added after start-up", same: true, id: "string" });
    await close();
  });

  test("a cancelled navigate event keeps the host on its page; an uncancelled one navigates normally", async () => {
    const { page, close } = await hostPage();
    await page.evaluate(() => document.querySelector("#notify-bell").shadowRoot
      .querySelectorAll("#amocrm-notify-popups .an-popup__close").forEach((b) => b.click()));
    await page.locator("#notify-bell .an-bell").click();
    const entry = page.locator("#notify-bell .notification__item", { hasText: "Could not sync" });
    await page.evaluate(() => {
      window.__navigations = [];
      addEventListener("amocrm-notify:navigate", (event) => { window.__navigations.push(event.detail.url); event.preventDefault(); }, { once: true });
    });
    await entry.locator(".an-entry").click();
    assert.deepEqual(await page.evaluate(() => window.__navigations), ["/contacts/list/?term=4951234567"]);
    assert.equal(new URL(page.url()).pathname, "/embed/example.html", "cancelled: the host stays");
    if (!(await entry.isVisible())) await page.locator("#notify-bell .an-bell").click();
    await Promise.all([page.waitForURL(/\/contacts\/list\/\?term=4951234567$/), entry.locator(".an-entry").click()]);
    await close();
  });
});
