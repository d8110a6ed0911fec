import { text } from 'node:stream/consumers';
import { errorChain } from '../diagnostics/error-chain.ts';
import { writeShardsHere, type Year } from './index-site.ts';

// `node shard-child-entry.mjs <site> <staging>`, the years to index as JSON on
// stdin: writes their Pagefind bundles into `<staging>/<year>/` with a
// Pagefind service of its own and prints each year's fingerprint as JSON; on
// failure, exit 1 with the error and its causes on stderr as JSON (an error chain).
const [site, staging] = process.argv.slice(2);
if (site === undefined || staging === undefined) {
  process.stderr.write('shard-child: the site folder, or the staging folder, is missing\n');
  process.exitCode = 2;
} else {
  try {
    const years = JSON.parse(await text(process.stdin)) as Year[];
    process.stdout.write(JSON.stringify(await writeShardsHere(site, staging, years)));
  } catch (error) {
    process.stderr.write(JSON.stringify(errorChain(error)));
    process.exitCode = 1;
  }
}
