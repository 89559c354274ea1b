/**
 * TEST ONLY. A worker entry for the pool tests: tasks that answer, report progress, throw an
 * AppError or a plain Error, spin past any time budget, or allocate until the heap limit.
 */
import { AppError } from '../core/errors.js';
import { exposeTasks } from '../workspace/pool.js';

const retained: unknown[] = [];

exposeTasks({
  echo: (payload: unknown) => ({ echoed: payload, bytes: payload instanceof Uint8Array ? payload.length : null }),
  progress: (n: number, emit: (e: unknown) => void) => {
    for (let i = 1; i <= n; i++) emit({ done: i });
    return n;
  },
  refuse: () => {
    throw new AppError('FILE_TOO_COMPLEX', 'too deep', { details: { depth: 99 } });
  },
  bug: () => {
    throw new TypeError('x is undefined');
  },
  spin: () => {
    for (;;) {
      // A parser stuck on hostile input.
    }
  },
  hog: () => {
    for (;;) retained.push(new Array(1 << 20).fill(Math.random()));
  },
});
