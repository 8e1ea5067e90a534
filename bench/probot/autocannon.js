// The second load generator: autocannon, as Probot users measure with it. Every request carries its own
// X-GitHub-Delivery (a repeated one would be answered from the dedupe, not stored); body and signature are shared.
// usage: node autocannon.js URL SECONDS WARMUP CONNECTIONS PAYLOAD
import autocannon from 'autocannon';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [url, seconds, warmup, connections, payload] = process.argv.slice(2);
const body = readFileSync(payload);
const signature = 'sha256=' + createHmac('sha256', 'bench-secret').update(body).digest('hex');

const run = (duration) => autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(duration),
  body,
  headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-hub-signature-256': signature },
  requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-github-delivery': randomUUID() } }) }],
});

await run(warmup);
const r = await run(seconds);
console.log(`autocannon: accepted: ${r['2xx']} in ${seconds} s = ${Math.round(r['2xx'] / Number(seconds))} deliveries/s, `
  + `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (other answers: ${r.non2xx}, errors: ${r.errors})`);
