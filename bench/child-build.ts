// Runs one Gazette build in its own process and prints its time and peak memory as JSON.
import { buildSite } from '../src/render/build-site.ts';
import { measureBuild } from './child-metrics.ts';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: child-build.ts <project root>');
// Gazette imports Eleventy and the Markdown parser only when a build needs
// them. Import both here, as the baseline's child imports Eleventy, so that
// module loading counts as start-up for both and never inside a timed build.
await import('@11ty/eleventy');
await import('../src/load/to-release.ts');
await measureBuild(async () => {
  const result = await buildSite({ root, env: {} });
  // Pages this build rendered, and whether it updated the last output in place.
  return result.ok
    ? {
        ok: true,
        pages: result.pages,
        rendered: result.rendered,
        incremental: result.incremental,
        phases: { ...result.timings },
      }
    : { ok: false, pages: 0, rendered: 0, incremental: false };
});
