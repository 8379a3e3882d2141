/**
 * A matrix as one small canvas: one pixel per cell, scaled up without smoothing, coloured on a
 * diverging scale by the largest magnitude. Reports the cell under the pointer.
 */
import { useEffect, useRef } from 'react';
import { ACTIVATION_SCALE, type Diverging } from '../../scene/cells.ts';

export interface HeatmapProps {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  scale?: Diverging;
  /** Row drawn with a bright frame (a chosen token), or null. */
  markRow?: number | null;
  /** CSS height in pixels; the width is the panel's. */
  height?: number;
  label: string;
  testId?: string;
  onHover?: (cell: { row: number; col: number } | null) => void;
}

/** Colour of a value in [-1, 1] on a diverging scale. */
function mix(s: Diverging, v: number): [number, number, number] {
  const end = v < 0 ? s.negative : s.positive;
  const a = Math.min(1, Math.abs(v));
  return [0, 1, 2].map((i) => s.zero[i] + (end[i] - s.zero[i]) * a) as [number, number, number];
}

export function Heatmap({
  values,
  rows,
  cols,
  scale = ACTIVATION_SCALE,
  markRow = null,
  height = 120,
  label,
  testId,
  onHover,
}: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let max = 0;
    for (let i = 0; i < rows * cols; i++) max = Math.max(max, Math.abs(values[i]));
    const img = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const r = Math.floor(i / cols);
      const dim = markRow !== null && r !== markRow ? 0.4 : 1;
      const [cr, cg, cb] = mix(scale, max > 0 ? values[i] / max : 0);
      img.data.set([cr * dim, cg * dim, cb * dim, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [values, rows, cols, scale, markRow]);

  const cellAt = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * cols);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * rows);
    return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
  };

  return (
    <canvas
      ref={ref}
      className="heatmap"
      width={cols}
      height={rows}
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-rows={rows}
      data-cols={cols}
      onPointerMove={onHover && ((e) => onHover(cellAt(e)))}
      onPointerLeave={onHover && (() => onHover(null))}
    />
  );
}
