import { AppError } from '../domain/errors.js';

export interface PasswordHashGate {
  /** Runs `work` (a scrypt hash or check) when a slot is free; RATE_LIMITED at once when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * At most `concurrency` password hashes at once in this process, `maxQueued` more waiting in order. Each
 * scrypt takes 32 MiB and a thread-pool thread for tens of milliseconds: unbounded, a flood of sign-ins
 * would queue every request behind it and exhaust memory; bounded, the excess is told to come back.
 */
export function createPasswordHashGate(opts: { concurrency: number; maxQueued: number }): PasswordHashGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(work) {
      if (running < opts.concurrency) running++;
      else if (waiting.length < opts.maxQueued) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw new AppError('RATE_LIMITED', 'The server is busy checking other sign-ins; try again in a moment', { retryAfterS: 1 });
      try {
        return await work();
      } finally {
        // Hand the slot straight to the next waiter, so a newcomer cannot overtake the queue.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
