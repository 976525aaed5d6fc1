import { describe, expect, it } from 'vitest';
import {
  checkBaseUrl,
  checkDraft,
  DEFAULT_PATH_TEMPLATES,
  EMPTY_DRAFT,
  hawkIdOf,
  orderUrl,
  originPatternOf,
  parseOrderIds,
  UnsafeOrderUrlError,
  type AccountDraft,
} from '@/lib/sources/ticket-system/account';
import { account } from '../../helpers/accounts';

const draft = (change: Partial<AccountDraft> = {}): AccountDraft => ({
  ...EMPTY_DRAFT,
  baseUrl: 'https://tickets.venue-a.test',
  username: 'agent01',
  ...change,
});

describe('checkBaseUrl', () => {
  it('normalises to a base that relative paths join under, and names the origin to ask access for', () => {
    expect(checkBaseUrl('  https://Tickets.Venue-A.test:8443/ticket ', false)).toEqual({
      baseUrl: 'https://tickets.venue-a.test:8443/ticket/',
      originPattern: 'https://tickets.venue-a.test/*',
      secure: true,
    });
  });

  it('reads a bare host name as https', () => {
    expect(checkBaseUrl('tickets.venue-a.test', false)).toMatchObject({ baseUrl: 'https://tickets.venue-a.test/' });
  });

  it.each([
    ['', 'missing'],
    ['https://', 'missing'],
    ['https://tick ets.test', 'invalid'],
    ['https://', 'missing'],
    ['ftp://tickets.venue-a.test', 'notHttp'],
    ['https://user:pw@tickets.venue-a.test', 'credentials'],
    ['https://tickets.venue-a.test/?x=1', 'queryOrFragment'],
    ['http://tickets.venue-a.test', 'insecure'],
    ['https://[bad', 'invalid'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(checkBaseUrl(raw, false)).toEqual({ field: 'baseUrl', problem });
  });

  it('takes plain http only once the warning was accepted', () => {
    expect(checkBaseUrl('http://10.0.0.5:8080/', true)).toEqual({
      baseUrl: 'http://10.0.0.5:8080/',
      originPattern: 'http://10.0.0.5/*',
      secure: false,
    });
  });
});

describe('checkDraft', () => {
  it('fills in what may be left empty', () => {
    const result = checkDraft(draft({ label: ' ', personalId: '' }), 'id-1');
    expect(result).toEqual({
      url: expect.objectContaining({ baseUrl: 'https://tickets.venue-a.test/' }),
      account: {
        ...draft(),
        id: 'id-1',
        label: 'tickets.venue-a.test',
        baseUrl: 'https://tickets.venue-a.test/',
        personalId: '0',
      },
    });
  });

  it('lists every problem, field by field', () => {
    const result = checkDraft(
      draft({ baseUrl: 'http://x.test', pathTemplate: 'api/{orderId}', username: '', hawkId: 'a"b', personalId: 'x' }),
      'id-1',
    );
    expect(result).toEqual({
      problems: [
        { field: 'baseUrl', problem: 'insecure' },
        { field: 'pathTemplate', problem: 'unknownPlaceholder' },
        { field: 'username', problem: 'missing' },
        { field: 'hawkId', problem: 'invalid' },
        { field: 'personalId', problem: 'invalid' },
      ],
    });
  });

  it.each([
    ['', 'missing'],
    ['api/Order/Query/Main', 'noOrderId'],
    ['https://evil.test/{orderid}', 'absolute'],
    ['//evil.test/{orderid}', 'absolute'],
  ])('refuses the path template %j (%s)', (pathTemplate, problem) => {
    expect(checkDraft(draft({ pathTemplate }), 'id')).toEqual({ problems: [{ field: 'pathTemplate', problem }] });
  });

  it('refuses a username that would change the V3 path', () => {
    expect(checkDraft(draft({ username: 'a/b' }), 'id')).toEqual({
      problems: [{ field: 'username', problem: 'invalid' }],
    });
    expect(checkDraft(draft({ username: '..' }), 'id')).toEqual({
      problems: [{ field: 'username', problem: 'invalid' }],
    });
  });

  // What URL parsing makes of these, not what they look like: `\` is `/`, tabs and leading control
  // characters vanish, `%2e%2e` is `..`.
  it.each([
    '\\\\evil.test/{orderid}',
    '\\/evil.test/{orderid}',
    'ht\ttps://evil.test/{orderid}',
    '\x01//evil.test/{orderid}',
    '\x01https://evil.test/{orderid}',
    '../{orderid}',
    '%2e%2e/{orderid}',
    'api/../../{orderid}',
  ])('refuses a path template that leads away from the base URL: %j', (pathTemplate) => {
    expect(checkDraft(draft({ baseUrl: 'https://tickets.venue-a.test/ticket/', pathTemplate }), 'id')).toEqual({
      problems: [{ field: 'pathTemplate', problem: 'leavesBase' }],
    });
  });

  it('takes a path that goes up and comes back under the base', () => {
    const checked = checkDraft(
      draft({ baseUrl: 'https://tickets.venue-a.test/ticket/', pathTemplate: 'api/../api/{orderid}' }),
      'id',
    );
    expect(checked).toHaveProperty('account');
  });
});

describe('orderUrl', () => {
  it('fills the V5 template', () => {
    expect(orderUrl(account({ personalId: '42' }), 'T-1')).toBe(
      'https://tickets.venue-a.test/api/Order/Query/Main/T-1?personalid=42',
    );
  });

  it('fills the V3 template under a base path, encoding each value', () => {
    const v3 = account({
      baseUrl: 'https://venue.test/ticket/',
      pathTemplate: `/${DEFAULT_PATH_TEMPLATES.v3}`,
      username: '黄山 agent',
    });
    expect(orderUrl(v3, '2026+1')).toBe(
      'https://venue.test/ticket/api/V3Reserve/Order/Query/Single/RetOrderQueryview/%E9%BB%84%E5%B1%B1%20agent/2026%2B1',
    );
  });

  it('encodes what would end the path or start a query in a value', () => {
    expect(orderUrl(account({ pathTemplate: 'q/{orderid}/x' }), 'a?b#c/d')).toBe(
      'https://tickets.venue-a.test/q/a%3Fb%23c%2Fd/x',
    );
  });

  it('refuses to build a URL that leaves the base, whatever was stored', () => {
    const base = 'https://tickets.venue-a.test/ticket/';
    for (const pathTemplate of [
      '\\\\evil.test/{orderid}',
      'ht\ttps://evil.test/{orderid}',
      '\x01//evil.test/{orderid}',
    ])
      expect(() => orderUrl(account({ baseUrl: base, pathTemplate }), 'O1')).toThrow(UnsafeOrderUrlError);
    expect(() => orderUrl(account({ baseUrl: base, pathTemplate: 'q/{orderid}' }), '..')).toThrow(UnsafeOrderUrlError);
    expect(() => orderUrl(account({ baseUrl: base, pathTemplate: '{username}/../../{orderid}' }), 'O1')).toThrow(
      UnsafeOrderUrlError,
    );
  });
});

describe('parseOrderIds', () => {
  it('splits a pasted list on lines, spaces, commas and Chinese punctuation, once each', () => {
    expect(parseOrderIds(' 2026A\n2026B, 2026C，2026D；2026E、2026A\t2026F ')).toEqual({
      ids: ['2026A', '2026B', '2026C', '2026D', '2026E', '2026F'],
      invalid: [],
    });
  });

  it('sets apart what cannot be an order number', () => {
    expect(parseOrderIds('2026A ../admin a?b x .. .'.concat(' ', 'y'.repeat(65)))).toEqual({
      ids: ['2026A', 'x'],
      invalid: ['../admin', 'a?b', '..', '.', 'y'.repeat(65)],
    });
  });
});

describe('account helpers', () => {
  it('signs with the username unless a Hawk id was given', () => {
    expect(hawkIdOf(account())).toBe('agent01');
    expect(hawkIdOf(account({ hawkId: 'h1' }))).toBe('h1');
  });

  it('asks access for the host whatever the port', () => {
    expect(originPatternOf(account({ baseUrl: 'https://venue.test:8443/x/' }))).toBe('https://venue.test/*');
  });
});
