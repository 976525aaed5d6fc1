// What the fakes (12306, the ticket-system venue, the push services) need of a server on loopback: listening
// on a free port, and a close that also cuts the connections browsers keep open.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface HttpsFake {
  port: number;
  close(): Promise<void>;
}

type Handler = (incoming: IncomingMessage, response: ServerResponse) => void;

export const listenHttps = (tls: { key: string; cert: string }, handle: Handler): Promise<HttpsFake> =>
  listen(createHttpsServer(tls, handle));

/** Plain HTTP, for the benchmark (it calls the fakes with Node's fetch, not through a browser). */
export const listenHttp = (handle: Handler): Promise<HttpsFake> =>
  listen(createHttpServer({ keepAlive: true }, handle));

async function listen(server: Server): Promise<HttpsFake> {
  // Browsers keep connections open (some still mid-handshake); close() cuts them all.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Resolves true after `ms`, or false at once when `gone` aborts (the client left, the server closed). */
export function wait(ms: number, gone: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (gone.aborted) return resolve(false);
    const timer = setTimeout(() => {
      gone.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    gone.addEventListener('abort', onAbort, { once: true });
  });
}
