import { ApiError } from '../api/api-client.js';

/** An API or network error as a short alert; 401/403/404 get plain words. */
export function ErrorMessage({ error }: { error: Error | undefined }) {
  if (!error) return null;
  let text = error.message;
  if (error instanceof ApiError) {
    if (error.status === 401) text = 'Please sign in to see this.';
    else if (error.status === 403) text = `Not allowed: ${error.message}`;
    else if (error.status === 404) text = 'Not found: it does not exist or you may not see it.';
  }
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}
