import type { CyclerParser } from './cycler-parser.js';
import { newareNdaParser } from './neware/nda.parser.js';
import { newareNdaxParser } from './neware/ndax.parser.js';

/** Every known cycler format. Add a format by adding its folder and one entry here. */
export const parsers: readonly CyclerParser[] = [
  newareNdaParser,
  newareNdaxParser,
];
