/**
 * Drawing a tensor's heatmap on one 2D canvas: the block's own cells (same grid and colours as
 * the scene), row labels at the left, head titles and column labels on top, and the element
 * under the pointer outlined. The plot geometry is pure so that pointer positions map back to
 * exact source elements.
 */
import { TILE_GAP, type CellGrid } from '../../scene/grid.ts';
import type { CellRect } from './tensorView.ts';

/** Pixel sizes of the canvas parts (CSS pixels). */
export const LABEL_FONT = '10px ui-monospace, monospace';
const LABEL_CHAR_PX = 6.2;
const TOP_MARGIN = 26;
const RIGHT_MARGIN = 4;
const MAX_PLOT_HEIGHT = 150;
const MAX_CELL_PX = 16;
const MIN_ROW_PX = 2;
/** Fewest pixels between two labels along an axis. */
const ROW_LABEL_PX = 11;
const COL_LABEL_PX = 26;

/** Where the plot sits in the canvas, in CSS pixels. */
export interface PlotBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Canvas size. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
}

/** The plot's place for a grid in a canvas `width` pixels wide, with row labels of `labelChars`. */
export function plotBox(g: CellGrid, width: number, labelChars: number): PlotBox {
  const left = Math.ceil(labelChars * LABEL_CHAR_PX) + 6;
  const room = Math.max(0, width - left - RIGHT_MARGIN);
  const plotW = Math.min(room, g.width * MAX_CELL_PX);
  const cellW = plotW / g.width;
  const rowPx = Math.max(MIN_ROW_PX, Math.min(MAX_CELL_PX, cellW * 1.2));
  const plotH = Math.min(MAX_PLOT_HEIGHT, Math.max(ROW_LABEL_PX, g.height * rowPx));
  return {
    left,
    top: TOP_MARGIN,
    width: plotW,
    height: plotH,
    canvasWidth: width,
    canvasHeight: TOP_MARGIN + plotH + 2,
  };
}

/** The point of the grid (in cells, fractional) under a canvas point; null outside the plot. */
export function cellsAt(g: CellGrid, box: PlotBox, px: number, py: number) {
  const x = ((px - box.left) / box.width) * g.width;
  const y = ((py - box.top) / box.height) * g.height;
  if (x < 0 || y < 0 || x >= g.width || y >= g.height) return null;
  return { x, y };
}

/** Every k-th index of n, k chosen so that labels are at least `minPx` apart over `px`. */
export function ticks(n: number, px: number, minPx: number): number[] {
  const k = Math.max(1, Math.ceil((n * minPx) / Math.max(1, px)));
  const out: number[] = [];
  for (let i = 0; i < n; i += k) out.push(i);
  return out;
}

/** What to draw. */
export interface HeatmapPicture {
  readonly grid: CellGrid;
  /** The block's cells as an image (grid.width x grid.height). */
  readonly image: CanvasImageSource;
  readonly box: PlotBox;
  readonly rowLabel: (i: number) => string;
  readonly colLabel: (j: number) => string;
  readonly tileLabel: (t: number) => string;
  /** Cells to outline: the element under the pointer. */
  readonly marks: readonly CellRect[];
  readonly textColor: string;
  readonly markColor: string;
}

/** Draws the heatmap; ctx is already scaled to CSS pixels. */
export function drawHeatmap(ctx: CanvasRenderingContext2D, p: HeatmapPicture): void {
  const { grid: g, box } = p;
  ctx.clearRect(0, 0, box.canvasWidth, box.canvasHeight);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(p.image, box.left, box.top, box.width, box.height);
  ctx.font = LABEL_FONT;
  ctx.fillStyle = p.textColor;
  const cw = box.width / g.width;
  const rh = box.height / g.height;

  // Row labels: source rows, at the centre of the cell that shows them
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  let lastY = -Infinity;
  for (const r of ticks(g.rows, box.height, ROW_LABEL_PX)) {
    const y = Math.min(box.top + (r / g.rowPool + 0.5) * rh, box.top + box.height - 4);
    if (y - lastY < ROW_LABEL_PX) continue; // the last label, pushed up onto the one before
    ctx.fillText(p.rowLabel(r), box.left - 4, y);
    lastY = y;
  }

  // Head titles and column labels, per tile
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  const tileW = g.shownCols * cw;
  for (let t = 0; t < g.tiles; t++) {
    const x0 = box.left + t * (g.shownCols + TILE_GAP) * cw;
    if (g.tiles > 1) ctx.fillText(p.tileLabel(t), x0 + tileW / 2, box.top - 15);
    for (const c of ticks(g.cols, tileW, COL_LABEL_PX)) {
      // centred on its column, but kept inside the canvas at the right edge
      const text = p.colLabel(c);
      const half = ctx.measureText(text).width / 2;
      const x = Math.min(x0 + (c / g.colPool + 0.5) * cw, box.canvasWidth - half);
      ctx.fillText(text, x, box.top - 4);
    }
  }

  // The element under the pointer
  ctx.strokeStyle = p.markColor;
  ctx.lineWidth = 1.5;
  for (const m of p.marks) {
    ctx.strokeRect(
      box.left + m.x0 * cw - 1,
      box.top + m.y0 * rh - 1,
      (m.x1 - m.x0) * cw + 2,
      (m.y1 - m.y0) * rh + 2,
    );
  }
}

/** Axes of the tensor the heatmap lays out as tiles, rows and columns (see gridAxes). */
interface Layout3 {
  readonly tile: number | null;
  readonly row: number | null;
  readonly col: number | null;
}

/**
 * The element a keyboard move lands on: rows, columns or tiles (heads) shifted by the deltas,
 * clamped to the tensor.
 * @param flat the element now (row-major index), or null to start at the first element
 */
export function moveElement(
  shape: readonly number[],
  ga: Layout3,
  flat: number | null,
  dRow: number,
  dCol: number,
  dTile: number,
): number {
  if (flat === null) return 0;
  const index: number[] = [];
  let rest = flat;
  for (let i = shape.length - 1; i >= 0; i--) {
    index[i] = rest % shape[i];
    rest = Math.floor(rest / shape[i]);
  }
  const shift = (axis: number | null, d: number) => {
    if (axis !== null) index[axis] = Math.max(0, Math.min(shape[axis] - 1, index[axis] + d));
  };
  shift(ga.row, dRow);
  shift(ga.col, dCol);
  shift(ga.tile, dTile);
  return index.reduce((f, v, i) => f * shape[i] + v, 0);
}

/** Row, column and tile deltas of a key (Shift with ←/→ moves between heads); null for others. */
export function keyMove(key: string, shift: boolean): [number, number, number] | null {
  const moves: Record<string, [number, number, number]> = {
    ArrowUp: [-1, 0, 0],
    ArrowDown: [1, 0, 0],
    ArrowLeft: shift ? [0, 0, -1] : [0, -1, 0],
    ArrowRight: shift ? [0, 0, 1] : [0, 1, 0],
  };
  return moves[key] ?? null;
}
