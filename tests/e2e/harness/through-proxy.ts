// How the fakes' own tests reach them: the way a browser does, CONNECT through the proxy, TLS for
// the host name, then plain HTTP/1.1.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { expect } from 'vitest';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The certificate's subjectAltName, as the client saw it. */
  san: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** `proxyPort` is asked at each call: the proxy is started in a suite's beforeAll. */
export function throughProxy(proxyPort: () => number) {
  /** Opens `CONNECT target` on the proxy; resolves with the proxy's status and the raw socket. */
  function tunnel(target: string): Promise<{ status: number; socket: Socket }> {
    return new Promise((resolve, reject) => {
      const connect = httpRequest({ host: '127.0.0.1', port: proxyPort(), method: 'CONNECT', path: target });
      connect.once('connect', (response, socket) => resolve({ status: response.statusCode ?? 0, socket }));
      connect.once('error', reject);
      connect.end();
    });
  }

  /** One HTTPS request to `host` through the proxy, as a browser would send it (Host without a port). */
  async function send(host: string, method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const { status, socket } = await tunnel(`${host}:443`);
    expect(status).toBe(200);
    const tls = tlsConnect({ socket, servername: host, rejectUnauthorized: false });
    return new Promise((resolve, reject) => {
      const request = httpsRequest(
        {
          host,
          method,
          path,
          headers: { Host: host, Connection: 'close', ...options.headers },
          createConnection: () => tls,
          signal: options.signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              san: tls.getPeerCertificate().subjectaltname ?? '',
            }),
          );
        },
      );
      request.once('error', reject);
      request.end(options.body);
    });
  }

  return { tunnel, send };
}
