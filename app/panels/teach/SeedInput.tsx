/**
 * The sampling seed: a box that takes whole numbers from 0 to 2^32 - 1 and says beside it why
 * anything else is refused (the last good seed, and its draw, stay), and the button that draws
 * again with the next seed.
 */
import { useId, useState } from 'react';
import { fill } from '../../run/texts.ts';
import { useStore } from '../../store/index.ts';
import { shortEcho, showInvisible } from '../io/inputMessage.ts';
import { MAX_SEED, nextSeed, parseSeed, type SeedProblem } from './sampling.ts';

export interface SeedInputProps {
  t: Readonly<Record<string, string>>;
}

/** The message for each reason a seed is refused (keys of the sampling texts). */
const MESSAGE: Record<SeedProblem, string> = {
  empty: 'seedEmpty',
  notWhole: 'seedNotWhole',
  negative: 'seedNegative',
  tooLarge: 'seedTooLarge',
};

export function SeedInput({ t }: SeedInputProps) {
  const seed = useStore((s) => s.seed);
  const setSampling = useStore((s) => s.setSampling);
  const [text, setText] = useState(String(seed));
  // A seed set elsewhere (the Draw button) replaces what the box shows
  const [shown, setShown] = useState(seed);
  if (shown !== seed) {
    setShown(seed);
    setText(String(seed));
  }
  const errorId = useId();
  const parsed = parseSeed(text);
  const error =
    'problem' in parsed
      ? fill(t[MESSAGE[parsed.problem]], {
          text: showInvisible(shortEcho(text.trim())),
          max: MAX_SEED,
          seed,
        })
      : '';

  const onChange = (value: string) => {
    setText(value);
    const p = parseSeed(value);
    if ('seed' in p) {
      setShown(p.seed); // typed here: keep the text as typed ('007')
      setSampling({ seed: p.seed });
    }
  };

  return (
    <>
      <div className="panel-row">
        <label>
          {t.seed}{' '}
          <input
            type="text"
            inputMode="numeric"
            size={11}
            value={text}
            aria-label={t.seed}
            aria-invalid={error !== ''}
            aria-describedby={errorId}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
        <button type="button" onClick={() => setSampling({ seed: nextSeed(seed) })}>
          {t.sample}
        </button>
      </div>
      <p
        id={errorId}
        className="io-error"
        role="status"
        aria-live="polite"
        data-testid="seed-error"
      >
        {error}
      </p>
    </>
  );
}
