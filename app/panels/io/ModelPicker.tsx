/**
 * The model picker: every model assets/models/index.json ships (and the random-weights model
 * when the URL asked for one). Switching loads the model and starts the timeline over; it stays
 * usable while a run computes (the newest choice wins).
 */
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { chooseModel } from '../../run/actions.ts';
import { modelLabel } from '../../run/texts.ts';

export interface ModelPickerProps {
  run: RunResult;
  labels: Readonly<Record<string, string>>;
}

export function ModelPicker({ run, labels }: ModelPickerProps) {
  const models = useStore((s) => s.models);
  const busy = useStore((s) => s.pending !== null);
  const ui = useStore((s) => s.texts?.ui ?? {});
  const listed = models.some((m) => m.id === run.modelId);
  return (
    <label className="io-row model">
      <span>{labels.model}</span>
      <select
        value={run.modelId}
        title={modelLabel(ui, run.modelId, run.modelName)}
        aria-busy={busy}
        onChange={(e) => void chooseModel(e.target.value)}
      >
        {!listed && (
          <option value={run.modelId}>{modelLabel(ui, run.modelId, run.modelName)}</option>
        )}
        {models.map((m) => (
          <option key={m.id} value={m.id} title={m.description}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
