import { useRef, useState, type DragEvent } from 'react';
import type { DataFile } from '../experiments/data-file.types.js';
import { uploadFile } from './upload-file.js';

interface Item {
  key: string;
  file: File;
  loadedBytes: number;
  state: 'uploading' | 'uploaded' | 'refused';
  message?: string;
  dataFile?: DataFile;
}

const formatBytes = (n: number) => (n > 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`);

/** Drag-and-drop (or pick) files into an experiment, each with its own progress bar and outcome. */
export function UploadPanel({ experimentId, onUploaded }: { experimentId: number; onUploaded(): void }) {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  function start(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      setItems((list) => [...list, { key, file, loadedBytes: 0, state: 'uploading' }]);
      uploadFile<DataFile | { data_file?: DataFile }>(experimentId, file, (p) => patch(key, { loadedBytes: p.loadedBytes })).done.then(
        (body) => {
          const dataFile = body && 'data_file' in body ? body.data_file : (body as DataFile);
          patch(key, { state: 'uploaded', loadedBytes: file.size, dataFile, message: dataFile?.format ? `detected: ${dataFile.format}` : 'queued for parsing' });
          onUploaded();
        },
        (e: unknown) => patch(key, { state: 'refused', message: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) start(e.dataTransfer.files);
  };

  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">Upload data files</h2>
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
            <li key={i.key} className="upload-row">
              <span>
                {i.file.name} <span className="muted">({formatBytes(i.file.size)})</span>
              </span>
              <progress max={i.file.size || 1} value={i.loadedBytes} aria-label={`Upload progress of ${i.file.name}`} />
              <span role={i.state === 'refused' ? 'alert' : 'status'} className={i.state === 'refused' ? 'error' : undefined}>
                {i.state === 'uploading' ? `${Math.round((100 * i.loadedBytes) / (i.file.size || 1))}%` : i.state === 'refused' ? `Refused: ${i.message}` : `Uploaded, ${i.message}`}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
