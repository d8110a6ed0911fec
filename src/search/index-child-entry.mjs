// Child process entry in plain JavaScript: it teaches this process TypeScript
// with tsx, whatever started the parent, then indexes the site it is given.
import { register } from 'tsx/esm/api';

register();
await import('./index-child.ts');
