/**
 * The reader's token: one button per position, the chosen one pressed. Chapters, panels and the
 * scene's row highlight follow it.
 */
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';

export interface TokenPickerProps {
  run: RunResult;
  label: string;
}

/** The input token strings, one per position. */
export const tokenStrings = (run: RunResult): string[] =>
  run.trace.tokens.map((id) => run.vocab[id] ?? `#${id}`);

export function TokenPicker({ run, label }: TokenPickerProps) {
  const selected = useStore((s) => s.selectedToken);
  const setSelected = useStore((s) => s.setSelectedToken);
  return (
    <div className="token-picker" role="group" aria-label={label}>
      <span className="picker-label">{label}</span>
      {tokenStrings(run).map((tok, t) => (
        <button
          key={t}
          type="button"
          aria-pressed={t === selected}
          aria-label={`${label} ${t}: ${tok}`}
          onClick={() => setSelected(t)}
        >
          <small>{t}</small>
          {tok}
        </button>
      ))}
    </div>
  );
}
