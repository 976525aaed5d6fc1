import { z } from 'zod/mini';
import { OVERLAY_NAMED_SOURCES } from '../sources/descriptions';

// Messages between the background and the overlay's content script on 12306 pages. A content script
// shares its page's fate, so it is told only what the overlay shows and never reads storage itself
// (secrets live there). The background parses what it receives with these schemas; the content
// script reads what it is sent with ./overlay-guard.ts, which accepts exactly what they accept, without zod
// (the content script's size budget). Anything else is ignored.

/** The pages the overlay runs on; the background answers content scripts from this origin only. */
export const OVERLAY_ORIGIN = 'https://kyfw.12306.cn';
export const OVERLAY_MATCH = `${OVERLAY_ORIGIN}/*`;

export const overlayOrderSchema = z.object({
  /** `orderKey()`: stable across updates. */
  key: z.string(),
  /**
   * Which words its link uses (a waitlist order is prepaid, not paid). Only sources the overlay may
   * name (their description's `overlayNames`); the others' orders travel as `others`.
   */
  source: z.enum(OVERLAY_NAMED_SOURCES),
  title: z.string(),
  route: z.nullable(z.string()),
  /** On the summary's clock (`offsetMs`); null while queuing or when the source gave none. */
  deadline: z.nullable(z.number()),
  /** Only https addresses are ever made into links; null when the source's was anything else. */
  payUrl: z.nullable(z.string().check(z.startsWith('https://'))),
  state: z.enum(['unpaid', 'queuing']),
});
export type OverlayOrder = z.infer<typeof overlayOrderSchema>;

/** Every other source's pending orders, without a name, place, account or number among them. */
export const overlayOthersSchema = z.object({
  count: z.number(),
  /** The nearest unpaid deadline among them, on the summary's clock; null when none has one. */
  deadline: z.nullable(z.number()),
});
export type OverlayOthers = z.infer<typeof overlayOthersSchema>;

export const overlaySummarySchema = z.object({
  /** The user's `overlay` setting; when off, `orders` is empty. */
  enabled: z.boolean(),
  collapsed: z.boolean(),
  /** How far the server's clock is ahead of the local one; every deadline is on that clock. */
  offsetMs: z.number(),
  /** 12306's orders, nearest deadline first, orders without one last. */
  orders: z.array(overlayOrderSchema),
  /** Zero and null when the overlay is off. */
  others: overlayOthersSchema,
  /** The user's reminder thresholds: crossing one is announced to screen readers (lib/alerts/announcements.ts). */
  reminderMinutes: z.array(z.number()),
});
export type OverlaySummary = z.infer<typeof overlaySummarySchema>;

/**
 * From the content script; both are answered with the current summary. `overlay.get` is sent once,
 * as the script starts on a page that just loaded, and the background takes it as that signal too.
 */
export const overlayRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overlay.get') }),
  z.object({ type: z.literal('overlay.setCollapsed'), collapsed: z.boolean() }),
]);
export type OverlayRequest = z.infer<typeof overlayRequestSchema>;

/** From the background to every 12306 tab, whenever what the overlay shows may have changed. */
export const overlayPushSchema = z.object({ type: z.literal('overlay.summary'), summary: overlaySummarySchema });
export type OverlayPush = z.infer<typeof overlayPushSchema>;
