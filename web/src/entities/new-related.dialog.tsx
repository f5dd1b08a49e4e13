import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { entityConfig } from './entity-config.js';
import { EntityForm } from './entity-form.js';

/** A modal with the create form of another entity, so a missing related record can be made in place. */
export function NewRelatedDialog({ plural, onClose, onCreated }: { plural: string; onClose(): void; onCreated(id: number): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const label = entityConfig(plural)?.label ?? plural;
  // A portal keeps the nested <form> out of the outer form in the DOM.
  return createPortal(
    <dialog ref={ref} onClose={onClose} aria-labelledby="new-related-title" className="dialog">
      <h2 id="new-related-title">New {label.toLowerCase()}</h2>
      <EntityForm plural={plural} nested onSaved={(row) => onCreated(row.id)} onCancel={onClose} />
    </dialog>,
    document.body,
  );
}
