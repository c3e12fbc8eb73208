import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/sim/**/*.test.ts'],
    testTimeout: 30_000,
    // Long enough for a device test file to wait its turn for the socat pty lock.
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
