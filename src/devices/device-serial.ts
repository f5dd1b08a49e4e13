import { ValidationError } from '../domain/errors.js';
import { formatDeviceSerial, MAX_SERIAL_LENGTH } from '../domain/serial-template.js';

/** A device's default serial: from the batch's template, else `<batch name>-<sequence>`; a ValidationError when that is too long to be a serial. */
export function deviceSerial(template: string | null, batchName: string, sequence: number): string {
  const serial = template ? formatDeviceSerial(template, sequence) : `${batchName}-${sequence}`;
  if (serial.length > MAX_SERIAL_LENGTH) {
    const message = `the serial from the batch would be ${serial.length} characters long; at most ${MAX_SERIAL_LENGTH} are allowed: give one`;
    throw new ValidationError(`Invalid serial: ${message}`, [{ field: 'serial', message }]);
  }
  return serial;
}

/**
 * Whether `serial` is the default one of device `sequence`. A batch whose template gives no valid serial
 * (one stored before templates were bounded) has no default, so none of its serials follows it; saying so
 * instead of throwing lets the batch's template be corrected.
 */
export function followsBatchSerial(serial: unknown, template: string | null, batchName: string, sequence: number): boolean {
  try {
    return serial === deviceSerial(template, batchName, sequence);
  } catch (err) {
    if (err instanceof ValidationError) return false;
    throw err;
  }
}
