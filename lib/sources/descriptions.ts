import type { OverlayMessageKey } from '../i18n/overlay';
import type { PopupMessageKey } from '../i18n/popup';

// Every order source, described once. The model's source ids, the stored snapshots, the words of
// the popup and the overlay, the popup's sections, what the overlay may name and the background's
// list of sources are all read from here, so a new source is its folder, its description and the
// background's wiring of its query (README, "Adding a source").
//
// Plain data, no zod and no queries: the popup and the content script read it too, within their size
// budgets. The background attaches each source's query (entrypoints/background/index.ts).

interface Common {
  /**
   * Never renamed: it is stored in every order, alert id and muted order, and names the storage key
   * of its snapshot (lib/storage/stored.ts).
   */
  id: string;
  /** Its words for the deadline and the links: a waitlist order is prepaid, not paid. */
  words: { payBy: OverlayMessageKey; pay: OverlayMessageKey; view: OverlayMessageKey };
  /**
   * Whether the overlay on 12306 pages may name its orders: only 12306's own, which the site's pages
   * already hold. Any other source's would be told to 12306's scripts, which read what the page shows,
   * so they are only counted, with their nearest deadline.
   */
  overlayNames: boolean;
}

export type SourceDescription = Common &
  (
    | {
        /** One snapshot for the whole source, and a section of the popup. */
        byAccount: false;
        popup: {
          name: PopupMessageKey;
          /** A section only while it has orders, where its own status would be noise. */
          whileOrders: boolean;
        };
      }
    | {
        /**
         * One snapshot per account, stored together by account id; the popup gives each account a
         * section of its own (entrypoints/popup/TicketSections.tsx).
         */
        byAccount: true;
      }
  );

// Booleans rather than words: every bundle carries this list, and `!0` is the shortest it can be.

/**
 * In the order the background asks them: the main 12306 query first, since its status stands for
 * the 12306 login. The popup's first section is the popup's own status (and its ticking phase).
 */
export const SOURCE_DESCRIPTIONS = [
  {
    id: '12306',
    words: { payBy: 'payBy', pay: 'pay', view: 'viewQueue' },
    byAccount: false,
    popup: { name: 'source12306', whileOrders: false },
    overlayNames: true,
  },
  {
    id: '12306-waitlist',
    words: { payBy: 'waitlistPayBy', pay: 'waitlistPay', view: 'waitlistView' },
    byAccount: false,
    popup: { name: 'waitlistSource', whileOrders: true },
    overlayNames: true,
  },
  {
    id: 'ticket-system',
    words: { payBy: 'payBy', pay: 'pay', view: 'viewQueue' },
    byAccount: true,
    overlayNames: false,
  },
] as const satisfies readonly SourceDescription[];

export type DescribedSource = (typeof SOURCE_DESCRIPTIONS)[number];
export type SourceId = DescribedSource['id'];
/** Sources with one snapshot, and those with one per account. */
export type SingleSourceId = Extract<DescribedSource, { byAccount: false }>['id'];
export type AccountSourceId = Extract<DescribedSource, { byAccount: true }>['id'];

export const describeSource = <I extends SourceId>(id: I): Extract<DescribedSource, { id: I }> =>
  SOURCE_DESCRIPTIONS.find((source) => source.id === id) as Extract<DescribedSource, { id: I }>;

// Marked pure so that a bundle which does not use them drops them (the popup, the content script).

export const SOURCE_IDS = /* @__PURE__ */ SOURCE_DESCRIPTIONS.map((source) => source.id);

/** The sources whose orders the overlay on 12306 pages names (see `overlayNames`). */
export const OVERLAY_NAMED_SOURCES = /* @__PURE__ */ SOURCE_DESCRIPTIONS.flatMap((source) =>
  source.overlayNames ? [source.id] : [],
);
