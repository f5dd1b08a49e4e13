/** One field problem as the API reports it in `error.issues`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A non-2xx answer of the API, carrying its stable error code and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/** Builds `path?query` leaving out empty values; arrays become repeated keys joined by commas. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function readCookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

/** Headers every write needs: the CSRF token from its cookie (double-submit), when the server set one. */
export function csrfHeaders(): Record<string, string> {
  const token = readCookie('liionsden_csrf') ?? readCookie('csrf_token') ?? readCookie('csrf');
  return token ? { 'X-CSRF-Token': token } : {};
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; issues?: FieldIssue[] } };
    if (body.error) return new ApiError(res.status, body.error.code ?? 'ERROR', body.error.message ?? res.statusText, body.error.issues ?? []);
  } catch {
    // not JSON: fall through to a message made from the status line
  }
  return new ApiError(res.status, 'HTTP_' + res.status, `${res.status} ${res.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

/** Calls the API with the session cookie; JSON in, JSON out; throws ApiError on failure. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') Object.assign(headers, csrfHeaders());
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}
