import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { NotFoundError } from '../domain/errors.js';
import { guardStore } from './storage-errors.js';
import { createHashingCounter, newTempKey, toReadable, type BlobEntry, type BlobSource, type BlobStore, type ByteRange, type StoredBlob } from './blob-store.js';

export interface S3BlobStoreOptions {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Multipart part size in bytes (S3's minimum is 5 MiB); memory held per upload ≈ one part. */
  partSizeBytes?: number;
}

/** A blob store on S3-compatible object storage (AWS SDK v3; custom endpoint and path-style for MinIO and the like). */
export function createS3BlobStore(opts: S3BlobStoreOptions): BlobStore {
  const client = new S3Client({
    region: opts.region,
    endpoint: opts.endpoint,
    forcePathStyle: opts.forcePathStyle,
    // Checksums only where S3 requires them: many S3-compatible servers reject aws-chunked trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
  });
  const Bucket = opts.bucket;
  const partSize = opts.partSizeBytes ?? 8 * 1024 * 1024;

  // Multipart upload: an S3 object appears only when the upload completes, so a crash leaves nothing but an unfinished upload.
  async function putTemp(source: BlobSource, putOpts: { maxBytes?: number } = {}): Promise<StoredBlob> {
    const Key = newTempKey();
    const counter = createHashingCounter(putOpts.maxBytes);
    // pipeline() destroys the counter with any source error, so the loop below throws it.
    const stream = pipeline(toReadable(source), counter, (err) => {
      if (err) counter.destroy(err);
    });
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flushPart = async () => {
      if (uploadId === undefined) uploadId = (await client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId;
      const PartNumber = parts.length + 1;
      const Body = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      const res = await client.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body, ContentLength: Body.length }));
      parts.push({ ETag: res.ETag, PartNumber });
    };
    try {
      for await (const chunk of stream) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        if (pendingBytes >= partSize) await flushPart();
      }
      if (uploadId === undefined) {
        const Body = Buffer.concat(pending);
        await client.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: Body.length }));
      } else {
        if (pendingBytes > 0) await flushPart();
        await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      }
    } catch (err) {
      // The caller needs the first error (PayloadTooLarge, a dropped client); a failed abort is attached to it, and
      // the unfinished upload (never a visible object) is left to the bucket's AbortIncompleteMultipartUpload rule.
      if (uploadId !== undefined) {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch((abortError: unknown) => {
          if (err instanceof Error) Object.assign(err, { abortError });
        });
      }
      throw err;
    }
    return { key: Key, ...counter.digest() };
  }

  async function size(Key: string): Promise<number | null> {
    try {
      return (await client.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async function getStream(Key: string, range?: ByteRange): Promise<Readable> {
    try {
      if (range && range.length === 0) return toReadable((async function* () {})());
      const Range = range ? `bytes=${range.offset}-${range.offset + range.length - 1}` : undefined;
      const res = await client.send(new GetObjectCommand({ Bucket, Key, Range }));
      return res.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) throw new NotFoundError('Blob', Key);
      throw err;
    }
  }

  // Completed objects only: an upload in progress is an unfinished multipart upload, never listed here.
  async function listEntries(Prefix: string): Promise<BlobEntry[]> {
    const entries: BlobEntry[] = [];
    let ContinuationToken: string | undefined;
    do {
      const res = await client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
      // A missing LastModified (S3 always sends one) reads as just written: the sweep never removes on a guess.
      for (const o of res.Contents ?? []) if (o.Key) entries.push({ key: o.Key, sizeBytes: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date() });
      ContinuationToken = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  return guardStore({
    kind: 's3',
    putTemp,
    // S3 has no rename: copy (server side) then delete; the copy itself appears whole or not at all.
    publish: async (tempKey, Key) => {
      await client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${encodeURI(tempKey)}` }));
      await client.send(new DeleteObjectCommand({ Bucket, Key: tempKey }));
    },
    putFile: async (Key, path) => {
      const { size: ContentLength } = await stat(path);
      await client.send(new PutObjectCommand({ Bucket, Key, Body: createReadStream(path), ContentLength }));
    },
    getStream,
    size,
    delete: async (Key) => {
      await client.send(new DeleteObjectCommand({ Bucket, Key }));
    },
    list: async (prefix) => (await listEntries(prefix)).map((e) => e.key),
    listEntries,
    // The bucket answers, and these credentials may use it; no object is read or written.
    probe: async () => {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  });
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
