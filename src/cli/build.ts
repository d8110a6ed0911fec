import path from 'node:path';
import { buildSite } from '../render/build-site.ts';
import { printDiagnostics, reportFailure } from './report.ts';

/** `gazette build`: builds the site, or prints every content error and fails. */
export async function runBuild(root: string, fresh = false): Promise<number> {
  const started = performance.now();
  try {
    const result = await buildSite({ root, cache: !fresh });
    printDiagnostics(result.diagnostics);
    if (!result.ok) {
      process.stderr.write(
        'Build stopped: fix the errors above. The previous _site/ is unchanged.\n',
      );
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const where = path.relative(process.cwd(), result.output) || '.';
    const how = result.incremental
      ? `updated ${result.rendered} of ${result.pages} pages`
      : `${result.pages} pages`;
    process.stdout.write(
      `Built ${result.releases} releases into ${where}/ (${how}) in ${seconds} s\n`,
    );
    return 0;
  } catch (error) {
    const code = reportFailure(error);
    process.stderr.write('Build stopped. The previous _site/ is unchanged.\n');
    return code;
  }
}
