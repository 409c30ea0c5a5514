// How long the person takes to learn of an outage, and to see it end: the real account server
// behind the site's origin, one signed-in page, the server paused with SIGSTOP and resumed with
// SIGCONT, ROUNDS times (default 10). "Noticed": from the pause to the bell's mark (no request
// under way, so the stream's two missed heartbeats are what tells). "Recovered": from the resume
// to the mark gone. Then RESTARTS times (default 3) the server is killed, left down for 40 s (the
// retries back off meanwhile) and started again: from the start to the mark gone. Prints p50 and
// max of each; JSON in target/bench/outage.json.
import { mkdir, writeFile } from "node:fs/promises";
import { startSite, startAccountServer, launch, appReady } from "../e2e/harness.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const RESTARTS = Number(process.env.RESTARTS ?? 3);
const OUT = new URL("../../target/bench/outage.json", import.meta.url).pathname;

const server = await startAccountServer();
const site = await startSite(undefined, { proxy: `/api=${server.url}` });
const browser = await launch();
const noticed = [];
const recovered = [];
const restarted = [];
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
  for (let round = 0; round < RESTARTS; round++) {
    await server.kill9();
    await page.waitForSelector(".an-bell__mark", { timeout: 60000 });
    await page.waitForTimeout(40000);
    const started = Date.now();
    await server.start();
    await page.waitForSelector(".an-bell__mark", { state: "detached", timeout: 60000 });
    restarted.push(Date.now() - started);
    console.log(`restart ${round + 1}: cleared ${restarted.at(-1)} ms after the server started again`);
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
  restarted_ms: RESTARTS ? { p50: p50(restarted), max: max(restarted), all: restarted } : null,
};
console.log(`\n| figure (${ROUNDS} rounds) | p50 | max |\n|---|---:|---:|`);
console.log(`| outage noticed (SIGSTOP to the bell's mark, no request under way) | ${(figures.noticed_ms.p50 / 1000).toFixed(1)} s | ${(figures.noticed_ms.max / 1000).toFixed(1)} s |`);
console.log(`| recovered (SIGCONT to the mark gone) | ${(figures.recovered_ms.p50 / 1000).toFixed(2)} s | ${(figures.recovered_ms.max / 1000).toFixed(2)} s |`);
if (RESTARTS) {
  console.log(`| recovered after a 40 s outage (the server started again to the mark gone, ${RESTARTS} rounds) | ${(figures.restarted_ms.p50 / 1000).toFixed(2)} s | ${(figures.restarted_ms.max / 1000).toFixed(2)} s |`);
}
await mkdir(new URL(".", `file://${OUT}`).pathname, { recursive: true });
await writeFile(OUT, JSON.stringify(figures, null, 2));
