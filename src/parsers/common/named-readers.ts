import { parseDateTimeBytes } from './date-time.js';
import type { DateOrder } from './date-time.js';
import { parseDurationBytes } from './duration.js';
import { namedFieldReader } from './table-reader.js';
import type { FieldReader } from './table-reader.js';

/** Date-time text in `order` as epoch seconds (wall clock read as UTC); worker threads rebuild it by name. */
export const dateTimeReader = (order: DateOrder): FieldReader => namedFieldReader({ id: 'date-time', arg: order }, (bytes, start, end) => parseDateTimeBytes(bytes, start, end, order));

/** Durations ('1d 21:49:19.58', '144:01:18', seconds) as seconds; worker threads rebuild it by name. */
export const durationReader: FieldReader = namedFieldReader({ id: 'duration' }, parseDurationBytes);
