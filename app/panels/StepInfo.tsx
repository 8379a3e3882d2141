/**
 * The current step: its name, its formula rendered by KaTeX, one line in plain words, and what
 * it reads and writes.
 */
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { describeStep, type Texts } from '../run/texts.ts';

export interface StepInfoProps {
  run: RunResult;
  texts: Texts;
}

export function StepInfo({ run, texts }: StepInfoProps) {
  const index = useStore((s) => s.step);
  const step = run.trace.steps[index];
  const formula = useMemo(
    () => katex.renderToString(step.formula, { throwOnError: false, displayMode: true }),
    [step],
  );
  const shape = step.output.shape.join(' × ');
  const axes = step.output.axes.join(', ');

  return (
    <section className="step-info" aria-live="polite">
      <h2 data-testid="step-name">{step.name}</h2>
      <div className="step-formula" dangerouslySetInnerHTML={{ __html: formula }} />
      <p className="step-words">{describeStep(texts, step.name)}</p>
      <p className="step-io">
        <span className="tag current">{texts.ui.writes}</span> {shape} ({axes})
        <br />
        <span className="tag read">{texts.ui.reads}</span> {step.inputs.join(', ')}
      </p>
    </section>
  );
}
