// How long the person takes to learn of an outage, and to see it end: the real account server
// behind the site's origin, one signed-in page, the server paused with SIGSTOP and resumed with
// SIGCONT, ROUNDS times (default 10). "Noticed": from the pause to the bell's mark (no request
// under way, so the stream's two missed heartbeats are what tells). "Recovered": from the resume
// to the mark gone. Prints p50 and max of each; JSON in target/bench/outage.json.
import { mkdir, writeFile } from "node:fs/promises";
import { startSite, startAccountServer, launch, appReady } from "../e2e/harness.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const OUT = new URL("../../target/bench/outage.json", import.meta.url).pathname;

const server = await startAccountServer();
const site = await startSite(undefined, { proxy: `/api=${server.url}` });
const browser = await launch();
const noticed = [];
const recovered = [];
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(site.url);
  await appReady(page);
  await page.evaluate((token) => AMOCRM.notifications.configure({ endpoint: "/api/v1/notifications", token }), server.token("bench"));
  await page.waitForTimeout(1500); // the history loaded, the stream open
  for (let round = 0; round < ROUNDS; round++) {
    const paused = Date.now();
    server.child.kill("SIGSTOP");
    await page.waitForSelector(".an-bell__mark", { timeout: 60000 });
    noticed.push(Date.now() - paused);
    const resumed = Date.now();
    server.child.kill("SIGCONT");
    await page.waitForSelector(".an-bell__mark", { state: "detached", timeout: 60000 });
    recovered.push(Date.now() - resumed);
    console.log(`round ${round + 1}: noticed after ${noticed.at(-1)} ms, recovered ${recovered.at(-1)} ms after the resume`);
    await page.waitForTimeout(1000);
  }
} finally {
  server.child?.kill("SIGCONT");
  await browser.close();
  await site.stop();
  await server.stop();
}
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const max = (xs) => Math.max(...xs);
const figures = {
  rounds: ROUNDS,
  noticed_ms: { p50: p50(noticed), max: max(noticed), all: noticed },
  recovered_ms: { p50: p50(recovered), max: max(recovered), all: recovered },
};
console.log(`\n| figure (${ROUNDS} rounds) | p50 | max |\n|---|---:|---:|`);
console.log(`| outage noticed (SIGSTOP to the bell's mark, no request under way) | ${(figures.noticed_ms.p50 / 1000).toFixed(1)} s | ${(figures.noticed_ms.max / 1000).toFixed(1)} s |`);
console.log(`| recovered (SIGCONT to the mark gone) | ${(figures.recovered_ms.p50 / 1000).toFixed(2)} s | ${(figures.recovered_ms.max / 1000).toFixed(2)} s |`);
await mkdir(new URL(".", `file://${OUT}`).pathname, { recursive: true });
await writeFile(OUT, JSON.stringify(figures, null, 2));
