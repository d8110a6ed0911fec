// Worker entry in plain JavaScript: it teaches this thread TypeScript with tsx,
// whatever flags or test runner started the parent, then runs the real worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
