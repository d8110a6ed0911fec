import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files that replace modules with vi.mock need a module graph of their own.
const needsOwnModules = ['tests/build/render-threads.test.ts'];

const shared = {
  // Eleventy imports .eleventy.ts itself, outside Vite's transform: tsx teaches Node TypeScript.
  execArgv: ['--import', 'tsx'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // dist/ compiled from src/ as it is, for the tests that run the `gazette` command.
    globalSetup: ['tests/compile-setup.ts'],
    // Vitest leaves one core free by default, which on a 2-core machine runs one file at a
    // time; many files wait on child processes and Chromium, so use every core.
    maxWorkers: availableParallelism(),
    projects: [
      {
        test: {
          ...shared,
          name: 'shared modules',
          include: ['tests/**/*.test.ts'],
          exclude: needsOwnModules,
          // A worker keeps the modules it has imported (Eleventy, remark, the loader) for
          // the next file instead of importing them again: about 110 s of a full run here.
          // Each file still passes alone: `npm run test:each` checks it.
          isolate: false,
        },
      },
      { test: { ...shared, name: 'own modules', include: needsOwnModules } },
    ],
  },
});
