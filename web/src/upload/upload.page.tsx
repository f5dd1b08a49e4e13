import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useChoices } from '../entities/use-choices.js';
import { UploadPanel } from './upload-panel.js';
import { ChoiceOptions } from '../entities/choice-options.js';

/** Upload into any experiment the user can see; the experiment page shows the parse results. */
export function UploadPage() {
  const { choices } = useChoices('experiments');
  const [experimentId, setExperimentId] = useState<number>();
  return (
    <section>
      <h1>Upload data files</h1>
      <div className="field">
        <label htmlFor="upload-experiment">Experiment</label>
        <select id="upload-experiment" value={experimentId ?? ''} onChange={(e) => setExperimentId(e.target.value ? Number(e.target.value) : undefined)}>
          <ChoiceOptions choices={choices} empty="(choose an experiment)" />
        </select>
      </div>
      <p>
        {choices.length === 0 ? 'No experiment yet?' : 'For a new experiment,'} <Link to="/experiments/new">create it</Link> first.
      </p>
      {experimentId ? (
        <>
          <UploadPanel key={experimentId} experimentId={experimentId} onUploaded={() => undefined} />
          <p>
            <Link to={`/experiments/${experimentId}`}>Open the experiment</Link> to follow parsing and see the plots.
          </p>
        </>
      ) : null}
    </section>
  );
}
