import { expect } from 'vitest';

export type Row = Record<string, unknown> & { id: number };
export type Page = { items: Row[]; total: number };
export type ErrorBody = { error: { code: string; message: string; issues?: { field: string; message: string }[] } };

/** The JSON body of a response, asserting its status (the body is shown when it differs). */
export async function expectJson<T = Row>(res: Response, status = 200): Promise<T> {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body as T;
}
