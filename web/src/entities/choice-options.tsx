/** The `<option>`s of a choices dropdown: an empty first option (when `empty` is given), then one per record. */
export function ChoiceOptions({ choices, empty }: { choices: readonly { id: number; name: string }[]; empty?: string }) {
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
}
