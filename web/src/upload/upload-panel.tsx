import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError, apiFetch } from '../api/api-client.js';
import { useChoices } from '../entities/use-choices.js';
import { errorOf, type DataFile } from '../experiments/data-file.types.js';
import { formatBytes } from '../ui/format-bytes.js';
import { ColumnMappingDialog } from './column-mapping.dialog.js';
import { previewFile, type FilePreview } from './preview-file.js';
import { PreviewSummary } from './preview-summary.js';
import { uploadFile } from './upload-file.js';
import { linkFields, UploadLinksFields, type UploadLinks } from './upload-links.js';

interface Item {
  key: string;
  file: File;
  loadedBytes: number;
  state: 'previewing' | 'mapping' | 'uploading' | 'uploaded' | 'refused';
  message?: string;
  preview?: FilePreview;
  dataFile?: DataFile;
}

/** How often an uploaded file's parse state is asked for while it is queued or parsing. */
const FOLLOW_MS = 1500;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function statusText(i: Item): string {
  switch (i.state) {
    case 'previewing':
      return 'Detecting the format…';
    case 'mapping':
      return 'Unknown format: map its columns';
    case 'uploading':
      return `${Math.round((100 * i.loadedBytes) / (i.file.size || 1))}%`;
    case 'refused':
      return `Refused: ${i.message}`;
    default:
      return parseStateText(i.dataFile);
  }
}

// After the upload: the data file's parse state, followed until it is ready or failed.
function parseStateText(f: DataFile | undefined): string {
  switch (f?.state) {
    case 'parsing':
      return 'Uploaded, parsing…';
    case 'ready':
      return `Ready: ${(f.row_count ?? 0).toLocaleString('en')} rows${f.format ? ` (${f.format})` : ''}`;
    case 'failed':
      return `Parse failed: ${errorOf(f) ?? 'no reason recorded'}`;
    default:
      return 'Uploaded, queued for parsing';
  }
}

const failed = (i: Item) => i.state === 'refused' || (i.state === 'uploaded' && i.dataFile?.state === 'failed');

/**
 * Drag-and-drop (or pick) files into an experiment. Each file is previewed first (format and
 * columns from its first 256 KiB); a file no parser knows opens the column-mapping dialog, and is
 * uploaded with the saved mapping. Uploads carry the chosen equipment and devices.
 */
export function UploadPanel({ experimentId, onUploaded }: { experimentId: number; onUploaded(): void }) {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const [links, setLinks] = useState<UploadLinks>({ deviceIds: [] });
  const equipment = useChoices('equipment').choices;
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  const followers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => () => followers.current.forEach(clearTimeout), []);

  // Asks for the data file's state until parsing has ended; a failed request is asked again, unless the
  // file is gone or hidden (4xx).
  function follow(key: string, id: number) {
    const later = () => {
      const timer = setTimeout(() => { followers.current.delete(timer); ask(); }, FOLLOW_MS);
      followers.current.add(timer);
    };
    const ask = () =>
      apiFetch<DataFile>(`/api/v1/data-files/${id}`).then((f) => {
        patch(key, { dataFile: f });
        if (f.state === 'queued' || f.state === 'parsing') later();
        else onUploaded();
      }, (e: unknown) => {
        if (!(e instanceof ApiError && e.status >= 400 && e.status < 500)) later();
      });
    later();
  }

  function send(key: string, file: File, columnMappingId?: number | null) {
    patch(key, { state: 'uploading' });
    const fields = { ...linkFields(links), ...(columnMappingId ? { columnMappingId: String(columnMappingId) } : {}) };
    uploadFile<{ dataFileId: number }>(experimentId, file, (p) => patch(key, { loadedBytes: p.loadedBytes }), fields).done.then(
      ({ dataFileId }) => {
        patch(key, { state: 'uploaded', loadedBytes: file.size });
        onUploaded();
        follow(key, dataFileId);
      },
      (e: unknown) => patch(key, { state: 'refused', message: messageOf(e) }),
    );
  }

  function previewThenSend(key: string, file: File) {
    patch(key, { state: 'previewing' });
    previewFile(file, { equipmentId: links.equipmentId }).then(
      (preview) => {
        patch(key, { preview });
        if (preview.format) send(key, file, preview.columnMappingId);
        else if (preview.headerCandidates) patch(key, { state: 'mapping' });
        else patch(key, { state: 'refused', message: preview.reason ?? 'no parser recognises this file' });
      },
      // The preview is a courtesy: without it the server still detects the format on upload.
      () => send(key, file),
    );
  }

  function start(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      setItems((list) => [...list, { key, file, loadedBytes: 0, state: 'previewing' }]);
      previewThenSend(key, file);
    }
  }

  function mapped(item: Item, mappingId: number) {
    patch(item.key, { state: 'uploading' });
    previewFile(item.file, { columnMappingId: mappingId }).then(
      (preview) => patch(item.key, { preview }),
      () => undefined,
    );
    send(item.key, item.file, mappingId);
    // Other files waiting for a mapping may have the same headers: the new mapping may fit them too.
    for (const other of items) if (other.state === 'mapping' && other.key !== item.key) previewThenSend(other.key, other.file);
  }

  const cancelled = (key: string) =>
    setItems((list) => list.map((i) => (i.key === key && i.state === 'mapping' ? { ...i, state: 'refused', message: 'no parser recognises this file and no column mapping was saved' } : i)));

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) start(e.dataTransfer.files);
  };
  const mapping = items.find((i) => i.state === 'mapping');

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload data files</h2>
      <UploadLinksFields value={links} onChange={setLinks} />
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>Drop cycler files here (any format: it is detected), or</p>
        <label className="button">
          Choose files…
          <input ref={input} type="file" multiple className="visually-hidden" aria-label="Choose files to upload" onChange={(e) => e.target.files && start(e.target.files)} />
        </label>
      </div>
      {items.length > 0 ? (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((i) => (
            <li key={i.key}>
              <div className="upload-row">
                <span>
                  {i.file.name} <span className="muted">({formatBytes(i.file.size)})</span>
                </span>
                <progress max={i.file.size || 1} value={i.loadedBytes} aria-label={`Upload progress of ${i.file.name}`} />
                <span role={failed(i) ? 'alert' : 'status'} className={failed(i) ? 'error' : undefined}>
                  {statusText(i)}
                </span>
              </div>
              {i.preview ? <PreviewSummary fileName={i.file.name} preview={i.preview} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mapping?.preview?.headerCandidates ? (
        <ColumnMappingDialog
          key={mapping.key}
          fileName={mapping.file.name}
          candidates={mapping.preview.headerCandidates}
          equipment={equipment}
          equipmentId={links.equipmentId}
          onSaved={(id) => mapped(mapping, id)}
          onClose={() => cancelled(mapping.key)}
        />
      ) : null}
    </section>
  );
}
