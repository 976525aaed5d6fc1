import { z } from 'zod/mini';

// What the overlay remembers of the user's choices, across pages and restarts.

export const overlayViewSchema = z.object({ collapsed: z.boolean() });
export type OverlayView = z.infer<typeof overlayViewSchema>;

/** A first order shows as the small pill: the least of the page the overlay can cover. */
export const DEFAULT_OVERLAY_VIEW: OverlayView = { collapsed: true };
