import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the production build in real Debian Chromium and Firefox against a local fake
// 12306. One file at a time: each starts browsers, and the machine has two cores.
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    env: { TZ: 'UTC' },
  },
});
