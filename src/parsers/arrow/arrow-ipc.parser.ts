import { ParseError, type CyclerParser, type DetectInput, type NotDataVerdict } from '../cycler-parser.js';
import { startsWithAscii } from '../binary/byte-view.js';

const FORMAT = 'arrow-ipc';

// Arrow IPC file / Feather v2 ('ARROW1') and Feather v1 ('FEA1').
const isArrowFile = (head: Uint8Array) => startsWithAscii(head, 'ARROW1') || startsWithAscii(head, 'FEA1');

/**
 * Apache Arrow IPC / Feather tables (e.g. NewareNDA's reference outputs): recognised so that they are
 * refused with a reason, not as an unknown format. They are another program's output, whose columns
 * and units we cannot know; the cycler's own file is what to upload.
 */
export const arrowIpcParser: CyclerParser = {
  name: FORMAT,
  vendor: 'Apache Arrow',
  label: 'Arrow IPC / Feather table',
  version: '1.0.0',
  extensions: ['.arrow', '.feather', '.ftr'],
  verified: true,
  // Never claims a file as data: detection reports these files through classifyNotData instead.
  detect() {
    return 0;
  },
  classifyNotData({ head }: DetectInput): NotDataVerdict | null {
    if (!isArrowFile(head)) return null;
    return { kind: 'other', description: "an Arrow/Feather table written by another program (such as NewareNDA's reference output), not a cycler's file — upload the cycler's own file or a BDF CSV/Parquet export" };
  },
  async parse({ fileName }) {
    throw new ParseError({ format: FORMAT, fileName, byte: 0, message: "an Arrow/Feather table is not a cycler's file: upload the cycler's own file or a BDF CSV/Parquet export" });
  },
};
