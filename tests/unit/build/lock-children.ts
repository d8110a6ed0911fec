import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A process of its own that takes a project's build lock when told (lock-child.ts). */
export interface LockChild {
  readonly pid: number;
  /** Tells it to take the lock; `answer` waits for what it says. */
  ask(): void;
  /** Its next line: `locked`, or `refused <message>`. */
  answer(): Promise<string>;
  /** Ends it at once, letting go of nothing. */
  kill(): Promise<void>;
}

/** Starts a lock child for the project at `root`, and waits until it is ready. */
export async function startLockChild(root: string, command = 'gazette build'): Promise<LockChild> {
  const script = path.join(import.meta.dirname, 'lock-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, root, command], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const answer = async () => String((await lines.next()).value);
  const ready = await answer();
  if (ready !== 'ready') throw new Error(`lock child said ${ready}`);
  return {
    pid: child.pid ?? 0,
    ask: () => void child.stdin.write('lock\n'),
    answer,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve()).kill('SIGKILL');
      }),
  };
}
