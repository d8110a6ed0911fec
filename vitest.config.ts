import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Eleventy imports .eleventy.ts itself, outside Vite's transform: tsx teaches Node TypeScript.
    execArgv: ['--import', 'tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
