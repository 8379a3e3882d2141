/**
 * The model's answer: the sequence the pass shown reads (prompt, then generated tokens), the
 * next-token probabilities at its last position, and the greedy answer judged by the task.
 * Every number comes from the trace.
 */
import { useMemo } from 'react';
import { getStep } from '../../../engine/trace.ts';
import type { RunResult } from '../../store/run.ts';
import { fill } from '../../run/texts.ts';
import { formatPercent, topTokens } from './probs.ts';

/** Most next-token candidates listed. */
export const TOP_K = 5;

export interface AnswerViewProps {
  run: RunResult;
  labels: Readonly<Record<string, string>>;
}

export function AnswerView({ run, labels }: AnswerViewProps) {
  const { session, trace, promptLength: P } = run;
  const tok = (id: number) => run.vocab[id] ?? `#${id}`;
  const top = useMemo(() => {
    const probs = getStep(trace, 'hook_probs').output; // (T, V)
    return topTokens(probs, trace.tokens.length - 1, TOP_K);
  }, [trace]);
  const task = session.loaded.task;
  const answerText = task ? task.format(session.answer) : session.answer.map(tok).join(' ');

  return (
    <div className="io-answer">
      <p className="io-seq" aria-label={`${labels.prompt} / ${labels.generated}`}>
        {trace.tokens.map((id, t) => (
          <span key={t} className={t < P ? 'tok prompt' : 'tok generated'}>
            {tok(id)}
          </span>
        ))}
        <span className="tok next" title={labels.nextToken}>
          → {tok(top[0].id)} <small>{formatPercent(top[0].p)}%</small>
        </span>
      </p>
      <h4>{labels.nextToken}</h4>
      <ul className="io-probs" data-testid="next-probs">
        {top.map((c) => (
          <li key={c.id}>
            <span className="tok">{tok(c.id)}</span>
            <span className="bar" style={{ width: `${c.p * 100}%` }} />
            <span className="pct">{formatPercent(c.p)}%</span>
          </li>
        ))}
      </ul>
      <p className="answer">
        {labels.answer}: <strong data-testid="answer">{answerText}</strong>{' '}
        {session.correct !== null && (
          <span
            className={session.correct ? 'verdict right' : 'verdict wrong'}
            data-testid="verdict"
          >
            {session.correct ? `✓ ${labels.correct}` : `✗ ${labels.wrong}`}
            {!session.correct && task && session.expected
              ? ` (${fill(labels.expected, { expected: task.format(session.expected) })})`
              : ''}
          </span>
        )}
      </p>
    </div>
  );
}
