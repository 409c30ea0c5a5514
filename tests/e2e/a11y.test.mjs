// Accessibility by audit (issue 14): axe-core (WCAG 2.2 A and AA rules, plus best practices) on every
// state a person meets. Any serious or critical violation fails the test, named with its nodes.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { siteAndBrowser, appReady, popups, screenshot, animationsSettled } from "./harness.mjs";

const env = siteAndBrowser();
const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

/** A page of the site in a browser set to `lang` (the app follows it), in the colour scheme asked for. */
async function sitePage(path = "/", { lang = "en", colorScheme = "light", viewport = { width: 1360, height: 900 } } = {}) {
  const locale = { en: "en-US", ru: "ru-RU" }[lang];
  const context = await env.browser.newContext({ viewport, colorScheme, locale });
  const page = await context.newPage();
  // A second of silence as a WAV, so the recording player has something real to play.
  await page.route("**/recordings/call.wav", (route) => route.fulfill({ body: silentWav(), contentType: "audio/wav" }));
  await page.goto(`${env.site.url}${path}`);
  await appReady(page);
  return page;
}

function silentWav(seconds = 1, rate = 8000) {
  const data = Buffer.alloc(seconds * rate);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0); header.writeUInt32LE(36 + data.length, 4); header.write("WAVE", 8);
  header.write("fmt ", 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24); header.writeUInt32LE(rate, 28); header.writeUInt16LE(1, 32); header.writeUInt16LE(8, 34);
  header.write("data", 36); header.writeUInt32LE(data.length, 40);
  data.fill(128);
  return Buffer.concat([header, data]);
}

/** Runs axe on the page (or on `include`); fails with every serious or critical violation. */
async function audit(page, name, include) {
  // A half-faded colour is not the colour.
  await animationsSettled(page);
  await page.evaluate(AXE);
  const result = await page.evaluate(({ tags, include }) => window.axe.run(include ? { include } : document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  }), { tags: TAGS, include });
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 6).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ")}`).join("\n")}`);
  assert.deepEqual(bad, [], `${name}:\n${bad.join("\n")}`);
  return result;
}

const everyKind = (page) => page.evaluate(() => {
  const n = AMOCRM.notifications;
  n.show_message({ header: "Warning", text: "Connection established" });
  n.show_message_error({ header: "Warning", text: "Connection to the server is lost" });
  n.show_notification({ text: { header: "Outgoing call", text: "Dialing the number +19872345678" }, type: "call" });
  n.show_notification({ text: { header: "Error", text: "Error working with the widget" }, type: "error" });
  n.add_error({ header: "Sync", text: "Failed to set the task! <b>Contact not found!</b>", link: "/contacts/list/?term=4951234567" });
  n.add_call({ text: "Call from +1 (415) 523-7743", from: "Jeremy Watts", to: "Jason Nash",
    element: { id: 18221265, type: "contact", name: "Jeremy Watts" }, duration: 250, link: "/recordings/call.wav" });
});

describe("axe-core finds no serious or critical violation", () => {
  test("on the dashboard with every kind of pop-up on screen", async () => {
    const page = await sitePage("/", { viewport: { width: 1360, height: 2000 } });
    await everyKind(page);
    assert.equal(await popups(page).count(), 5);
    await audit(page, "dashboard with pop-ups");
    await page.context().close();
  });

  for (const colorScheme of ["light", "dark"]) {
    test(`with the center open, ${colorScheme}`, async () => {
      const page = await sitePage("/", { colorScheme });
      await everyKind(page);
      await page.click(".an-bell");
      await page.locator("#an-notification-panel .notification__item").first().waitFor();
      await audit(page, `center open (${colorScheme})`);
      await screenshot(page, `a11y-center-${colorScheme}`);
      await page.context().close();
    });
  }

  test("on a call card with its recording player open", async () => {
    const page = await sitePage("/");
    await everyKind(page);
    const card = popups(page).filter({ hasText: "Call from" });
    await card.getByRole("button", { name: "Play recording" }).click();
    await card.locator("audio").waitFor();
    await audit(page, "recording player");
    await page.context().close();
  });

  test("on the settings page, an entity page and the inspector", async () => {
    for (const [path, name] of [["/settings", "settings"], ["/contacts/detail/18221265", "entity page"], ["/?inspector", "inspector"]]) {
      const page = await sitePage(path);
      await everyKind(page);
      if (name === "inspector") await page.locator(".an-inspector li").first().waitFor();
      await audit(page, name);
      await page.context().close();
    }
  });

  test("in the Russian interface", async () => {
    const page = await sitePage("/", { lang: "ru" });
    // The audit is of the Russian interface only if the page is Russian.
    assert.equal(await page.evaluate(() => document.documentElement.lang), "ru");
    await everyKind(page);
    await page.click(".an-bell");
    assert.match(await page.locator(".an-bell").getAttribute("aria-label"), /^Уведомления/);
    await audit(page, "Russian");
    await page.context().close();
  });

  test("in the embedded host page (our shadow root)", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.site.url}/embed/example.html`);
    await page.waitForFunction(() => window.AMOCRM?.notifications?.__amocrmNotify?.call);
    await everyKind(page);
    await page.locator("#notify-bell .an-bell").click();
    await audit(page, "embed", [["#notify-bell"]]);
    await context.close();
  });
});
