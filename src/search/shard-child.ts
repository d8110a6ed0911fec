import { text } from 'node:stream/consumers';
import { errorChain } from '../diagnostics/error-chain.ts';
import { writeShardsHere, type Shard } from './index-site.ts';

// `node shard-child-entry.mjs <site> <staging>`, the shards to index as JSON on
// stdin: writes their Pagefind bundles into `<staging>/<shard>/` with a
// Pagefind service of its own and prints each shard's fingerprint as JSON; on
// failure, exit 1 with the error and its causes on stderr as JSON (an error chain).
const [site, staging] = process.argv.slice(2);
if (site === undefined || staging === undefined) {
  process.stderr.write('shard-child: the site folder, or the staging folder, is missing\n');
  process.exitCode = 2;
} else {
  try {
    const shards = JSON.parse(await text(process.stdin)) as Shard[];
    process.stdout.write(JSON.stringify(await writeShardsHere(site, staging, shards)));
  } catch (error) {
    process.stderr.write(JSON.stringify(errorChain(error)));
    process.exitCode = 1;
  }
}
