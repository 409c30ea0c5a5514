// A round-robin HTTP proxy for tests: each request goes to the next of the upstreams given, so a
// client's sequence of requests (create, then read, then change) crosses server processes.
//
//   node round-robin.mjs PORT UPSTREAM_URL...
import http from "node:http";

const [port, ...upstreams] = process.argv.slice(2);
if (!port || upstreams.length === 0) {
  console.error("usage: node round-robin.mjs PORT UPSTREAM_URL...");
  process.exit(2);
}
let next = 0;
const agent = new http.Agent({ keepAlive: true });

http
  .createServer((req, res) => {
    const upstream = new URL(upstreams[next++ % upstreams.length]);
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`round-robin: ${upstream.host}: ${error.message}`);
    });
    req.pipe(forward);
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`round-robin on ${port} to ${upstreams.join(", ")}`));
