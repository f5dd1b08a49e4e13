import { withDuckDb, sqlString } from './duckdb.js';

/**
 * Writes a synthetic normalised series (BDF columns, zstd Parquet) for tests and benchmarks:
 * a 3 Ah-class cell at 1 Hz, each cycle a constant-current charge then discharge of
 * `rowsPerCycle / 2` rows, capacity fading 0.1 % per cycle, a realistic OCV curve.
 * Cycle c (from 1) charges and discharges (1 − 0.001 (c − 1)) · currentA · rowsPerCycle / 7200 Ah.
 */
export async function writeSyntheticSeries(path: string, opts: { rows: number; rowsPerCycle?: number; currentA?: number }): Promise<void> {
  const p = opts.rowsPerCycle ?? 7200;
  const half = p / 2;
  const i0 = opts.currentA ?? 3;
  const ocv = (x: string) => `(3.0 + 1.1*(${x}) - 0.35*exp(-18*(${x})) + 0.1*exp(-12*(1-(${x}))) - 0.03*sin(6*(${x})))`;
  await withDuckDb((conn) =>
    conn.run(`COPY (
      WITH r AS (SELECT i, i // ${p} AS c, i % ${p} AS j, ${i0} * (1 - 0.001 * (i // ${p})) AS amps FROM range(${opts.rows}) t(i)),
      s AS (SELECT *, j < ${half} AS chg, CASE WHEN j < ${half} THEN j / ${half}.0 ELSE 1 - (j - ${half}) / ${half}.0 END AS x FROM r)
      SELECT
        (i + 1)::DOUBLE AS "Record Index / 1",
        i::DOUBLE AS "Test Time / s",
        (1.7e9 + i)::DOUBLE AS "Unix Time / s",
        CASE WHEN chg THEN j ELSE j - ${half} END::DOUBLE AS "Step Time / s",
        CASE WHEN chg THEN ${ocv('x')} + 0.03 * amps ELSE ${ocv('x')} - 0.03 * amps END AS "Voltage / V",
        CASE WHEN chg THEN amps ELSE -amps END AS "Current / A",
        (c + 1)::DOUBLE AS "Cycle Count / 1",
        CASE WHEN chg THEN 1.0 ELSE 2.0 END AS "Step Index / 1",
        (2 * c + CASE WHEN chg THEN 1 ELSE 2 END)::DOUBLE AS "Step Count / 1",
        CASE WHEN chg THEN 2.0 ELSE 5.0 END AS "Step Type / 1",
        CASE WHEN chg THEN amps * j / 3600 ELSE amps * ${half} / 3600 END AS "Charging Capacity / Ah",
        CASE WHEN chg THEN 0.0 ELSE amps * (j - ${half}) / 3600 END AS "Discharging Capacity / Ah",
        CASE WHEN chg THEN 3.7 * amps * j / 3600 ELSE 3.7 * amps * ${half} / 3600 END AS "Charging Energy / Wh",
        CASE WHEN chg THEN 0.0 ELSE 3.6 * amps * (j - ${half}) / 3600 END AS "Discharging Energy / Wh",
        25 + 2 * sin(i / 5000.0) AS "Surface Temperature / degC"
      FROM s ORDER BY i
    ) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`),
  );
}
