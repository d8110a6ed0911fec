#!/usr/bin/env node
// The `gazette` command for npm (`npx gazette`, package.json "bin"). Gazette is
// TypeScript run without a compile step, so tsx is registered before the CLI loads.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/gazette.ts');
