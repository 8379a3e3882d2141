/**
 * The heatmap of a whole tensor on one canvas, labelled (token strings for positions, head and
 * channel indices elsewhere). Pointing at it reads the exact engine value, even where the
 * picture is averaged, and shares the element with the scene (its provenance lights up there).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '../../store/index.ts';
import type { RunResult } from '../../store/run.ts';
import { cellColors } from '../../scene/cells.ts';
import { fill } from '../../run/texts.ts';
import { indexLabel, type BlockTensor } from './blockTensor.ts';
import { gridAxes } from './provenance.ts';
import { cellsAt, drawHeatmap, keyMove, moveElement, plotBox } from './heatmapDraw.ts';
import { cellRect, sourceAt, statedGrid, unravel } from './tensorView.ts';
import { useWidth } from './useWidth.ts';

const TEXT_COLOR = '#8b94a5';
const MARK_COLOR = '#ffffff';

export interface HeatmapProps {
  run: RunResult;
  bt: BlockTensor;
  labels: Readonly<Record<string, string>>;
}

export function Heatmap({ run, bt, labels }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  // The canvas is as wide as the panel leaves the figure, never wider
  const width = useWidth(figure);
  const hover = useStore((s) => (s.hoverCell?.id === bt.block.id ? s.hoverCell.flat : null));
  const setHoverCell = useStore((s) => s.setHoverCell);
  const { id } = bt.block;
  // As the shape states it: rows are the first axis, columns the second (weights too)
  const g = useMemo(() => statedGrid(bt.block.grid, bt.tensor), [bt]);
  const axes = bt.tensor.axes;
  const ga = gridAxes(axes, g.transposed);
  const rowAxis = ga.row === null ? null : axes[ga.row];
  const colAxis = ga.col === null ? null : axes[ga.col];

  // The block's cells as an image, once per tensor
  const image = useMemo(() => {
    const rgba = cellColors(bt.tensor.data, g, bt.block.role); // (height, width, 4)
    const c = document.createElement('canvas');
    c.width = g.width;
    c.height = g.height;
    c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), g.width), 0, 0);
    return c;
  }, [bt, g]);

  const rowLabel = (i: number) => (rowAxis ? indexLabel(run, id, rowAxis, i) : '');
  const colLabel = (j: number) => {
    const s = colAxis ? indexLabel(run, id, colAxis, j) : '';
    // key columns are narrow: index and token with no space, e.g. '4C'
    return colAxis === 'key_pos' ? s.replace(' ', '') : s;
  };
  // Room for the longest row label among the first and the last rows (indices grow in digits)
  const sampled = Math.min(g.rows, 64);
  const labelChars = Math.max(
    1,
    ...Array.from({ length: sampled }, (_, i) => rowLabel(i).length),
    ...Array.from({ length: sampled }, (_, i) => rowLabel(g.rows - 1 - i).length),
  );
  const box = plotBox(g, width, labelChars);

  // Draw the picture, and outline the element under the pointer
  useEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(box.canvasWidth * dpr);
    el.height = Math.round(box.canvasHeight * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const marks = [];
    if (hover !== null) {
      const ix = unravel(bt.tensor.shape, hover);
      const at = (a: number | null) => (a === null ? 0 : ix[a]);
      const [r, c] = [at(ga.row), at(ga.col)];
      marks.push(cellRect(g, at(ga.tile), r, r + 1, c, c + 1));
    }
    drawHeatmap(ctx, {
      grid: g,
      image,
      box,
      rowLabel,
      colLabel,
      tileLabel: (t) => fill(labels.head, { head: t }),
      marks,
      textColor: TEXT_COLOR,
      markColor: MARK_COLOR,
    });
  });

  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const at = cellsAt(g, box, e.clientX - r.left, e.clientY - r.top);
    const src = at && sourceAt(g, at.x, at.y);
    setHoverCell(src ? { id: bt.block.id, flat: src.flat } : null);
  };
  // Arrow keys walk the elements, so the values can be read without a pointer
  const onKey = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const d = keyMove(e.key, e.shiftKey);
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    setHoverCell({ id: bt.block.id, flat: moveElement(bt.tensor.shape, ga, hover, ...d) });
  };
  const name = (a: string | null) =>
    a === 'query_pos' ? labels.query : a === 'key_pos' ? labels.key : (a ?? '—');

  return (
    <figure className="heatmap" ref={figure}>
      <canvas
        ref={canvas}
        role="img"
        data-testid="heatmap"
        data-plot={[box.left, box.top, box.width, box.height].join(' ')}
        aria-label={fill(labels.heatmap, { name: id, rows: name(rowAxis), cols: name(colAxis) })}
        style={{ width: box.canvasWidth, height: box.canvasHeight }}
        onPointerMove={onMove}
        onPointerLeave={() => setHoverCell(null)}
        tabIndex={0}
        aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight"
        title={labels.heatmapKeys}
        onKeyDown={onKey}
      />
      <figcaption>
        {labels.rows}: {name(rowAxis)} · {labels.cols}: {name(colAxis)}
        {g.tiles > 1 ? ` · ${axes[ga.tile ?? 0]}` : ''}
        {g.rowPool > 1 || g.colPool > 1
          ? ` · ${fill(labels.pooled, { rowPool: g.rowPool, colPool: g.colPool })}`
          : ''}
      </figcaption>
    </figure>
  );
}
