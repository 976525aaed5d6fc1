const EXCERPT_LENGTH = 160;

/** What a reader of the page would see: scripts, styles and tags (even one cut off) removed. */
export function plainText(body: string): string {
  return body
    .replace(/<(script|style)[\s\S]*?(<\/\1>|$)/gi, ' ')
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short, plain-text piece of a reply for the user to see (markup removed, never rendered). */
export function excerpt(body: string, prefix = ''): string {
  const plain = (prefix + plainText(body)).trim();
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain;
}
