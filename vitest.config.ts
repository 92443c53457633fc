import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    pool: 'forks',
    // test/web/ drives the built web app: built once, before every file.
    globalSetup: ['test/web/build-app.global.ts'],
    // CI logs name every test, so they show the database tests ran on each dialect.
    reporters: process.env['CI'] ? ['verbose'] : ['default'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // An unhandled rejection anywhere fails the run (vitest's default; kept explicit on purpose).
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
