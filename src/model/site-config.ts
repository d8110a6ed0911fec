import { z } from 'zod';
import { isAbsoluteHttpUrl } from './front-matter.ts';
import { DEFAULT_PERMALINK, permalinkProblem } from './permalink.ts';
import { isShareImageUrl } from './share-image.ts';

const httpUrl = z.string().refine(isAbsoluteHttpUrl, 'must be an absolute http(s) URL');
const imageUrl = z
  .string()
  .refine(
    isShareImageUrl,
    'must be a path on the site such as /assets/share.png, or an absolute http(s) URL',
  );

/** The site data file, `site.json`: the one place a publisher configures the site. */
export const siteConfigSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  /** Absolute URL the site is published at; GAZETTE_SITE_URL or `build --site-url` overrides it. */
  url: httpUrl.transform((url) => url.replace(/\/+$/, '')),
  language: z.string().min(2).default('en-GB'),
  locale: z.string().min(2).default('en_GB'),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London'),
  /**
   * The default share picture: a path on the site (`/assets/share.png`, the
   * theme's) or a full URL; one on the site's own address follows the deploy's
   * URL and prefix. Its width and height in pixels let previews lay out before it loads.
   */
  image: z.strictObject({
    url: imageUrl,
    alt: z.string().min(1),
    width: z.number().int().min(1).optional(),
    height: z.number().int().min(1).optional(),
  }),
  /**
   * A small picture shown beside the title in the site header, as a path on
   * the site such as `/assets/logo.svg` (under `templates/assets/`); decorative,
   * since the title beside it names the site.
   */
  logo: z
    .string()
    .regex(/^\/[^/\s][^\s]*$/, 'must be a path on the site such as /assets/logo.svg')
    .optional(),
  contentDir: z.string().min(1).default('content'),
  pageSize: z.number().int().min(1).max(500).default(20),
  homeCount: z.number().int().min(1).max(100).default(10),
  /**
   * The terms the downloads at `/data/` are offered under, as the publisher
   * states them: a licence's name and, optionally, its address. Without it,
   * the data page says no terms were set beyond the forces' own.
   */
  dataLicence: z
    .strictObject({ name: z.string().trim().min(1), url: httpUrl.optional() })
    .optional(),
  /** The release page address pattern (see permalink.ts); the default never lets two releases clash. */
  permalink: z
    .string()
    .default(DEFAULT_PERMALINK)
    .superRefine((pattern, ctx) => {
      const problem = permalinkProblem(pattern);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /**
   * The folder the site is served from, for a project site such as
   * `https://user.github.io/archive/`: `/archive/`. GAZETTE_PATH_PREFIX or
   * `build --path-prefix` overrides it.
   */
  pathPrefix: z
    .string()
    .default('/')
    .refine(
      (prefix) =>
        /^\/*(?:[A-Za-z0-9._~-]+\/+)*[A-Za-z0-9._~-]*\/*$/.test(prefix) &&
        !/(^|\/)\.\.?(\/|$)/.test(prefix),
      'must be a folder path such as /archive/ (letters, digits, . _ ~ - and slashes)',
    )
    .transform(normalisePrefix),
});

/** Validated site configuration. */
export type SiteConfig = z.output<typeof siteConfigSchema>;

/** The settings a deploy may override, from the environment or the command line. */
export type DeploySetting = 'url' | 'pathPrefix';

/** Why `value` cannot be the site's `url` or `pathPrefix` ("must be …"), or null when it can. */
export function deploySettingProblem(setting: DeploySetting, value: string): string | null {
  const parsed = siteConfigSchema.shape[setting].safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'is not valid');
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A prefix always starts and ends with one slash: `news` → `/news/`, `` → `/`. */
export function normalisePrefix(prefix: string): string {
  const inner = prefix.replace(/^\/+|\/+$/g, '');
  return inner === '' ? '/' : `/${inner}/`;
}
