import { EventEmitter } from 'node:events';

// In-process wake-up: an upload served by this process pokes this process's idle workers at once;
// workers in other processes find the job on their next poll.
const signal = new EventEmitter();

/** Tell local workers that a job was committed. */
export function signalJobQueued(): void {
  signal.emit('queued');
}

/** Subscribe to local job notifications; returns the unsubscribe function. */
export function onJobQueued(listener: () => void): () => void {
  signal.on('queued', listener);
  return () => signal.off('queued', listener);
}
