import { deflateRawSync, constants } from 'node:zlib';

/**
 * A zip whose entries ('VersionInfo.xml', 'data.ndc') inflate to `gib` GiB of zeros from a few MB:
 * one sync-flushed deflate chunk of 16 MiB zeros repeated, then a final empty block. Sizes in the
 * headers are the real ones (clamped to 0xFFFFFFFF) or, with `lieAboutSize`, 4 KiB; CRCs are left
 * 0: a reader must stop on size before it ever gets to check them.
 */
export function makeZipBomb(gib = 4, opts: { lieAboutSize?: boolean } = {}): Uint8Array {
  const chunk = deflateRawSync(new Uint8Array(16 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
  const repeats = gib * 64;
  const body = new Uint8Array(chunk.length * repeats + 2);
  for (let k = 0; k < repeats; k++) body.set(chunk, k * chunk.length);
  body.set([0x03, 0x00], chunk.length * repeats); // final fixed-Huffman block with no symbols
  // A lying bomb declares a small size so that only a bounded inflate can stop it.
  const size = opts.lieAboutSize ? 4096 : Math.min(0xffffffff, repeats * (16 << 20));
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const name of ['VersionInfo.xml', 'data.ndc']) {
    const nameBytes = new TextEncoder().encode(name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, nameBytes.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(20, body.length, true);
    dir.setUint32(24, size, true);
    dir.setUint16(28, nameBytes.length, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), nameBytes, body);
    central.push(new Uint8Array(dir.buffer), nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cdSize = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 2, true);
  end.setUint16(10, 2, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const a of all) { out.set(a, p); p += a.length; }
  return out;
}
