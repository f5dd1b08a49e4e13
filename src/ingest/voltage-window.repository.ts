import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { VoltageWindow } from './quality-flags.js';

/**
 * The voltage window (V) of the devices a data file covers: the 'U_min' / 'U_max' parameters of their
 * specification or its nearest ancestor that sets them, converted to volts. Widest window over the devices;
 * nulls when no device or no such parameter.
 */
export async function findVoltageWindow(db: Db, dataFileId: number): Promise<VoltageWindow> {
  const { rows } = await sql<{ symbol: string; value_v: number }>`
    with recursive chain (spec_id, depth) as (
      select b.specification_id, 0 from data_file_devices dfd
        join devices d on d.id = dfd.device_id
        join batches b on b.id = d.batch_id
      where dfd.data_file_id = ${dataFileId}
      union all
      select s.parent_id, chain.depth + 1 from chain join device_specifications s on s.id = chain.spec_id
      where s.parent_id is not null and chain.depth < 20)
    select p.symbol, v.value_number * coalesce(u.scale_to_si, 1) + coalesce(u.offset_to_si, 0) as value_v
    from chain
      join specification_parameter_values v on v.specification_id = chain.spec_id
      join parameters p on p.id = v.parameter_id and p.symbol in ('U_min', 'U_max')
      left join units u on u.id = v.unit_id
    where v.value_number is not null`.execute(db);
  const mins = rows.filter((r) => r.symbol === 'U_min').map((r) => r.value_v);
  const maxs = rows.filter((r) => r.symbol === 'U_max').map((r) => r.value_v);
  return { minV: mins.length ? Math.min(...mins) : null, maxV: maxs.length ? Math.max(...maxs) : null };
}
