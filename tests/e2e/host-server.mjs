// A host's own server (not ours: ours needs a token), speaking the wire format the README gives for a
// server named without a token; a real process on 127.0.0.1 that tests start, stop and
// restart: `node host-server.mjs <port>`, printing "listening <port>". It speaks the wire format
// the README documents:
//   POST /notifications   { id, notification, channels } -> 202 { accepted: true, repeat }
//                         (a repeated id is acknowledged and ignored)
//   GET  /stream          Server-Sent Events: `id: <entry id>`, `data: <entry record>`; with the
//                         Last-Event-ID header (or ?last_event_id=X) it first replays what came after X
// and, for the tests only:
//   GET  /log             every POST body received, in order (repeats included)
//   GET  /status          { streams }: how many streams are open
//   POST /push            { record }: sends an entry to every open stream
//   POST /drop            closes every open stream connection
import { createServer } from "node:http";

const received = [];
const accepted = new Set();
const pushed = [];
const streams = new Set();

const body = (req) => new Promise((resolve) => {
  let data = "";
  req.on("data", (chunk) => { data += chunk; });
  req.on("end", () => resolve(data));
});
const json = (res, status, value) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
const event = (record) => `id: ${record.id}\ndata: ${JSON.stringify(record)}\n\n`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (req.method === "POST" && url.pathname === "/notifications") {
    let request;
    try {
      request = JSON.parse(await body(req));
    } catch {
      return json(res, 400, { error: "the body is not JSON" });
    }
    if (typeof request.id !== "string" || !request.notification || !Array.isArray(request.channels)) {
      return json(res, 400, { error: "expected { id, notification, channels }" });
    }
    received.push(request);
    const repeat = accepted.has(request.id);
    accepted.add(request.id);
    return json(res, 202, { accepted: true, repeat });
  }
  if (req.method === "GET" && url.pathname === "/stream") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(": connected\n\n");
    const after = req.headers["last-event-id"] ?? url.searchParams.get("last_event_id");
    const from = after ? pushed.findIndex((r) => r.id === after) + 1 : pushed.length;
    for (const record of pushed.slice(from)) res.write(event(record));
    streams.add(res);
    req.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "GET" && url.pathname === "/log") return json(res, 200, received);
  if (req.method === "GET" && url.pathname === "/status") return json(res, 200, { streams: streams.size });
  if (req.method === "POST" && url.pathname === "/push") {
    const record = JSON.parse(await body(req));
    pushed.push(record);
    for (const stream of streams) stream.write(event(record));
    return json(res, 200, { streams: streams.size });
  }
  if (req.method === "POST" && url.pathname === "/drop") {
    const n = streams.size;
    for (const stream of streams) stream.destroy();
    streams.clear();
    return json(res, 200, { dropped: n });
  }
  json(res, 404, { error: "not found" });
});

server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log(`listening ${server.address().port}`));
