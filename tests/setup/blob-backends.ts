import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { BlobStore } from '../../src/storage/blob-store.js';
import { createLocalBlobStore } from '../../src/storage/local-blob-store.js';
import { createS3BlobStore } from '../../src/storage/s3-blob-store.js';

// One contract, two backends. S3 runs against s3rver 3.7.1 (a fake S3 server from npm, started in-process):
// no real S3 or MinIO can be installed on this machine.
export const blobBackends: Array<{ name: string; open: () => Promise<{ store: BlobStore; close: () => Promise<void> }> }> = [
  {
    name: 'local directory',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'liionsden-blob-'));
      return { store: createLocalBlobStore(dir), close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver stand-in)',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'liionsden-s3rver-'));
      const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'test-bucket', configs: [] }] });
      const { port } = (await server.run()) as { port: number };
      const store = createS3BlobStore({
        bucket: 'test-bucket',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        partSizeBytes: 5 * 1024 * 1024,
      });
      return { store, close: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
];
