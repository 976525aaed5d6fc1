import { DEFAULT_PATH_TEMPLATES, type Account } from '@/lib/sources/ticket-system/account';
import { deriveHawkKey } from '@/lib/sources/ticket-system/key';

/** A V5 account at a made-up venue; its Hawk key is `HAWK_KEY`. */
export function account(change: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    label: '黄山',
    baseUrl: 'https://tickets.venue-a.test/',
    flavour: 'v5',
    pathTemplate: DEFAULT_PATH_TEMPLATES.v5,
    username: 'agent01',
    hawkId: '',
    personalId: '0',
    allowHttp: false,
    ...change,
  };
}

export const SECRET = { key: 'VENUEKEY', password: '123456' };
export const HAWK_KEY = deriveHawkKey(SECRET.key, SECRET.password);
