import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { withRawParts } from './raw-parts.js';
import { createS3BlobStore } from './s3-blob-store.js';

/** The blob store the configuration asks for: `<DATA_DIR>/files`, or an S3 bucket; raw files stored as parts read as one object. */
export function openBlobStore(config: Pick<Config, 'blobStore' | 'dataDir' | 's3'>): BlobStore {
  // loadConfig already refuses BLOB_STORE=s3 without a bucket.
  const store = config.blobStore === 's3' ? createS3BlobStore({ ...config.s3, bucket: config.s3.bucket ?? '' }) : createLocalBlobStore(localStoreRoot(config));
  return withRawParts(store);
}

/**
 * Creates a local store's directory when a server or worker starts, so that afterwards its absence
 * means an outage (a volume not mounted) rather than a new installation.
 */
export async function createBlobStoreRoot(config: Pick<Config, 'blobStore' | 'dataDir'>): Promise<void> {
  if (config.blobStore === 'local') await mkdir(localStoreRoot(config), { recursive: true });
}

const localStoreRoot = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'files');
