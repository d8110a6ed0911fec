// Runs one Gazette build in its own process and prints its time and peak memory as JSON.
import type { Diagnostic } from '../src/diagnostics/diagnostic.ts';
import { formatDiagnostic } from '../src/diagnostics/format.ts';
import { buildSite } from '../src/build/build-site.ts';
import { measureBuild, type BuildFailure } from './child-metrics.ts';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: child-build.ts <project root>');
// Gazette imports Eleventy and the Markdown parser only when a build needs
// them. Import both here, as the baseline's child imports Eleventy, so that
// module loading counts as start-up for both and never inside a timed build.
await import('@11ty/eleventy');
await import('../src/load/to-release.ts');
const failed = (failure: BuildFailure) =>
  ({ ok: false, pages: 0, rendered: 0, incremental: false, failure }) as const;
await measureBuild(async () => {
  // A build that stops (a project error, a bug) is reported like one that refuses its content.
  const result = await buildSite({ root, env: {} }).catch((error: unknown) =>
    failed({ rules: {}, first: error instanceof Error ? error.message : String(error) }),
  );
  if ('failure' in result) return result;
  // Pages this build rendered, and whether it updated the last output in place.
  return result.ok
    ? {
        ok: true,
        pages: result.pages,
        rendered: result.rendered,
        incremental: result.incremental,
        phases: { ...result.timings },
      }
    : failed(describeFailure(result.diagnostics));
});

function describeFailure(diagnostics: readonly Diagnostic[]): BuildFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const counts = new Map<string, number>();
  for (const d of errors) counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  const rules = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  const first = errors[0] === undefined ? 'no error reported' : formatDiagnostic(errors[0]);
  return { rules, first: first.split('\n')[0] ?? first };
}
