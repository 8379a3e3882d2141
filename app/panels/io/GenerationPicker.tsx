/**
 * The generation step picker: greedy decoding runs one forward pass per answer token, and the
 * person picks which pass the scene shows (the last one reads the full sequence).
 */
import type { RunResult } from '../../store/run.ts';
import { chooseGeneration } from '../../run/actions.ts';
import { fill } from '../../run/texts.ts';

export interface GenerationPickerProps {
  run: RunResult;
  labels: Readonly<Record<string, string>>;
}

export function GenerationPicker({ run, labels }: GenerationPickerProps) {
  const { passes, answer } = run.session;
  if (passes.length < 2) return null;
  const tok = (id: number) => run.vocab[id] ?? `#${id}`;
  return (
    <div className="io-gen">
      <div role="group" aria-label={labels.generation} className="io-gen-buttons">
        <span className="io-label">{labels.generation}</span>
        {passes.map((_, g) => (
          <button
            key={g}
            type="button"
            aria-pressed={g === run.gen}
            aria-label={fill(labels.generationStep, { gen: g + 1, next: tok(answer[g]) })}
            title={fill(labels.generationStep, { gen: g + 1, next: tok(answer[g]) })}
            onClick={() => chooseGeneration(g)}
          >
            {g + 1}
          </button>
        ))}
      </div>
      <p className="io-help" data-testid="generation">
        {fill(labels.generationOf, {
          gen: run.gen + 1,
          count: passes.length,
          tokens: run.trace.tokens.length,
        })}
      </p>
    </div>
  );
}
