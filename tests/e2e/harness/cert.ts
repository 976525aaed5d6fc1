// A throw-away TLS certificate for the fake 12306 server, made fresh at every test start so no key
// lives in the repository. Browsers are told to accept it (Chromium by its SPKI hash, see
// `spkiHash`; Firefox through the driver's insecure-certificate setting), never by trusting a CA.

import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A self-signed certificate naming every host as a DNS SAN, valid from yesterday for a week. */
export async function makeCertificate(hosts: string[]): Promise<{ key: string; cert: string }> {
  if (hosts.length === 0) throw new Error('makeCertificate needs at least one host');
  // Starting yesterday keeps it valid for a browser (or fake clock) running somewhat behind.
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const pems = await generate([{ name: 'commonName', value: hosts[0] }], {
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 7 * DAY_MS),
    // P-256 is quick to make and every browser takes it; SHA-1 (the library's default) they refuse.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      // A leaf, not a CA: Firefox rejects a CA certificate used by a server.
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // Browsers match names against the SAN only, never the common name.
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Base64 SHA-256 of the certificate's public key (SPKI), the form Chromium's
 * `--ignore-certificate-errors-spki-list` takes, so it accepts this certificate and no other.
 */
export function spkiHash(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
