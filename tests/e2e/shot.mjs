// Ad-hoc: node shot.mjs <name> <script-file-with-page-code>
import { startSite, launch, openPage } from "./harness.mjs";
import { readFile } from "node:fs/promises";
const [name, file, width = "1360", height = "860"] = process.argv.slice(2);
const site = await startSite();
const browser = await launch();
try {
  const page = await openPage(browser, site.url, { viewport: { width: +width, height: +height } });
  const code = await readFile(file, "utf8");
  const fn = new Function("page", "site", `return (async () => { ${code} })()`);
  await fn(page, site);
  await page.screenshot({ path: `/tmp/${name}.png` });
  console.log(page.logs.join("\n"));
} finally { await browser.close(); await site.stop(); }
