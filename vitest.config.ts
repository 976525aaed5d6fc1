import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// 12306 and the venues speak Beijing time whatever the user's zone is, so every unit test runs in
// three zones: one west of UTC, UTC itself and Beijing. A zone-dependent bug fails at least one.
const zones = ['America/Los_Angeles', 'UTC', 'Asia/Shanghai'];

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: zones.map((zone) => ({
      extends: true,
      test: {
        name: zone,
        env: { TZ: zone },
        include: ['tests/unit/**/*.test.{ts,tsx}'],
        setupFiles: ['tests/unit/setup.ts'],
      },
    })),
  },
});
