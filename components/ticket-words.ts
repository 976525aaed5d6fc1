import { locale } from '@/lib/i18n/locale';
import { tPopup as t, type PopupMessageKey } from '@/lib/i18n/popup';
import { statusLabel } from '@/lib/sources/ticket-system/statuses';
import type { OrderProblem, TicketStatusInfo } from '@/lib/sources/ticket-system/watched';

// Words for what the ticket-system code reports by code about watched orders: problems, statuses.

const ORDER_PROBLEM_WORDS: Record<OrderProblem['kind'], PopupMessageKey> = {
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
