import { z } from 'zod/mini';
import { ORDER_ID } from './order-ids';

// A ticket-system account: one agent login at one venue. Everything here may be shown in the UI and
// stored next to the orders; the Hawk key derived from the account's KEY and password is not part of
// it and lives only in the background's own item (lib/storage/items.ts, `accountKeysItem`).

export const ticketFlavourSchema = z.enum(['v5', 'v3']);
export type TicketFlavour = z.infer<typeof ticketFlavourSchema>;

/**
 * The seed documents' paths, relative to the venue's base URL. Instances differ (`api/WebInterface/...`
 * on some), so each account keeps its own, editable copy.
 */
export const DEFAULT_PATH_TEMPLATES: Readonly<Record<TicketFlavour, string>> = {
  v5: 'api/Order/Query/Main/{orderid}?personalid={personalid}',
  v3: 'api/V3Reserve/Order/Query/Single/RetOrderQueryview/{username}/{orderid}',
};

export const PLACEHOLDERS = ['orderid', 'username', 'personalid'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

const text = (max: number) => z.string().check(z.maxLength(max));

/** What the user types in the account form (the options page), before it is checked. */
export const accountDraftSchema = z.object({
  label: text(60),
  baseUrl: text(300),
  flavour: ticketFlavourSchema,
  pathTemplate: text(300),
  username: text(100),
  /** The Hawk `id`; empty means "the username" (the likely one, api-notes.md). */
  hawkId: text(100),
  /** 个人会员ID: 0 unless a personal member queries through official channels. */
  personalId: text(20),
  /** Plain http was accepted after the warning: keys would then cross the network readable. */
  allowHttp: z.boolean(),
});
export type AccountDraft = z.infer<typeof accountDraftSchema>;

export const accountIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/));

/** A checked, stored account: base URL normalised, defaults filled in. */
export const accountSchema = z.object({
  ...accountDraftSchema.shape,
  id: accountIdSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const EMPTY_DRAFT: AccountDraft = {
  label: '',
  baseUrl: 'https://',
  flavour: 'v5',
  pathTemplate: DEFAULT_PATH_TEMPLATES.v5,
  username: '',
  hawkId: '',
  personalId: '0',
  allowHttp: false,
};

/** Why a draft cannot be saved, field by field; the UI words each code. */
export type DraftProblem =
  | { field: 'baseUrl'; problem: 'missing' | 'invalid' | 'notHttp' | 'insecure' | 'credentials' | 'queryOrFragment' }
  | { field: 'pathTemplate'; problem: 'missing' | 'noOrderId' | 'unknownPlaceholder' | 'absolute' | 'leavesBase' }
  | { field: 'username'; problem: 'missing' | 'invalid' }
  | { field: 'hawkId'; problem: 'invalid' }
  | { field: 'personalId'; problem: 'invalid' }
  | { field: 'label'; problem: 'missing' };

// Hawk attribute values: printable ASCII without `"` and `\` (api-notes.md).
const HAWK_ATTRIBUTE = /^[ !#-[\]-~]+$/;

export interface CheckedUrl {
  /** `https://host[:port]/path/`, always ending in `/` so relative paths join under it. */
  baseUrl: string;
  /** The match pattern to ask host permission for: `https://host/*` (ports are not part of patterns). */
  originPattern: string;
  secure: boolean;
}

/** Parses the base URL as typed. Plain http is refused unless `allowHttp` (the user accepted the warning). */
export function checkBaseUrl(raw: string, allowHttp: boolean): CheckedUrl | DraftProblem {
  const typed = raw.trim();
  if (typed === '' || typed === 'https://' || typed === 'http://') return { field: 'baseUrl', problem: 'missing' };
  let url: URL;
  try {
    // A bare host name is what people paste most often: read it as https.
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { field: 'baseUrl', problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { field: 'baseUrl', problem: 'notHttp' };
  if (!url.hostname || /\s/.test(typed)) return { field: 'baseUrl', problem: 'invalid' };
  if (url.username || url.password) return { field: 'baseUrl', problem: 'credentials' };
  if (url.search || url.hash) return { field: 'baseUrl', problem: 'queryOrFragment' };
  const secure = url.protocol === 'https:';
  if (!secure && !allowHttp) return { field: 'baseUrl', problem: 'insecure' };
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    baseUrl: `${url.protocol}//${url.host}${path}`,
    originPattern: `${url.protocol}//${url.hostname}/*`,
    secure,
  };
}

const isProblem = (value: CheckedUrl | DraftProblem): value is DraftProblem => 'problem' in value;

function checkTemplate(raw: string): DraftProblem | null {
  const template = raw.trim();
  if (template === '') return { field: 'pathTemplate', problem: 'missing' };
  if (/^[a-z][a-z\d+.-]*:/i.test(template) || template.startsWith('//'))
    return { field: 'pathTemplate', problem: 'absolute' };
  const names = [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
  if (names.some((name) => !PLACEHOLDERS.includes(name as Placeholder)))
    return { field: 'pathTemplate', problem: 'unknownPlaceholder' };
  if (!names.includes('orderid')) return { field: 'pathTemplate', problem: 'noOrderId' };
  return null;
}

/** Checks a draft; on success gives the account to store (with `id`). */
export function checkDraft(
  draft: AccountDraft,
  id: string,
): { account: Account; url: CheckedUrl } | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const url = checkBaseUrl(draft.baseUrl, draft.allowHttp);
  if (isProblem(url)) problems.push(url);
  const template = checkTemplate(draft.pathTemplate);
  if (template) problems.push(template);
  const username = draft.username.trim();
  if (username === '') problems.push({ field: 'username', problem: 'missing' });
  else if (!HAWK_ATTRIBUTE.test(username) || /[/?#]/.test(username) || DOTS.test(username))
    problems.push({ field: 'username', problem: 'invalid' });
  const hawkId = draft.hawkId.trim();
  if (hawkId !== '' && !HAWK_ATTRIBUTE.test(hawkId)) problems.push({ field: 'hawkId', problem: 'invalid' });
  const personalId = draft.personalId.trim() || '0';
  if (!/^\d{1,19}$/.test(personalId)) problems.push({ field: 'personalId', problem: 'invalid' });
  // Judged on the URL the client will build, not on the template's text: URL parsing reads `\` as
  // `/` and drops tabs and leading control characters, so no pattern on the text is enough.
  // Only once everything else is right, so each wrong field is named once.
  if (problems.length === 0 && !isProblem(url) && !leadsUnder({ ...draft, baseUrl: url.baseUrl, username, personalId }))
    problems.push({ field: 'pathTemplate', problem: 'leavesBase' });
  if (problems.length > 0 || isProblem(url)) return { problems };
  return {
    url,
    account: {
      id,
      label: draft.label.trim() || url.baseUrl.replace(/^https?:\/\//, '').replace(/\/$/, ''),
      baseUrl: url.baseUrl,
      flavour: draft.flavour,
      pathTemplate: draft.pathTemplate.trim(),
      username,
      hawkId,
      personalId,
      allowHttp: draft.allowHttp,
    },
  };
}

/** The Hawk id the account signs with. */
export const hawkIdOf = (account: Pick<Account, 'hawkId' | 'username'>) => account.hawkId || account.username;

/** The site an account's key belongs to: scheme, host and port. */
export const originOf = (account: Pick<Account, 'baseUrl'>) => new URL(account.baseUrl).origin;

/** The permission pattern for an account's venue. */
export function originPatternOf(account: Pick<Account, 'baseUrl'>): string {
  const url = new URL(account.baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Refused instead of a query URL that would leave the account's base URL (another host or path). */
export class UnsafeOrderUrlError extends Error {
  constructor() {
    super('the query path leaves the venue address');
    this.name = 'UnsafeOrderUrlError';
  }
}

// A value of only dots is a `.` or `..` path segment even percent-encoded (`%2e` counts as a dot).
const DOTS = /^\.+$/;

/** Whether `built` is at or below `base`: same origin, and the base's path as a prefix. */
function isUnder(built: URL, base: URL): boolean {
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return built.origin === base.origin && built.pathname.startsWith(prefix) && !built.username && !built.password;
}

/**
 * The query URL for one order: the template's placeholders filled in (each percent-encoded), and the
 * result checked to stay under the base URL. This is the URL signed and fetched, so the check is on
 * it and not on the template: throws `UnsafeOrderUrlError` rather than build one that leaves.
 */
export function orderUrl(
  account: Pick<Account, 'baseUrl' | 'pathTemplate' | 'username' | 'personalId'>,
  orderId: string,
) {
  const values: Record<Placeholder, string> = {
    orderid: orderId,
    username: account.username,
    personalid: account.personalId || '0',
  };
  if (Object.values(values).some((value) => DOTS.test(value))) throw new UnsafeOrderUrlError();
  const path = account.pathTemplate
    .trim()
    .replace(/^\/+/, '')
    .replace(/\{(orderid|username|personalid)\}/g, (_whole, name: Placeholder) => encodeURIComponent(values[name]));
  const base = new URL(account.baseUrl);
  let built: URL;
  try {
    built = new URL(path, base);
  } catch {
    throw new UnsafeOrderUrlError();
  }
  if (!isUnder(built, base)) throw new UnsafeOrderUrlError();
  return built.toString();
}

/** Whether the account's template, filled in with a plain order number, stays under its base URL. */
function leadsUnder(account: Pick<Account, 'baseUrl' | 'pathTemplate' | 'username' | 'personalId'>): boolean {
  try {
    orderUrl(account, 'O1');
    return true;
  } catch {
    return false;
  }
}

export { MAX_ORDERS_PER_ADD, parseOrderIds, type OrderIdList } from './order-ids';

export const orderIdSchema = z.string().check(z.regex(ORDER_ID));
