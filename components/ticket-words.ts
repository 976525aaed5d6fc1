import { locale, t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { statusLabel } from '@/lib/sources/ticket-system/statuses';
import type { OrderProblem, TicketStatusInfo } from '@/lib/sources/ticket-system/watched';

// Words for what the ticket-system code reports by code: draft problems, order problems, statuses.

const DRAFT_PROBLEM_WORDS: Record<string, MessageKey> = {
  'baseUrl.missing': 'draftBaseUrlMissing',
  'baseUrl.invalid': 'draftBaseUrlInvalid',
  'baseUrl.notHttp': 'draftBaseUrlNotHttp',
  'baseUrl.insecure': 'draftBaseUrlInsecure',
  'baseUrl.credentials': 'draftBaseUrlCredentials',
  'baseUrl.queryOrFragment': 'draftBaseUrlQueryOrFragment',
  'pathTemplate.missing': 'draftPathMissing',
  'pathTemplate.noOrderId': 'draftPathNoOrderId',
  'pathTemplate.unknownPlaceholder': 'draftPathUnknownPlaceholder',
  'pathTemplate.absolute': 'draftPathAbsolute',
  'username.missing': 'draftUsernameMissing',
  'username.invalid': 'draftUsernameInvalid',
  'hawkId.invalid': 'draftHawkIdInvalid',
  'personalId.invalid': 'draftPersonalIdInvalid',
  'label.missing': 'draftLabelMissing',
};

/** A draft problem in words; one from a newer background that we do not know is still named. */
export function draftProblemText(problem: { field: string; problem: string }): string {
  const key = DRAFT_PROBLEM_WORDS[`${problem.field}.${problem.problem}`];
  return key ? t(key) : t('draftOther', { field: problem.field, problem: problem.problem });
}

const ORDER_PROBLEM_WORDS: Record<OrderProblem['kind'], MessageKey> = {
  notFound: 'problemNotFound',
  venueError: 'problemVenueError',
  httpError: 'problemHttpError',
  unexpected: 'problemUnexpected',
  timeout: 'problemTimeout',
  offline: 'problemOffline',
};

/** "The venue has no such order: <the venue's own words>", as plain text. */
export function orderProblemText(problem: OrderProblem): string {
  const words = t(ORDER_PROBLEM_WORDS[problem.kind]);
  const detail = problem.detail.trim();
  return detail ? `${words}${locale === 'zh' ? '：' : ': '}${detail}` : words;
}

export const statusName = (status: Pick<TicketStatusInfo, 'zh' | 'en'>) => statusLabel(status, locale);
