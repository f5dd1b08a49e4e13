/** A Float64Array that grows by doubling while rows are appended; `finish()` trims it. */
export interface ColumnBuilder {
  values: Float64Array;
  length: number;
}

export function createColumnBuilder(initialCapacity = 1024): ColumnBuilder {
  return { values: new Float64Array(Math.max(16, initialCapacity)), length: 0 };
}

/** Makes room for at least `capacity` values. */
export function ensureCapacity(builder: ColumnBuilder, capacity: number): void {
  if (capacity <= builder.values.length) return;
  const grown = new Float64Array(Math.max(capacity, builder.values.length * 2));
  grown.set(builder.values.subarray(0, builder.length));
  builder.values = grown;
}

export function pushValue(builder: ColumnBuilder, value: number): void {
  if (builder.length === builder.values.length) ensureCapacity(builder, builder.length + 1);
  builder.values[builder.length++] = value;
}

/** The filled part; copies only when more than a quarter of the buffer would be wasted. */
export function finishColumn(builder: ColumnBuilder): Float64Array {
  const { values, length } = builder;
  return length * 4 < values.length * 3 ? values.slice(0, length) : values.subarray(0, length);
}
