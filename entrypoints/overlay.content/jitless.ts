import { z } from 'zod/mini';

// zod probes for `new Function` when an object schema is built, to compile a faster parser. On a page
// whose Content-Security-Policy forbids eval, that probe is reported as a policy violation (to the
// page's own report address, if it has one) even though zod swallows the error. The content script
// parses a few small messages: it never needs the compiled parser. Imported before any schema is built.
z.config({ jitless: true });
