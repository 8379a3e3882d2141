/**
 * The status line while the engine computes: which model runs, on what. The run on screen and
 * its controls stay until the new one is ready. Quick runs never show it (it appears after a
 * short delay, in styles.css).
 */
import { useStore } from '../store/index.ts';
import { fill, modelLabel, type UiText } from '../run/texts.ts';

/** Characters of the input the line quotes; longer input is cut with an ellipsis. */
const MAX_QUOTED = 32;

export function RunStatus({ ui }: { ui: UiText }) {
  const pending = useStore((s) => s.pending);
  const models = useStore((s) => s.models);
  const hasRun = useStore((s) => s.run !== null);
  if (!pending) return null;
  const { modelId, input } = pending;
  const model = modelLabel(ui, modelId, models.find((m) => m.id === modelId)?.name ?? modelId);
  const typed = input?.trim() ?? '';
  const quoted = typed.length > MAX_QUOTED ? `${typed.slice(0, MAX_QUOTED)}…` : typed;
  const text =
    input === null
      ? fill(ui.runStatusExample, { model })
      : fill(ui.runStatusInput, { model, input: quoted });
  return (
    <p className="run-status" role="status" aria-live="polite" data-testid="run-status">
      <span className="run-spinner" aria-hidden />
      <span className="run-text">
        <span className="run-what">{text}</span>
        {hasRun && <span className="run-keep">{ui.runStatusKeep}</span>}
      </span>
    </p>
  );
}
