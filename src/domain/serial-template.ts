import { ValidationError } from './errors.js';

/** Longest device serial (the API's limit on `serial`). */
export const MAX_SERIAL_LENGTH = 200;
/** Highest device sequence number in a batch. */
export const MAX_DEVICE_SEQUENCE = 100_000_000;

// printf-style integer directive: %d, %3d, %03d. '%%' is a literal percent sign.
const directive = /%(%|(0?)(\d*)d)/g;
const SEQUENCE_DIGITS = String(MAX_DEVICE_SEQUENCE).length;

/** What is wrong with a template, if anything. Lengths are counted, never built: `%0400000000d` must not allocate 400 MB. */
function findTemplateProblem(template: string): string | undefined {
  if (template.replace(directive, '').includes('%')) return 'only %d, %0Nd and %% are allowed';
  let longest = template.length;
  let numbers = 0;
  for (const m of template.matchAll(directive)) {
    if (m[1] === '%') {
      longest -= 1;
      continue;
    }
    numbers += 1;
    longest += Math.max(m[3] === '' ? 0 : Number(m[3]), SEQUENCE_DIGITS) - m[0].length;
  }
  if (numbers > 1) return 'more than one number directive';
  if (numbers === 0) longest += 1 + SEQUENCE_DIGITS;
  return longest > MAX_SERIAL_LENGTH ? `makes serials of up to ${longest} characters; at most ${MAX_SERIAL_LENGTH} are allowed` : undefined;
}

/** Checks a batch serial template: at most one integer directive, no other '%' conversions, and serials of at most MAX_SERIAL_LENGTH for every sequence. */
export function validateSerialTemplate(template: string, field = 'serial_template'): void {
  const problem = findTemplateProblem(template);
  if (problem) throw new ValidationError(`Invalid serial template "${template.slice(0, 100)}": ${problem}`, [{ field, message: problem }]);
}

/**
 * The serial of device `sequence` of a batch: `ABC-%03d` + 7 → `ABC-007`. A template with no
 * directive is the batch's own serial, so its devices get `<template>-<sequence>`.
 */
export function formatDeviceSerial(template: string, sequence: number): string {
  validateSerialTemplate(template);
  let used = false;
  const serial = template.replace(directive, (_all, body: string, zero: string, width: string) => {
    if (body === '%') return '%';
    used = true;
    const digits = String(Math.abs(sequence));
    const sign = sequence < 0 ? '-' : '';
    const w = width === '' ? 0 : Number(width);
    return zero ? sign + digits.padStart(w - sign.length, '0') : (sign + digits).padStart(w, ' ');
  });
  return used ? serial : `${serial}-${sequence}`;
}
