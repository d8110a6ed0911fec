// A process of its own that takes a project's build lock when told, for the
// build lock's tests: `node --import tsx lock-child.ts <root> <command>`.
// It says "ready" once loaded; each line "lock" on its input makes it try,
// answering "locked" or "refused <message>". It lets go and ends when its
// input closes.
import { createInterface } from 'node:readline';
import { lockBuilds, type BuildLock } from '../../../src/build/build-lock.ts';

const [root = '.', command = 'gazette build'] = process.argv.slice(2);
const locks: BuildLock[] = [];
const lines = createInterface({ input: process.stdin });
lines.on('line', () => {
  try {
    locks.push(lockBuilds(root, command));
    process.stdout.write('locked\n');
  } catch (error) {
    process.stdout.write(`refused ${(error as Error).message}\n`);
  }
});
lines.on('close', () => {
  for (const lock of locks) lock.release();
});
process.stdout.write('ready\n');
