import { ParseError, type CyclerParser, type DetectInput, type NotDataVerdict } from '../cycler-parser.js';
import { startsWithAscii } from '../binary/byte-view.js';

const FORMAT = 'biologic-mps';
const SIGNATURES = ['EC-LAB SETTING FILE', 'BT-LAB SETTING FILE'];

function isSettingsFile(head: Uint8Array): boolean {
  // Tolerate a UTF-8 BOM before the signature.
  const offset = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return SIGNATURES.some((s) => startsWithAscii(head, s, offset));
}

function technique(head: Uint8Array): string | null {
  const text = new TextDecoder('latin1').decode(head);
  const m = /Technique : \d+\r?\n([^\r\n]+)/.exec(text);
  return m ? m[1].trim() : null;
}

/**
 * BioLogic EC-Lab / BT-Lab .mps settings (protocol) file: recognised so that it is reported as a
 * settings companion, never parsed as data.
 */
export const biologicMpsParser: CyclerParser = {
  name: FORMAT,
  vendor: 'BioLogic',
  label: 'BioLogic EC-Lab / BT-Lab .mps settings',
  version: '1.0.0',
  extensions: ['.mps'],
  verified: true,
  // Never claims a file as data: detection reports .mps files through classifyNotData instead.
  detect() {
    return 0;
  },
  classifyNotData({ head }: DetectInput): NotDataVerdict | null {
    if (!isSettingsFile(head)) return null;
    const t = technique(head);
    return { kind: 'settings', description: `BioLogic settings (protocol) file${t ? ` for '${t}'` : ''}; it holds no measured data: upload the .mpr or .mpt, with this file as its companion` };
  },
  async parse({ fileName }) {
    throw new ParseError({ format: FORMAT, fileName, byte: 0, message: 'this is a BioLogic settings (.mps) file, not a data file: upload the .mpr or .mpt export of the run' });
  },
};
