import { ApiError, csrfHeaders } from '../api/api-client.js';

export interface UploadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/**
 * Sends one file to an experiment as multipart. XMLHttpRequest, not fetch: only XHR reports
 * upload progress in browsers today.
 */
export function uploadFile<T>(experimentId: number, file: File, onProgress: (p: UploadProgress) => void, extra: Record<string, string> = {}): { done: Promise<T>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `/api/v1/experiments/${experimentId}/files`);
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress({ loadedBytes: e.loaded, totalBytes: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const err = (body as { error?: { code?: string; message?: string; issues?: { field: string; message: string }[] } } | undefined)?.error;
      reject(new ApiError(xhr.status, err?.code ?? `HTTP_${xhr.status}`, err?.message ?? `Upload failed (${xhr.status})`, err?.issues ?? []));
    };
    xhr.onerror = () => reject(new Error('Network error while uploading'));
    xhr.onabort = () => reject(new Error('Upload cancelled'));
    const form = new FormData();
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
