// The baseline for the serving benchmark: a bare node:http server that answers every request with
// the same bytes and headers the portal sends for one page, from memory, with nothing else.
import { createServer } from 'node:http';

const url = process.argv[2]!;
const res = await fetch(url, { headers: { 'accept-encoding': 'br' } });
const body = Buffer.from(await res.arrayBuffer());
const headers: Record<string, string> = {};
res.headers.forEach((v, k) => {
  if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) headers[k] = v;
});
headers['content-length'] = String(body.length);
const server = createServer((_req, out) => {
  out.writeHead(200, headers);
  out.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`bare on http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
});
