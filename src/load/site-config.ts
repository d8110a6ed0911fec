import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { siteConfigSchema, type SiteConfig } from '../model/site-config.ts';
import { SITE_CONFIG_FILE } from '../model/project-paths.ts';

/**
 * Reads `site.json` from the project root, then applies deploy-time
 * overrides from the environment (GAZETTE_SITE_URL, GAZETTE_PATH_PREFIX).
 */
export async function loadSiteConfig(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  file = SITE_CONFIG_FILE,
): Promise<SiteConfig> {
  const full = path.resolve(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(full, 'utf8'));
  } catch (error) {
    throw siteConfigError(file, [(error as Error).message], error);
  }
  if (typeof raw === 'object' && raw !== null) {
    const { GAZETTE_SITE_URL: url, GAZETTE_PATH_PREFIX: pathPrefix } = env;
    raw = {
      ...raw,
      ...(url !== undefined && url !== '' && { url }),
      ...(pathPrefix !== undefined && pathPrefix !== '' && { pathPrefix }),
    };
  }
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw siteConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      parsed.error,
    );
  }
  return parsed.data;
}

/** A site.json that could not be used, with every reason. */
function siteConfigError(file: string, reasons: readonly string[], cause: unknown): GazetteError {
  const list = reasons.map((r) => `  - ${r}`).join('\n');
  return new GazetteError('config', `${file} is not a valid site configuration:\n${list}`, {
    cause,
  });
}
