import { resolve } from 'node:path';

// vite-node (WXT's own TypeScript runner) runs the benchmark with the project's `@/` alias.
export default { resolve: { alias: { '@': resolve(import.meta.dirname, '../..') } } };
