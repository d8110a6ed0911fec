// Child process entry in plain JavaScript: it teaches this process TypeScript
// with tsx, whatever started the parent, then writes the shards it is given.
import { register } from 'tsx/esm/api';

register();
await import('./shard-child.ts');
