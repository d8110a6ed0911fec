import { loadReleases } from '../load/load-releases.ts';
import { loadSiteConfig } from '../model/site-config.ts';
import { printDiagnostics, reportFailure } from './report.ts';

/** `gazette check`: validates every release without building; exit 1 on any error. */
export async function runCheck(root: string): Promise<number> {
  try {
    const site = await loadSiteConfig(root);
    const { releases, diagnostics } = await loadReleases(root, site.contentDir, {
      timeZone: site.timeZone,
    });
    printDiagnostics(diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors === 0) process.stdout.write(`${releases.length} releases checked: no errors\n`);
    return errors === 0 ? 0 : 1;
  } catch (error) {
    return reportFailure(error);
  }
}
