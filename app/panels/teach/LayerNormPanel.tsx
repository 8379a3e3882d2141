/**
 * LayerNorm of one token: its input row, the row's mean and standard deviation (over that row's
 * channels only), the normalized row, the gain and bias, and the output. Values from the trace.
 */
import { useState } from 'react';
import { fill } from '../../run/texts.ts';
import { formatNumber } from '../../chapters/template.ts';
import { WEIGHT_SCALE } from '../../scene/cells.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { Heatmap } from './Heatmap.tsx';
import { row, rowStats, stepOutput } from './rows.ts';

export interface LayerNormPanelProps {
  run: RunResult;
  t: Readonly<Record<string, string>>;
}

/** The three kinds of LayerNorm a GPT has, as trace prefixes. */
const kinds = (layer: number) => [`blocks.${layer}.ln1`, `blocks.${layer}.ln2`, 'ln_final'];

export function LayerNormPanel({ run, t }: LayerNormPanelProps) {
  const token = useStore((s) => s.selectedToken);
  const layer = useStore((s) => s.layer);
  const [kind, setKind] = useState(0);
  const hook = kinds(layer)[kind];
  const { trace, model } = run;
  const C = model.config.nEmbd;

  const meanStep = trace.steps.find((s) => s.name === `${hook}.hook_mean`);
  const outStep = trace.steps.find((s) => s.name === `${hook}.hook_out`);
  const normalized = stepOutput(trace, `${hook}.hook_normalized`);
  const scale = stepOutput(trace, `${hook}.hook_scale`);
  const input = meanStep && stepOutput(trace, meanStep.inputs[0]);
  if (!meanStep || !outStep || !normalized || !scale || !input) return null;
  const [gainName, biasName] = outStep.inputs.slice(1);
  const gain = model.weights.get(gainName);
  const bias = biasName ? model.weights.get(biasName) : undefined;
  const out = outStep.output;
  const mean = meanStep.output.data[token];
  const std = scale.data[token];
  const xhat = rowStats(row(normalized, token));

  const strip = (label: string, values: Float32Array, weight = false) => (
    <figure className="strip">
      <figcaption>{label}</figcaption>
      <Heatmap
        values={values}
        rows={1}
        cols={values.length}
        label={label}
        height={14}
        scale={weight ? WEIGHT_SCALE : undefined}
      />
    </figure>
  );

  return (
    <div className="teach-panel layernorm">
      <label className="panel-row">
        {t.which}{' '}
        <select value={kind} onChange={(e) => setKind(Number(e.target.value))}>
          {kinds(layer).map((k, i) => (
            <option key={k} value={i}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <p className="note">{fill(t.over, { c: C })}</p>
      <Heatmap
        values={input.data}
        rows={input.shape[0]}
        cols={C}
        markRow={token}
        label={t.input}
        height={Math.min(110, 10 * input.shape[0])}
      />
      {strip(t.input, row(input, token))}
      <dl className="stats">
        <dt>{t.mean}</dt>
        <dd data-testid="ln-mean" data-value={mean}>
          {formatNumber(mean)}
        </dd>
        <dt>{t.std}</dt>
        <dd data-testid="ln-std" data-value={std}>
          {formatNumber(std)}
        </dd>
      </dl>
      {strip(t.normalized, row(normalized, token))}
      <p className="note">
        {fill(t.normalizedStats, { mean: formatNumber(xhat.mean), std: formatNumber(xhat.std) })}
      </p>
      {gain && strip(t.gain, gain.data, true)}
      {bias && strip(t.bias, bias.data, true)}
      {strip(t.output, row(out, token))}
    </div>
  );
}
