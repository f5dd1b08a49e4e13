import type { TableChunk, TableSyntax } from '../common/table-scan.js';
import type { FieldSpec } from './field-readers.js';

/** One byte range to read, as posted to a table worker (`bytes` transferred). */
export interface TableTask {
  id: number;
  syntax: TableSyntax;
  fields: FieldSpec[];
  bytes: Uint8Array;
}

/** A worker's answer: the chunk, or the text of an unexpected exception. */
export interface TableTaskReply {
  id: number;
  chunk?: TableChunk;
  failure?: string;
}
