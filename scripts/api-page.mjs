// Renders an OpenAPI document as one self-contained HTML page with Redoc's standalone bundle: no
// request leaves the page. Used by scripts/openapi.
//
//   node scripts/api-page.mjs OPENAPI_JSON REDOC_STANDALONE_JS > page.html
import { readFileSync } from "node:fs";

const [documentPath, redocPath] = process.argv.slice(2);
if (!documentPath || !redocPath) {
  console.error("usage: node scripts/api-page.mjs OPENAPI_JSON REDOC_STANDALONE_JS");
  process.exit(2);
}
const document = JSON.parse(readFileSync(documentPath, "utf8"));
// Inside <script>, "</script" would end the element: JSON escapes "<", the bundle writes "<\/".
const json = JSON.stringify(document).replaceAll("<", "\\u003c");
// The bundle's footer logo is fetched from Redocly's CDN: an empty image instead, so nothing is.
const redoc = readFileSync(redocPath, "utf8")
  .replaceAll("</script", "<\\/script")
  .replaceAll("https://cdn.redoc.ly/redoc/logo-mini.svg", "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E");
const title = `${document.info.title} (API ${document.info.version})`.replaceAll("<", "&lt;");

process.stdout.write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body { margin: 0; }</style>
</head>
<body>
<div id="redoc"></div>
<script id="openapi" type="application/json">${json}</script>
<script>${redoc}</script>
<script>
Redoc.init(JSON.parse(document.getElementById("openapi").textContent), {
  expandResponses: "200,201",
  jsonSampleExpandLevel: 3,
  pathInMiddlePanel: true,
  theme: { typography: { fontFamily: "system-ui, sans-serif", headings: { fontFamily: "system-ui, sans-serif" } } },
}, document.getElementById("redoc"));
</script>
</body>
</html>
`);
