import { ValidationError } from './errors.js';

const prefixes = [/^https?:\/\/(dx\.)?doi\.org\//i, /^doi:\s*/i];
// Crossref's recommended pattern for modern DOIs: 10.<registrant 4-9 digits>/<suffix>.
const doiPattern = /^10\.\d{4,9}(\.\d+)*\/\S+$/;

/** Normalises a DOI (strips `https://doi.org/`, `doi:`, whitespace) and validates it; throws ValidationError. */
export function normaliseDoi(input: string, field = 'doi'): string {
  let doi = input.trim();
  for (const p of prefixes) doi = doi.replace(p, '');
  try {
    doi = decodeURIComponent(doi);
  } catch {
    // A literal '%' that is not an escape is allowed in a DOI suffix; keep the text as typed.
  }
  if (!doiPattern.test(doi)) {
    throw new ValidationError(`Invalid DOI "${input}": expected 10.<registrant>/<suffix>, e.g. 10.1149/1945-7111/abae37`, [
      { field, message: 'expected 10.<registrant>/<suffix>, e.g. 10.1149/1945-7111/abae37' },
    ]);
  }
  return doi;
}

/** The resolver URL of a normalised DOI. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi}`;
}
