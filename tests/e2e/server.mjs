// A static server for the built site on 127.0.0.1: files from a directory, index.html for any
// other path (the router's URLs), the Content-Type each file needs, and the site's
// Content-Security-Policy as a header on every page (the policy the build wrote into index.html).
// A real process that the tests start and stop: `node server.mjs <dir> <port>`; it prints
// "listening <port>" when ready.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { policyOf } from "../../scripts/csp.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".mp3": "audio/mpeg",
};

export function startServer(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400, { "content-type": "text/plain" }).end("bad request"); // a malformed %-escape
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
    } catch {
      if (extname(path) && path !== "/") {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      file = join(root, "index.html");
    }
    const body = await readFile(file);
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    if (extname(file) === ".html") {
      const csp = policyOf(String(body));
      if (csp) headers["content-security-policy"] = csp;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ready) => server.listen(port, "127.0.0.1", () => ready(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startServer(process.argv[2] ?? "dist", Number(process.argv[3] ?? 0));
  console.log(`listening ${server.address().port}`);
}
