/**
 * Parameters and forward FLOPs for the running model and the GPT-2 and GPT-3 presets, and one
 * model's breakdown by component with shares of the total (nanoGPT's accounting, engine/sizing.ts).
 */
import { useMemo, useState } from 'react';
import { fill } from '../../run/texts.ts';
import { formatNumber } from '../../chapters/template.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { sizedModels } from './sizingModels.ts';
import { SizingBreakdown } from './SizingBreakdown.tsx';

export interface SizingPanelProps {
  run: RunResult;
  t: Readonly<Record<string, string>>;
}

/** Large counts in short form: 124.4M, 174.6B, 3.1T. */
export function short(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const hit = units.find(([u]) => n >= u);
  return hit ? `${(n / hit[0]).toFixed(1)}${hit[1]}` : formatNumber(n);
}

export function SizingPanel({ run, t }: SizingPanelProps) {
  const [bias, setBias] = useState(true);
  const [picked, setPicked] = useState('running');
  const setScaleView = useStore((s) => s.setScaleView);
  const setDrawerOpen = useStore((s) => s.setDrawerOpen);
  // The scale view gets the canvas area the drawer leaves free
  const showScale = () => {
    setDrawerOpen(false);
    setScaleView(true);
  };
  const models = useMemo(
    () => sizedModels(run.model.config, run.modelName, bias),
    [run.model.config, run.modelName, bias],
  );
  const shown = models.find((m) => m.id === picked) ?? models[0];

  return (
    <div className="teach-panel sizing">
      <div className="panel-row">
        <label>
          <input type="checkbox" checked={bias} onChange={(e) => setBias(e.target.checked)} />{' '}
          {t.biases}
        </label>
        <button type="button" onClick={showScale}>
          {t.scale}
        </button>
      </div>
      <table className="sizes">
        <thead>
          <tr>
            <th>{t.model}</th>
            <th>{t.params}</th>
            <th>{t.flops}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} aria-selected={m.id === shown.id} onClick={() => setPicked(m.id)}>
              <td>
                <button type="button" className="link" onClick={() => setPicked(m.id)}>
                  {m.name}
                </button>
              </td>
              <td
                data-testid={`params-${m.id}`}
                data-value={m.sizing.params.total.count}
                title={formatNumber(m.sizing.params.total.count)}
              >
                {formatNumber(m.sizing.params.total.count)}
              </td>
              <td title={fill(t.tokens, { t: m.sizing.nTokens })}>
                {short(m.sizing.flops.forward.count)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{t.pick}</p>
      <SizingBreakdown model={shown} t={t} />
    </div>
  );
}
