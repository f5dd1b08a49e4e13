import { Worker } from 'node:worker_threads';
import type { TableChunk, TableSyntax } from '../common/table-scan.js';
import type { FieldSpec } from './field-readers.js';
import type { TableTask, TableTaskReply } from './table-task.js';

/** A small set of table worker threads, started on first use and reused. */
export interface TableWorkerPool {
  readonly size: number;
  /** Reads one byte range on a worker; `bytes` must own its buffer, which is transferred (unusable afterwards). */
  scan(syntax: TableSyntax, fields: FieldSpec[], bytes: Uint8Array): Promise<TableChunk>;
  /** Stops the workers; tasks still waiting are rejected. */
  close(): Promise<void>;
}

interface Pending {
  task: TableTask;
  resolve: (chunk: TableChunk) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
}

/**
 * Up to `size` workers running `workerUrl` (the compiled table-worker.js). Idle workers are
 * unref'd, so an idle pool never keeps the process alive and a CLI that parses a small file
 * never starts one.
 */
export function createTableWorkerPool(workerUrl: URL, size: number): TableWorkerPool {
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl) };
    slot.worker.on('message', (reply: TableTaskReply) => {
      const done = slot.current;
      slot.current = undefined;
      if (done && done.task.id === reply.id) {
        if (reply.chunk) done.resolve(reply.chunk);
        else done.reject(new Error(`table worker failed: ${reply.failure}`));
      }
      dispatch(slot);
    });
    const fail = (err: Error): void => {
      slots.splice(slots.indexOf(slot), 1);
      slot.current?.reject(err);
      slot.current = undefined;
      if (queue.length > 0 && !closed) dispatch(start());
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => { if (slots.includes(slot)) fail(new Error(`table worker exited with code ${code}`)); });
    slots.push(slot);
    return slot;
  };

  const dispatch = (slot: Slot): void => {
    const next = queue.shift();
    if (!next) { slot.worker.unref(); return; }
    slot.current = next;
    slot.worker.ref();
    slot.worker.postMessage(next.task, [next.task.bytes.buffer as ArrayBuffer]);
  };

  return {
    size,
    scan(syntax, fields, bytes) {
      if (closed) return Promise.reject(new Error('table worker pool is closed'));
      const task: TableTask = { id: nextId++, syntax: { delimiter: syntax.delimiter, decimalComma: syntax.decimalComma, missingTokens: syntax.missingTokens }, fields, bytes };
      return new Promise<TableChunk>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        const idle = slots.find((s) => !s.current);
        if (idle) dispatch(idle);
        else if (slots.length < size) dispatch(start());
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('table worker pool is closed'));
      const all = slots.splice(0);
      for (const s of all) s.current?.reject(new Error('table worker pool is closed'));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
