import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../../src/storage/blob-store.js';
import { createLocalBlobStore } from '../../src/storage/local-blob-store.js';
import { createS3BlobStore } from '../../src/storage/s3-blob-store.js';
import { startTestS3 } from './s3-test-server.js';

// Every blob-store test runs on both backends: a local directory and a real S3 server (Ceph's RADOS
// Gateway, from ../shared/tools/s3-radosgw.sh or the one .ci/run started; a bucket per test file).
export const blobBackends: Array<{ name: string; open: () => Promise<{ store: BlobStore; close: () => Promise<void> }> }> = [
  {
    name: 'local directory',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'liionsden-blob-'));
      return { store: createLocalBlobStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (Ceph RADOS Gateway)',
    open: async () => {
      const s3 = await startTestS3();
      return { store: createS3BlobStore({ ...s3.options, partSizeBytes: 5 * 1024 * 1024 }), close: s3.close };
    },
  },
];
