/**
 * The right-hand input and output panel: which model runs, what it reads, which generation
 * step the scene shows, and what it answers. It shrinks while the inspector is open.
 */
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import type { Texts } from '../../run/texts.ts';
import { ModelPicker } from './ModelPicker.tsx';
import { InputBox } from './InputBox.tsx';
import { GenerationPicker } from './GenerationPicker.tsx';
import { AnswerView } from './AnswerView.tsx';

export interface IoPanelProps {
  run: RunResult;
  texts: Texts;
}

export function IoPanel({ run, texts }: IoPanelProps) {
  const l = texts.inspect.labels;
  // With the inspector open the panel drops its help lines and the probability bars, so both fit
  const compact = useStore((s) => s.selected !== null);
  return (
    <section className={compact ? 'io compact' : 'io'} data-testid="output" aria-label={l.model}>
      <ModelPicker run={run} labels={l} />
      <InputBox run={run} labels={l} />
      <GenerationPicker run={run} labels={l} />
      <AnswerView run={run} labels={l} />
    </section>
  );
}
