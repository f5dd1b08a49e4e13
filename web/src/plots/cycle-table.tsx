import { useState } from 'react';
import type { CycleSummaryRow, CycleTable } from './cycles.api.js';
import { capacityUnitLabel } from './unit-switch.js';

/** Rows shown before "Show all": a long test's table stays a click away, not a page of scrolling. */
const FIRST_ROWS = 50;

const fixed = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '—' : (v * 100).toFixed(2));

/**
 * The per-cycle summary as numbers (capacities in the chosen unit), with downloads of the cycle and step
 * tables as CSV for a spreadsheet.
 */
export function CycleSummaryTable({ table, dataFileId }: { table: CycleTable<CycleSummaryRow>; dataFileId: number }) {
  const [all, setAll] = useState(false);
  const unit = capacityUnitLabel(table.unit);
  const shown = all ? table.rows : table.rows.slice(0, FIRST_ROWS);
  const base = `/api/v1/data-files/${dataFileId}`;
  return (
    <section aria-labelledby="cycle-table-title">
      <div className="toolbar">
        <h3 id="cycle-table-title">Cycle summary</h3>
        <span className="downloads">
          <a href={`${base}/cycles?format=csv&unit=${encodeURIComponent(table.unit)}`} download>
            cycles CSV
          </a>
          {' · '}
          <a href={`${base}/steps?format=csv`} download>
            steps CSV
          </a>
        </span>
      </div>
      <div className="table-scroll">
        <table className="list compact numeric" aria-label="Cycle summary">
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Charge / {unit}</th>
              <th scope="col">Discharge / {unit}</th>
              <th scope="col">CE / %</th>
              <th scope="col">Charge / Wh</th>
              <th scope="col">Discharge / Wh</th>
              <th scope="col">EE / %</th>
              <th scope="col">V min / V</th>
              <th scope="col">V max / V</th>
              <th scope="col">T mean / °C</th>
              <th scope="col">R / mΩ</th>
              <th scope="col">Duration / h</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.cycle}>
                <td>{r.cycle}</td>
                <td>{fixed(r.chargeCapacity, 4)}</td>
                <td>{fixed(r.dischargeCapacity, 4)}</td>
                <td>{percent(r.coulombicEfficiency)}</td>
                <td>{fixed(r.chargeEnergyWh, 4)}</td>
                <td>{fixed(r.dischargeEnergyWh, 4)}</td>
                <td>{percent(r.energyEfficiency)}</td>
                <td>{fixed(r.minVoltageV, 3)}</td>
                <td>{fixed(r.maxVoltageV, 3)}</td>
                <td>{fixed(r.meanTemperatureC, 1)}</td>
                <td>{r.internalResistanceOhm === null ? '—' : (r.internalResistanceOhm * 1000).toFixed(2)}</td>
                <td>{r.durationS === null ? '—' : (r.durationS / 3600).toFixed(2)}</td>
                <td className="flags-cell">{r.qualityFlags.length > 0 ? `⚠ ${r.qualityFlags.join(', ')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.rows.length > FIRST_ROWS ? (
        <button type="button" className="small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${FIRST_ROWS}` : `Show all ${table.rows.length.toLocaleString()} cycles`}
        </button>
      ) : null}
    </section>
  );
}
