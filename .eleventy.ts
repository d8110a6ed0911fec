// For running Eleventy directly:
//   node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts
// `npm run build` and `npm start` use the same plugin through src/cli/.
import type { EleventyConfig } from './src/build/eleventy-types.ts';
import { gazettePlugin } from './src/build/plugin.ts';

export const config = {
  dir: { input: 'templates', output: '_site' },
};

export default function eleventyConfig(eleventy: EleventyConfig): void {
  eleventy.addPlugin(gazettePlugin, { root: process.cwd() });
}
