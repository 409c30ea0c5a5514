// A static server for the built site on 127.0.0.1: files from a directory, index.html for any
// other path (the router's URLs), the Content-Type each file needs, the Brotli or gzip copy the
// build wrote beside a file when the browser accepts it (scripts/compress.mjs; as nginx's
// brotli_static / gzip_static would), and the site's Content-Security-Policy as a header on every
// page (the policy the build wrote into index.html).
// A real process that the e2e tests start and stop, and that scripts/serve runs for the embed's
// example host page: `node scripts/site-server.mjs <dir> <port> [<prefix>=<url> ...]`; it prints
// "listening <port>" when ready. With `/account=http://127.0.0.1:9000` it also forwards
// everything under /account/ to that server (as a reverse proxy in front of an API would), and
// answers 502 while that server is down; each further `<prefix>=<url>` forwards another prefix.
import { createServer, request } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { policyOf } from "./csp.mjs";

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

function forward(req, res, target) {
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
    // The server dropped the connection mid-answer (a stream): drop ours too.
    answer.on("close", () => { if (!answer.complete) res.destroy(); });
  });
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
    else res.destroy();
  });
  res.on("close", () => upstream.destroy());
  req.pipe(upstream);
}

/** The build's `.br` (or `.gz`) copy of `file`, when the browser accepts that encoding. */
async function precompressed(file, accepted) {
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
    try {
      return { encoding, body: await readFile(file + suffix) };
    } catch {
      // No copy of this file: the next encoding, or the file as it is.
    }
  }
  return null;
}

export function startServer(dir, port = 0, proxies = []) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const proxy = proxies.find(({ prefix }) => req.url.startsWith(`${prefix}/`));
    if (proxy) {
      forward(req, res, proxy.target + req.url.slice(proxy.prefix.length));
      return;
    }
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
    const packed = await precompressed(file, req.headers["accept-encoding"] ?? "");
    if (packed) {
      headers["content-encoding"] = packed.encoding;
      headers.vary = "accept-encoding";
    }
    res.writeHead(200, headers);
    res.end(packed?.body ?? body);
  });
  return new Promise((ready) => server.listen(port, "127.0.0.1", () => ready(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const proxies = process.argv.slice(4).map((arg) => {
    const [prefix, target] = arg.split("=");
    return { prefix, target };
  });
  const server = await startServer(process.argv[2] ?? "dist", Number(process.argv[3] ?? 0), proxies);
  console.log(`listening ${server.address().port}`);
}
