import { formatDeviceSerial } from '../domain/serial-template.js';

/** A device's default serial: from the batch's template, else `<batch name>-<sequence>`. */
export function deviceSerial(template: string | null, batchName: string, sequence: number): string {
  return template ? formatDeviceSerial(template, sequence) : `${batchName}-${sequence}`;
}
