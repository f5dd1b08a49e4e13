import { useEffect, useState } from 'react';
import { loadOpenApi, type OpenApiDocument } from '../api/openapi-spec.js';

/** The OpenAPI document once loaded (undefined while loading); throws into the error boundary on failure. */
export function useOpenApi(): OpenApiDocument | undefined {
  const [doc, setDoc] = useState<OpenApiDocument>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    loadOpenApi().then(setDoc, (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  }, []);
  if (error) throw error;
  return doc;
}
