// The browsers' only way out: an HTTP proxy on loopback that tunnels `CONNECT host:port` to a local
// fake server and refuses everything else. Browsers open many background connections (updates, safe
// browsing, telemetry...); they get a quick 403, are recorded in `refused`, and nothing ever leaves
// the machine: the only address this proxy connects to is 127.0.0.1.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Proxy {
  port: number;
  /** Every refused target, in order: `host:port` for CONNECT, the URL for plain-HTTP requests. */
  refused: string[];
  /** Every routed `host:port` a CONNECT tunnelled, in order (one per connection). */
  tunnelled: string[];
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const FORBIDDEN = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/** `routes` maps `host:port` (e.g. `kyfw.12306.cn:443`) to a port on 127.0.0.1. */
export async function startProxy(routes: Record<string, number>): Promise<Proxy> {
  // Host names are case-insensitive; browsers send them lowercased, but a test might not.
  const table = new Map(Object.entries(routes).map(([target, port]) => [target.toLowerCase(), port]));
  const refused: string[] = [];
  const tunnelled: string[] = [];
  const open = new Set<Duplex>();
  const track = (socket: Duplex) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // A plain-HTTP proxy request (absolute URL): 12306 and the fake venues are HTTPS-only, so
    // nothing here is wanted.
    refused.push(request.url ?? '');
    response.writeHead(403, { 'Content-Length': '0', Connection: 'close' }).end();
  });

  server.on('connection', track);

  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = (request.url ?? '').toLowerCase();
    const port = table.get(target);
    // Errors on either side (a browser dropping a tunnel) are normal here: end the pair quietly.
    client.on('error', () => client.destroy());
    if (port === undefined) {
      refused.push(target);
      client.end(FORBIDDEN);
      return;
    }
    tunnelled.push(target);
    const upstream: Socket = connect(port, LOOPBACK);
    track(upstream);
    let established = false;
    upstream.on('error', () => {
      // Before the tunnel is up the browser still expects an HTTP answer; after, only a cut.
      if (established) client.destroy();
      else client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    upstream.once('connect', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => {
      if (established) client.destroy();
    });
  });

  // Garbage from a client: answer if possible, never crash or log.
  server.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    refused,
    tunnelled,
    close: () =>
      new Promise<void>((resolve) => {
        // Tunnels are hijacked sockets the server no longer tracks: destroy them ourselves.
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
