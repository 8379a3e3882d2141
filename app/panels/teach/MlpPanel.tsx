/**
 * The position-wise MLP: every token's row goes through the same two weight matrices. The chosen
 * token's row is lit in the input, hidden and output tensors; the weights stay as they are.
 */
import { fill } from '../../run/texts.ts';
import { WEIGHT_SCALE } from '../../scene/cells.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { mlpDim } from '../../../engine/model/config.ts';
import { Heatmap } from './Heatmap.tsx';
import { stepOutput } from './rows.ts';

export interface MlpPanelProps {
  run: RunResult;
  t: Readonly<Record<string, string>>;
}

/** Pixel height of an activation heatmap per token row, and the most it grows to. */
const ROW_PX = 10;
const MAX_PX = 110;

export function MlpPanel({ run, t }: MlpPanelProps) {
  const token = useStore((s) => s.selectedToken);
  const layer = useStore((s) => s.layer);
  const { trace, model } = run;
  const C = model.config.nEmbd;
  const M = mlpDim(model.config);
  const input = stepOutput(trace, `blocks.${layer}.ln2.hook_out`);
  const hidden = stepOutput(trace, `blocks.${layer}.mlp.hook_post`);
  const out = stepOutput(trace, `blocks.${layer}.hook_mlp_out`);
  const wfc = model.weights.get(`transformer.h.${layer}.mlp.c_fc.weight`);
  const wproj = model.weights.get(`transformer.h.${layer}.mlp.c_proj.weight`);
  if (!input || !hidden || !out || !wfc || !wproj) return null;
  const T = input.shape[0];
  const h = Math.min(MAX_PX, ROW_PX * T);

  return (
    <div className="teach-panel mlp">
      <p className="note">{fill(t.shared, { c: C, m: M })}</p>
      <h4>{t.input}</h4>
      <Heatmap
        values={input.data}
        rows={T}
        cols={C}
        markRow={token}
        label={t.input}
        height={h}
        testId="mlp-input"
      />
      <h4>{t.wfc}</h4>
      <Heatmap
        values={wfc.data}
        rows={M}
        cols={C}
        scale={WEIGHT_SCALE}
        label={t.wfc}
        height={80}
        testId="mlp-wfc"
      />
      <h4>{t.hidden}</h4>
      <Heatmap
        values={hidden.data}
        rows={T}
        cols={M}
        markRow={token}
        label={t.hidden}
        height={h}
        testId="mlp-hidden"
      />
      <h4>{t.wproj}</h4>
      <Heatmap
        values={wproj.data}
        rows={C}
        cols={M}
        scale={WEIGHT_SCALE}
        label={t.wproj}
        height={80}
        testId="mlp-wproj"
      />
      <h4>{t.output}</h4>
      <Heatmap
        values={out.data}
        rows={T}
        cols={C}
        markRow={token}
        label={t.output}
        height={h}
        testId="mlp-output"
      />
    </div>
  );
}
