/**
 * Which element of a block's tensor lies under the pointer: the hit point's texture coordinates
 * on the slab's face, read through the block's cell grid (and its pooling) to an exact element.
 * Pure.
 */
import { sourceAt } from '../panels/inspect/tensorView.ts';
import type { SceneBlock } from './layout.ts';

/**
 * The flat index of the element under a hit, or null off the faces or over a gap.
 * @param u, v the hit's texture coordinates on the box face (0..1, v up)
 * @param normalZ the z of the face normal: +1 front, -1 back (mirrored), 0 the sides
 */
export function elementAt(b: SceneBlock, u: number, v: number, normalZ: number): number | null {
  if (Math.abs(normalZ) < 0.5) return null;
  const g = b.grid;
  const x = (normalZ > 0 ? u : 1 - u) * g.width;
  const y = (1 - v) * g.height;
  // A hit on the very edge reads as the last cell, not outside
  const src = sourceAt(g, Math.min(x, g.width - 1e-6), Math.min(y, g.height - 1e-6));
  return src ? src.flat : null;
}
