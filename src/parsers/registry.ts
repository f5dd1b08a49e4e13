import type { CyclerParser } from './cycler-parser.js';

/** Every known cycler format. Add a format by adding its folder and one entry here. */
export const parsers: readonly CyclerParser[] = [];
