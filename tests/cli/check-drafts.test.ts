import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIo, makeProject } from './helpers.ts';

/** Drafts and embargoed releases are left out of builds, never out of `gazette check`. */

const DRAFT = `---
area: Wexmoor
title: Appeal after fire at Holm Farm
url: https://www.wexmoor.police.example/news/holm-farm/
draft: true
publish:
  date: 09:30 14/03/2099
  updated: 09:00 14/03/2099
---

Officers are appealing for information.
`;

test('gazette check reports an error in a draft dated in the future, with its place', async () => {
  const root = await makeProject();
  await mkdir(path.join(root, 'content/wexmoor'), { recursive: true });
  await writeFile(path.join(root, 'content/wexmoor/holm.md'), DRAFT);
  const { io, streams } = captureIo(root);
  const code = await main(['check'], io);
  expect(code).toBe(1);
  expect(streams.out).toContain(
    'content/wexmoor/holm.md:8:12  error  publish.updated "09:00 14/03/2099" is earlier than publish.date "09:30 14/03/2099"; a release can only be updated or corrected after it was published.  [date-before-publish]',
  );
});
