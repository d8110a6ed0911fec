import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../diagnostics/gazette-error.ts';
import { deployedImageUrl, type SiteAddress } from '../model/share-image.ts';
import {
  deploySettingProblem,
  normalisePrefix,
  siteConfigSchema,
  type DeploySetting,
  type SiteConfig,
} from '../model/site-config.ts';
import { SITE_CONFIG_FILE } from '../model/project-paths.ts';

/** site.json as the build uses it, and the address it was written for. */
export interface SiteSettings {
  /** With the deploy's overrides, and the share image on the deployed address. */
  readonly config: SiteConfig;
  /** site.json's own `url` and `pathPrefix`, before any override. */
  readonly written: SiteAddress;
}

/**
 * Reads `site.json` from the project root, then applies deploy-time
 * overrides from the environment (GAZETTE_SITE_URL, GAZETTE_PATH_PREFIX;
 * `gazette build --site-url` and `--path-prefix` set them).
 */
export async function loadSiteConfig(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  file = SITE_CONFIG_FILE,
): Promise<SiteConfig> {
  return (await loadSiteSettings(root, env, file)).config;
}

/**
 * Like loadSiteConfig, and says what site.json's address was before the
 * overrides: images written on it move with the site (share-image.ts).
 */
export async function loadSiteSettings(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  file = SITE_CONFIG_FILE,
): Promise<SiteSettings> {
  const full = path.resolve(root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(full, 'utf8'));
  } catch (error) {
    throw siteConfigError(file, [(error as Error).message], error);
  }
  const asWritten =
    typeof raw === 'object' && raw !== null ? siteConfigSchema.safeParse(raw) : null;
  if (typeof raw === 'object' && raw !== null) raw = { ...raw, ...deployOverrides(env) };
  const parsed = siteConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw siteConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      parsed.error,
    );
  }
  const config = parsed.data;
  const written = asWritten?.success === true ? asWritten.data : config;
  const address = { url: written.url, pathPrefix: normalisePrefix(written.pathPrefix) };
  const url = deployedImageUrl(config.image.url, address, config);
  return { config: { ...config, image: { ...config.image, url } }, written: address };
}

const OVERRIDES = [
  { setting: 'url', variable: 'GAZETTE_SITE_URL', example: 'https://news.example.org' },
  { setting: 'pathPrefix', variable: 'GAZETTE_PATH_PREFIX', example: '/archive/' },
] as const;

/**
 * The settings the environment overrides. A value that cannot be used is
 * reported as the variable's, not as site.json's, which may be fine.
 */
function deployOverrides(env: NodeJS.ProcessEnv): Partial<Record<DeploySetting, string>> {
  const overrides: Partial<Record<DeploySetting, string>> = {};
  for (const { setting, variable, example } of OVERRIDES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const problem = deploySettingProblem(setting, value);
    if (problem !== null) {
      throw new GazetteError(
        'config',
        `${variable} holds "${value}", which ${problem}. Set it as ${variable}=${example}, or unset it to use the ${setting} in ${SITE_CONFIG_FILE}.`,
      );
    }
    overrides[setting] = value;
  }
  return overrides;
}

/** A site.json that could not be used, with every reason. */
function siteConfigError(file: string, reasons: readonly string[], cause: unknown): GazetteError {
  const list = reasons.map((r) => `  - ${r}`).join('\n');
  return new GazetteError('config', `${file} is not a valid site configuration:\n${list}`, {
    cause,
  });
}
