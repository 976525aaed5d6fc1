import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';

// Words for the problems the ticket-system code finds in an account draft, by code (settings page).

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
  'pathTemplate.leavesBase': 'draftPathLeavesBase',
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
