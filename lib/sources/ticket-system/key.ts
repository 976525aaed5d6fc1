import MD5 from 'crypto-js/md5';
import Utf8 from 'crypto-js/enc-utf8';

/**
 * The Hawk key the ticket system expects: `KEY + UPPER(MD5(password))`, where KEY is the key the venue
 * issued to the agent account and the MD5 is taken over the password's UTF-8 bytes, as uppercase hex.
 *
 * Only the derived key is ever kept; the password itself is never stored. The derived key is as good
 * as the password to this server, though, so it must never reach a log or an error message either.
 */
export function deriveHawkKey(key: string, password: string): string {
  return key + MD5(Utf8.parse(password)).toString().toUpperCase();
}
