/**
 * The inspector panel: the selected block's tensor in detail. Escape or the close button
 * deselects; with nothing selected it offers the current step's output (keyboard access to
 * what a click on a block does).
 */
import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { fill, type Texts } from '../../run/texts.ts';
import { blockTensor } from './blockTensor.ts';
import { TensorDetails } from './TensorDetails.tsx';

export interface InspectorProps {
  run: RunResult;
  texts: Texts;
}

export function Inspector({ run, texts }: InspectorProps) {
  const selected = useStore((s) => s.selected);
  const setSelected = useStore((s) => s.setSelected);
  const stepName = useStore((s) => run.trace.steps[s.step]?.name ?? null);
  const l = texts.inspect.labels;

  // Escape closes the inspector, wherever the focus is
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, setSelected]);

  const bt = selected ? blockTensor(run, selected) : undefined;
  if (!bt) {
    return (
      <section className="inspector empty" aria-label={l.inspector}>
        <p className="io-help">{l.pickHint}</p>
        {stepName && (
          <button type="button" className="link" onClick={() => setSelected(stepName)}>
            {fill(l.inspectStep, { name: stepName })}
          </button>
        )}
      </section>
    );
  }
  return (
    <TensorDetails
      key={bt.block.id}
      run={run}
      texts={texts}
      bt={bt}
      onClose={() => setSelected(null)}
    />
  );
}
