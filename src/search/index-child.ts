import { getPriority } from 'node:os';
import { describeSearchFailure, indexSite } from './index-site.ts';

// `node index-child-entry.mjs <output>`: indexes one built site and prints
// `{"pages":N,"priority":P}`, or the failure in words on stderr with exit 1.
const output = process.argv[2];
if (output === undefined) {
  process.stderr.write('index-child: the output folder to index is missing\n');
  process.exitCode = 2;
} else {
  try {
    const { pages } = await indexSite(output);
    process.stdout.write(JSON.stringify({ pages, priority: getPriority() }));
  } catch (error) {
    process.stderr.write(describeSearchFailure(error));
    process.exitCode = 1;
  }
}
