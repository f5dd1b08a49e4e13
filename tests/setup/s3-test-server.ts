import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3BlobStoreOptions } from '../../src/storage/s3-blob-store.js';

const run = promisify(execFile);
const SCRIPT = new URL('../../../shared/tools/s3-radosgw.sh', import.meta.url).pathname;

export interface TestS3 {
  /** Options for createS3BlobStore, with a fresh bucket of this test's own. */
  options: S3BlobStoreOptions;
  close(): Promise<void>;
}

/**
 * A real S3 server for a test file: the one .ci/run started (TEST_S3_ENDPOINT, TEST_S3_ACCESS_KEY_ID,
 * TEST_S3_SECRET_ACCESS_KEY), else Ceph's RADOS Gateway started here by ../shared/tools/s3-radosgw.sh
 * (in memory, on loopback; the first start installs it with apt, a few minutes). A new bucket each time.
 */
export async function startTestS3(): Promise<TestS3> {
  let env = process.env;
  let stop = async () => {};
  if (!env.TEST_S3_ENDPOINT) {
    const dir = mkdtempSync(join(tmpdir(), 'liionsden-radosgw-'));
    const { stdout } = await run('bash', [SCRIPT, 'start', dir], { timeout: 600_000 }).catch((err: { stderr?: string }) => {
      throw new Error(`could not start the S3 test server (${SCRIPT}): ${err.stderr ?? String(err)}`);
    });
    env = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [`TEST_${m[1]}`, m[2]]));
    stop = async () => void (await run('bash', [SCRIPT, 'stop', dir]));
  }
  const connection = {
    endpoint: env.TEST_S3_ENDPOINT!,
    region: env.TEST_S3_REGION ?? 'us-east-1',
    forcePathStyle: true,
    accessKeyId: env.TEST_S3_ACCESS_KEY_ID!,
    secretAccessKey: env.TEST_S3_SECRET_ACCESS_KEY!,
  };
  const bucket = `liionsden-test-${randomBytes(6).toString('hex')}`;
  const client = new S3Client({ endpoint: connection.endpoint, region: connection.region, forcePathStyle: true, credentials: connection });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
  return { options: { ...connection, bucket }, close: stop };
}
