/**
 * The model's output as text: the input tokens, the most probable next token at each position
 * with its probability, and the greedy answer. Every number comes from the trace.
 */
import { useMemo } from 'react';
import { getStep } from '../../engine/trace.ts';
import type { RunResult } from '../store/run.ts';
import type { UiText } from '../run/texts.ts';
import { argmaxRow } from '../run/greedy.ts';

/** Digits shown of a probability in percent; small ones keep two significant digits. */
const PERCENT_DIGITS = 1;
const SMALL_PERCENT = 1;
const percent = (p: number): string => {
  const pc = p * 100;
  return pc >= SMALL_PERCENT ? pc.toFixed(PERCENT_DIGITS) : pc.toPrecision(2);
};

export interface OutputViewProps {
  run: RunResult;
  ui: UiText;
}

export function OutputView({ run, ui }: OutputViewProps) {
  const rows = useMemo(() => {
    const probs = getStep(run.trace, 'hook_probs').output; // (T, V)
    const V = probs.shape[1];
    return run.trace.tokens.map((tok, t) => {
      const next = argmaxRow(probs, t);
      return { tok, next, p: probs.data[t * V + next] };
    });
  }, [run]);
  const name = (id: number) => run.vocab[id] ?? `#${id}`;
  const P = run.promptLength;
  const answer = rows.slice(P - 1).map((r) => name(r.next));

  return (
    <section className="output" data-testid="output">
      <h3>
        {ui.model}: {run.modelName}
      </h3>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{ui.input}</th>
            <th>{ui.prediction}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, t) => (
            <tr key={t} className={t >= P - 1 ? 'answer-row' : undefined}>
              <td>{t}</td>
              <td className="tok">{name(r.tok)}</td>
              <td className="tok">
                {name(r.next)} <small>{percent(r.p)}%</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="answer">
        {ui.answer}: <strong data-testid="answer">{answer.join('')}</strong>
      </p>
    </section>
  );
}
