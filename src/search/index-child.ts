import { getPriority } from 'node:os';
import { errorChain } from '../diagnostics/error-chain.ts';
import { indexSite } from './index-site.ts';

// `node index-child-entry.mjs <output> <cache>`: indexes one built site and prints
// `{"pages":N,"priority":P}`; on failure, exit 1 with the error and its
// causes on stderr as JSON (an error chain), for the parent to report.
const [output, cache] = process.argv.slice(2);
if (output === undefined || cache === undefined) {
  process.stderr.write(
    'index-child: the output folder to index, or the cache folder, is missing\n',
  );
  process.exitCode = 2;
} else {
  try {
    const { pages } = await indexSite(output, { cache });
    process.stdout.write(JSON.stringify({ pages, priority: getPriority() }));
  } catch (error) {
    process.stderr.write(JSON.stringify(errorChain(error)));
    process.exitCode = 1;
  }
}
