// Runs one stock Eleventy build of bench/baseline/ in its own process and
// prints its time and peak memory as JSON, like child-build.ts does for Gazette.
import { readdir } from 'node:fs/promises';
import { measureBuild } from './child-metrics.ts';

const [root, output] = process.argv.slice(2);
if (root === undefined || output === undefined) {
  throw new Error('usage: child-baseline.ts <baseline project> <output folder>');
}
// Eleventy resolves globs and the config from the working directory, as with its CLI.
process.chdir(root);
const { default: Eleventy } = await import('@11ty/eleventy');
await measureBuild(
  async () => {
    const eleventy = new Eleventy('.', output, {
      quietMode: true,
      configPath: 'eleventy.config.mjs',
    });
    await eleventy.write();
  },
  async () => {
    const entries = await readdir(output, { recursive: true });
    const pages = entries.filter((name) => name.endsWith('.html')).length;
    return { ok: true, pages, rendered: pages, incremental: false };
  },
);
