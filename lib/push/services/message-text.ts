import type { FieldProblem } from '../service';
import { checkUrl, isProblem } from './common';

// What Bark, Server酱, PushPlus, ntfy and Telegram share beyond common.ts: a self-hosted server's
// base URL, a key pasted as the URL it came in, and text kept within a limit and free of secrets.

/** A server's base URL ("https://host/prefix"), no trailing slash, no query: paths are appended. */
export function checkBase(
  field: string,
  raw: string,
  official: string,
): { base: string; host: string; originPattern: string } | FieldProblem {
  const checked = checkUrl(field, raw);
  if (isProblem(checked)) return checked;
  const { url, originPattern } = checked;
  // A query or fragment would end up before the appended path, where nobody meant it.
  if (url.search !== '' || url.hash !== '') return { field, problem: 'invalid' };
  // The official server has no path prefix: a path there is a key or topic pasted in the wrong field.
  if (url.host === new URL(official).host && url.pathname.replace(/\/+$/, '') !== '')
    return { field, problem: 'invalid' };
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, host: url.host, originPattern };
}

/**
 * The first path segment after the base's own path in a URL the user pasted (Bark's
 * "https://api.day.app/KEY/…", ntfy's "https://ntfy.sh/TOPIC"): null when `raw` is no http(s) URL;
 * 'wrongHost' when it points at another server than `base` (the key would be sent where it means
 * nothing).
 */
export function segmentAfterBase(raw: string, base: string | null): string | null | 'wrongHost' {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  let path = url.pathname;
  if (base !== null) {
    const baseUrl = new URL(base);
    if (url.host !== baseUrl.host) return 'wrongHost';
    if (path.startsWith(`${baseUrl.pathname}/`)) path = path.slice(baseUrl.pathname.length);
  }
  const segment = path.split('/').find((part) => part !== '') ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An http(s) URL, the only kind a phone's tap or a Telegram button can open. */
export function isWebUrl(raw: string): boolean {
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** At most `max` UTF-16 units, cut with "…" and never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A reply's words with whatever `patterns` match (an echoed key) replaced by "…". */
export const redact = (text: string, patterns: readonly RegExp[]): string =>
  patterns.reduce((out, pattern) => out.replace(pattern, '…'), text);

/** Chinese (or Japanese) script: the message was composed in Chinese. */
export const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);
