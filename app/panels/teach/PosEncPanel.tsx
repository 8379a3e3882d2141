/**
 * Positions: the sinusoidal table for a chosen width and length, the running model's learned
 * table beside it (a model with sinusoidal positions has none: the panel says the sinusoids are
 * its own), and how similar positions are (dot products) under both.
 */
import { useEffect, useMemo, useState } from 'react';
import { sinusoidalTable } from '../../../engine/ops/embedding.ts';
import { WPE } from '../../../engine/model/weights.ts';
import { fill } from '../../run/texts.ts';
import { formatNumber } from '../../chapters/template.ts';
import { WEIGHT_SCALE } from '../../scene/cells.ts';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { Heatmap } from './Heatmap.tsx';
import { positionSimilarity, wavelength } from './posenc.ts';
import { Readout } from './Readout.tsx';
import { BinaryStrip } from './BinaryStrip.tsx';
import { SinusoidNote } from './SinusoidNote.tsx';

/** Largest width and length the panel draws (one canvas pixel per cell). */
const MAX_WIDTH = 1024;
const MAX_LENGTH = 2048;
/** Positions compared in the similarity maps: T² dot products of width C stay quick (GPT-2: 256). */
const MAX_COMPARED = 256;

export interface PosEncPanelProps {
  run: RunResult;
  t: Readonly<Record<string, string>>;
}

type Cell = { row: number; col: number } | null;
const clampInt = (v: string, hi: number) => Math.max(2, Math.min(hi, Math.trunc(Number(v)) || 2));

export function PosEncPanel({ run, t }: PosEncPanelProps) {
  const { config, weights } = run.model;
  const token = useStore((s) => s.selectedToken);
  const [d, setD] = useState(Math.min(config.nEmbd, MAX_WIDTH));
  const [T, setT] = useState(Math.min(config.blockSize, MAX_LENGTH));
  const [cell, setCell] = useState<Cell>(null);
  const [simCell, setSimCell] = useState<Cell>(null);
  useEffect(() => setCell(null), [d, T]);

  const table = useMemo(() => sinusoidalTable(T, d).data, [T, d]); // (T, d)
  const wpe = weights.get(WPE);
  const [P, C] = [Math.min(config.blockSize, MAX_COMPARED), config.nEmbd];
  const simSin = useMemo(() => positionSimilarity(sinusoidalTable(P, C).data, P, C), [P, C]);
  const simWpe = useMemo(() => wpe && positionSimilarity(wpe.data, P, C), [wpe, P, C]);

  // Without a learned table the sinusoids are the model's own positions
  const simName = wpe ? t.simSinusoid : t.simThisModel;
  const v = cell && table[cell.row * d + cell.col];
  const readout = cell
    ? fill(t.cell, {
        p: cell.row,
        dim: cell.col,
        value: formatNumber(v!),
        wave: formatNumber(wavelength(cell.col, d)),
      })
    : t.hover;
  const simText = simCell
    ? fill(t.simCell, {
        p: simCell.row,
        q: simCell.col,
        value: formatNumber(simSin[simCell.row * P + simCell.col]),
      })
    : t.hover;

  return (
    <div className="teach-panel posenc">
      <div className="panel-row">
        <label>
          {t.width}{' '}
          <input
            type="number"
            min={2}
            max={MAX_WIDTH}
            step={2}
            value={d}
            onChange={(e) => setD(clampInt(e.target.value, MAX_WIDTH))}
          />
        </label>
        <label>
          {t.length}{' '}
          <input
            type="number"
            min={2}
            max={MAX_LENGTH}
            value={T}
            onChange={(e) => setT(clampInt(e.target.value, MAX_LENGTH))}
          />
        </label>
      </div>
      <h4>{t.sinusoid}</h4>
      <Heatmap
        values={table}
        rows={T}
        cols={d}
        label={t.sinusoid}
        testId="posenc-heatmap"
        height={150}
        onHover={setCell}
      />
      <Readout
        text={readout}
        testId="posenc-readout"
        data={cell ? { p: cell.row, dim: cell.col, d, value: v! } : {}}
      />
      <BinaryStrip text={t.binary} />
      <h4 data-testid="posenc-model-heading">{wpe ? t.learned : t.sinusoidalHeading}</h4>
      {wpe ? (
        <Heatmap
          values={wpe.data}
          rows={P}
          cols={C}
          scale={WEIGHT_SCALE}
          markRow={token}
          label={t.learned}
          height={90}
        />
      ) : (
        <p className="note">{fill(t.noLearned, { c: config.nEmbd, p: config.blockSize })}</p>
      )}
      <h4>{t.similarity}</h4>
      <div className="pair">
        <figure>
          <Heatmap
            values={simSin}
            rows={P}
            cols={P}
            label={simName}
            height={150}
            onHover={setSimCell}
          />
          <figcaption>{simName}</figcaption>
        </figure>
        {simWpe && (
          <figure>
            <Heatmap values={simWpe} rows={P} cols={P} label={t.simLearned} height={150} />
            <figcaption>{t.simLearned}</figcaption>
          </figure>
        )}
      </div>
      <Readout text={simText} testId="posenc-sim-readout" />
      <SinusoidNote run={run} t={t} />
    </div>
  );
}
