// `node --import tsx scripts/share-image.ts`: draws the default share image,
// templates/assets/share.png (1200×630, the size Open Graph previews use), from
// the SVG below with the same headless Chromium the browser tests use. Run it
// once after changing the drawing, and commit the PNG: builds only copy it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.ts';

const WIDTH = 1200;
const HEIGHT = 630;
const target = path.join(import.meta.dirname, '../templates/assets/share.png');

// The favicon's mark, large, beside the name and what the site is. Text in the
// system's sans-serif, as the pages use; no web fonts, no network.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <rect width="${WIDTH}" height="${HEIGHT}" fill="#f1f2f3"/>
  <rect x="0" y="0" width="${WIDTH}" height="18" fill="#1d3557"/>
  <g transform="translate(110 175) scale(8.75)">
    <rect width="32" height="32" rx="6" fill="#1d3557"/>
    <path d="M22 11.5A7.5 7.5 0 1 0 23.5 17H16" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>
  </g>
  <g font-family="'DejaVu Sans', 'Liberation Sans', Arial, sans-serif" fill="#1b1d20">
    <text x="450" y="300" font-size="104" font-weight="700">Gazette</text>
    <text x="452" y="372" font-size="38" fill="#3d434a">A news archive by area and by date</text>
    <line x1="452" y1="410" x2="1090" y2="410" stroke="#8a9097" stroke-width="3"/>
    <text x="452" y="462" font-size="30" fill="#3d434a">Every release, its source and its date</text>
  </g>
</svg>`;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  await page.setContent(`<body style="margin:0">${svg}</body>`);
  await writeFile(target, await page.screenshot({ type: 'png', omitBackground: false }));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), target)} (${WIDTH}×${HEIGHT}).\n`);
} finally {
  await browser.close();
}
