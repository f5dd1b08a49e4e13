/**
 * Worker-thread entry of the table pool: reads one byte range of a delimited table and sends the
 * columns back (their buffers transferred, not copied). Pure: bytes in, columns out.
 */
import { parentPort } from 'node:worker_threads';
import { scanTableRange } from '../common/table-scan.js';
import { fromFieldSpecs } from './field-readers.js';
import type { TableTask, TableTaskReply } from './table-task.js';

const port = parentPort;
if (!port) throw new Error('table-worker.js runs only as a worker thread');

port.on('message', (task: TableTask) => {
  let reply: TableTaskReply;
  try {
    const chunk = scanTableRange(task.syntax, fromFieldSpecs(task.fields), task.bytes, 0, task.bytes.length);
    reply = { id: task.id, chunk };
  } catch (err) {
    reply = { id: task.id, failure: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  const transfer = reply.chunk ? [...new Set(reply.chunk.columns.map((c) => c.buffer as ArrayBuffer))] : [];
  port.postMessage(reply, transfer);
});
