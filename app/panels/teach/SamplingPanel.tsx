/**
 * The output distribution of the chosen position under a temperature and top-k, recomputed from
 * the recorded logits (the model is not rerun), and a token drawn with a seed.
 */
import { useMemo } from 'react';
import { makeRng } from '../../../engine/random.ts';
import { fill } from '../../run/texts.ts';
import { formatNumber } from '../../chapters/template.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { row, stepOutput } from './rows.ts';
import { MIN_TEMPERATURE, pickIndex, temperatureProbs, topIndices } from './sampling.ts';
import { SeedInput } from './SeedInput.tsx';

export interface SamplingPanelProps {
  run: RunResult;
  t: Readonly<Record<string, string>>;
}

/** Highest temperature on the slider, its step, and how many tokens the list shows. */
const MAX_TEMPERATURE = 3;
const TEMPERATURE_STEP = 0.05;
const SHOWN = 10;

export function SamplingPanel({ run, t }: SamplingPanelProps) {
  const token = useStore((s) => s.selectedToken);
  const temperature = useStore((s) => s.temperature);
  const topK = useStore((s) => s.topK);
  const seed = useStore((s) => s.seed);
  const setSampling = useStore((s) => s.setSampling);
  const logitsT = stepOutput(run.trace, 'hook_logits');
  const probsT = stepOutput(run.trace, 'hook_probs');
  const logits = logitsT && row(logitsT, token); // (V)
  const probs = useMemo(
    () => logits && temperatureProbs(logits, temperature, topK),
    [logits, temperature, topK],
  );
  if (!logits || !probs || !probsT) return null;
  const recorded = row(probsT, token);
  const V = logits.length;
  const u = makeRng(seed).uniform();
  const drawn = pickIndex(probs, u);
  const name = (id: number) => run.vocab[id] ?? `#${id}`;

  return (
    <div className="teach-panel sampling">
      <label className="panel-row">
        {t.temperature} <output data-testid="temperature">{temperature.toFixed(2)}</output>
        <input
          type="range"
          aria-label={t.temperature}
          min={MIN_TEMPERATURE}
          max={MAX_TEMPERATURE}
          step={TEMPERATURE_STEP}
          value={temperature}
          onChange={(e) => setSampling({ temperature: Number(e.target.value) })}
        />
      </label>
      <div className="panel-row">
        <label>
          {t.topK}{' '}
          <input
            type="number"
            min={0}
            max={V}
            value={topK}
            aria-label={t.topK}
            onChange={(e) =>
              setSampling({ topK: Math.max(0, Math.trunc(Number(e.target.value)) || 0) })
            }
          />
        </label>
      </div>
      <SeedInput t={t} />
      <p className="drawn">
        {fill(t.sampled, { seed, u: u.toFixed(4) })}{' '}
        <strong data-testid="sampled-token" data-id={drawn}>
          {name(drawn)}
        </strong>
      </p>
      <table className="probs">
        <thead>
          <tr>
            <th />
            <th>{t.logit}</th>
            <th>{t.recorded}</th>
            <th>{t.now}</th>
          </tr>
        </thead>
        <tbody>
          {topIndices(probs, Math.min(V, SHOWN)).map((id) => (
            <tr
              key={id}
              data-testid="prob-row"
              data-id={id}
              data-logit={logits[id]}
              data-p={probs[id]}
            >
              <td className="tok">{name(id)}</td>
              <td>{formatNumber(logits[id])}</td>
              <td>{(recorded[id] * 100).toFixed(1)}%</td>
              <td>
                <span className="bar" style={{ width: `${probs[id] * 100}%` }} />
                {(probs[id] * 100).toFixed(1)}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{t.note}</p>
    </div>
  );
}
