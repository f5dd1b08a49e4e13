import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors.js';

export const MAX_JSON_BYTES = 1024 * 1024;

/** For JSON routes only (file uploads stream and have their own limit): 413 in the one error shape. */
export const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${MAX_JSON_BYTES} bytes`);
  },
});
