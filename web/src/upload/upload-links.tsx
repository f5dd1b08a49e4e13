import { useChoices } from '../entities/use-choices.js';
import { ChoiceOptions } from '../entities/choice-options.js';

export interface UploadLinks {
  equipmentId?: number;
  deviceIds: number[];
}

/** Equipment and devices the next uploads are linked to (choices: records the user may see). */
export function UploadLinksFields({ value, onChange }: { value: UploadLinks; onChange(next: UploadLinks): void }) {
  const equipment = useChoices('equipment').choices;
  const devices = useChoices('devices').choices;
  return (
    <div className="upload-links">
      <div className="field">
        <label htmlFor="upload-equipment">Equipment</label>
        <select id="upload-equipment" value={value.equipmentId ?? ''} onChange={(e) => onChange({ ...value, equipmentId: e.target.value ? Number(e.target.value) : undefined })}>
          <ChoiceOptions choices={equipment} empty="(none)" />
        </select>
      </div>
      <div className="field">
        <label htmlFor="upload-devices">Devices</label>
        <select
          id="upload-devices"
          multiple
          size={Math.min(4, Math.max(2, devices.length))}
          value={value.deviceIds.map(String)}
          onChange={(e) => onChange({ ...value, deviceIds: Array.from(e.target.selectedOptions, (o) => Number(o.value)) })}
        >
          <ChoiceOptions choices={devices} />
        </select>
      </div>
    </div>
  );
}

/** The multipart fields the upload endpoint takes for these links. */
export function linkFields(links: UploadLinks): Record<string, string> {
  const fields: Record<string, string> = {};
  if (links.equipmentId) fields.equipmentId = String(links.equipmentId);
  if (links.deviceIds.length > 0) fields.deviceIds = links.deviceIds.join(',');
  return fields;
}
