import { vi } from 'vitest';

// What the 12306 clients' tests hand them in place of fetch's answers.

export type Fetch = typeof globalThis.fetch;

/** 12306's JSON content type, as its servers write it. */
const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonResponse(body: string, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(body, { status: init.status ?? 200, headers: { 'content-type': JSON_TYPE, ...init.headers } });
}

/** A Response as a browser's fetch returns it after following redirects to `url`. */
export function redirectedResponse(url: string, body: string, contentType: string) {
  const response = new Response(body, { status: 200, headers: { 'content-type': contentType } });
  Object.defineProperty(response, 'redirected', { value: true });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

export const fetchReturning = (response: Response) => vi.fn<Fetch>(async () => response);
