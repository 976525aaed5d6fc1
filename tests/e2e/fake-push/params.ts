import { isRecord, mediaType, parseJson, type Incoming } from './model';

// Reading a request's parameters the ways the services document taking them: the query string, a
// JSON body, or a form body. Which of these a service accepts is its handler's business.

export type Params =
  | { kind: 'json' | 'form' | 'query'; values: Record<string, unknown> }
  /** A body was sent but could not be read as its content type says (bad JSON, an unsupported type). */
  | { kind: 'unreadable'; detail: string };

const fromSearch = (search: URLSearchParams): Record<string, unknown> => Object.fromEntries(search.entries());

/**
 * The query's values, overlaid by the body's (JSON or form) when there is one. `jsonOnly`: a body
 * in any other type cannot be read (PushPlus, the chat robots).
 */
export function readParams(request: Incoming, options: { jsonOnly?: boolean } = {}): Params {
  const query = fromSearch(request.url.searchParams);
  if (request.body === '' && request.method === 'GET') return { kind: 'query', values: query };
  const type = mediaType(request);
  if (type === 'application/json' || (options.jsonOnly && request.body.trim().startsWith('{') && type === '')) {
    const parsed = parseJson(request.body);
    if (!isRecord(parsed)) return { kind: 'unreadable', detail: 'request body is not a JSON object' };
    return { kind: 'json', values: { ...query, ...parsed } };
  }
  if (options.jsonOnly) return { kind: 'unreadable', detail: `content type ${type || '(none)'} is not JSON` };
  if (type === 'application/x-www-form-urlencoded') {
    return { kind: 'form', values: { ...query, ...fromSearch(new URLSearchParams(request.body)) } };
  }
  if (request.body === '') return { kind: 'query', values: query };
  return { kind: 'unreadable', detail: `content type ${type || '(none)'} is not read by this fake` };
}

/** The first http(s) URL in a text (markdown links and HTML hrefs included), or null. */
export function firstUrl(value: string): string | null {
  return /https?:\/\/[^\s)"'<>\]]+/.exec(value)?.[0] ?? null;
}

/** The first line, and the rest. */
export function splitTitle(value: string): { title: string; text: string } {
  const [first = '', ...rest] = value.split('\n');
  return { title: first, text: rest.join('\n') };
}
