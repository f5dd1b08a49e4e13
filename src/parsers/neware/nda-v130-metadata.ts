import { formatLocalIso } from '../common/date-time.js';

/** What the header and the 'pack test info' record of a BTS 9.x .nda (version 130) say about the test. */
export interface NdaV130Info {
  metadata: Record<string, unknown>;
  /** The number of data records the test info record declares, when it was found. */
  declaredRecords?: number;
  /** Set when the header points to a test info record past the end of the file (a cut file): its end offset. */
  declaredEnd?: number;
}

// Layout from fastnda (EmpaEconversion, nda_meta.py), checked on TestFile.nda (BTS 9.1.5.7): the
// declared record count equals the records read, the start time is 5 s before the first record and
// matches the local start time (UTC+2) the file's step block stores.
const BTS_VERSION = /\d+(?:\.[\dA-Za-z]+){4,}/;
const ACTIVE_MASS_UG_AT = 330;
const TEST_INFO_POINTER_AT = 34; // u64 begin, u64 length
const CREATOR_AT = 8;
const TEXTS_FROM = 40;
// Record version → offset of its tail (test id u32, record count u32, start and stop µs u64).
const TAIL_AT: Record<number, number> = { 19: 424, 42: 552 };
const MIN_EPOCH_US = Date.UTC(2005, 0, 1) * 1000;
const MAX_EPOCH_US = Date.UTC(2035, 0, 1) * 1000;
const MAX_TEST_US = 5 * 365 * 86400 * 1e6;

const decodeText = (bytes: Uint8Array) => new TextDecoder('gb18030').decode(bytes).trim();

/** NUL-separated non-empty strings of a byte range (fields whose meaning is not documented). */
function textsIn(bytes: Uint8Array): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0) continue;
    if (i > start) out.push(decodeText(bytes.subarray(start, i)));
    start = i + 1;
  }
  return out.filter((s) => s.length > 0);
}

/**
 * BTS version string (header), active material mass (header, µg → mg; absent when 0) and, from the
 * 'pack test info' record the header points to, the creator (user), its other text fields (`testInfoTexts`:
 * schedule, barcode, remarks … — which is which is not documented) and the start time (UTC).
 */
export function readNdaV130Info(bytes: Uint8Array): NdaV130Info {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metadata: Record<string, unknown> = {};
  const version = BTS_VERSION.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)));
  if (version) metadata.btsVersion = version[0];
  if (bytes.length >= ACTIVE_MASS_UG_AT + 4) {
    const massUg = view.getUint32(ACTIVE_MASS_UG_AT, true);
    if (massUg > 0) metadata.activeMassMg = massUg / 1000;
  }
  if (bytes.length < TEST_INFO_POINTER_AT + 16) return { metadata };
  const begin = Number(view.getBigUint64(TEST_INFO_POINTER_AT, true));
  const length = Number(view.getBigUint64(TEST_INFO_POINTER_AT + 8, true));
  if (begin >= 1024 && length >= 4 && length < 1 << 20 && begin + length > bytes.length) return { metadata, declaredEnd: begin + length };
  if (begin < 1024 || length < 4 || begin + length > bytes.length) return { metadata };
  const record = bytes.subarray(begin, begin + length);
  const tail = TAIL_AT[view.getUint16(begin, true)];
  if (tail === undefined || tail + 24 > length) return { metadata };
  const startUs = Number(view.getBigUint64(begin + tail + 8, true));
  const stopUs = Number(view.getBigUint64(begin + tail + 16, true));
  // A record whose timestamps are implausible is not laid out as we think: read nothing from it.
  if (!(startUs > MIN_EPOCH_US && stopUs < MAX_EPOCH_US && stopUs >= startUs && stopUs - startUs < MAX_TEST_US)) return { metadata };
  const creator = textsIn(record.subarray(CREATOR_AT, TEXTS_FROM))[0];
  if (creator) metadata.creator = creator;
  const texts = textsIn(record.subarray(TEXTS_FROM, tail));
  if (texts.length > 0) metadata.testInfoTexts = texts;
  metadata.startTime = formatLocalIso(startUs / 1e6);
  return { metadata, declaredRecords: view.getUint32(begin + tail + 4, true) };
}
