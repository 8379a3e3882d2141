/**
 * Camera framing: where the camera stands to take in a box from a given direction, inside the
 * part of the canvas that the panels leave free.
 */
import { Vector3 } from 'three';
import type { Box } from './layout.ts';

/** The first view looks from the front, a little from the right and from above (radians). */
export const HOME_AZIMUTH = 0.16;
export const HOME_POLAR = 1.45;
/** Room left around the whole model, as a share of its size. */
export const HOME_MARGIN = 0.06;
/** Room left around a step's blocks when the camera follows, so that neighbours show too. */
export const FOLLOW_MARGIN = 0.35;
/** Room left around a chapter's blocks: the box already takes in the neighbours it names. */
export const CHAPTER_MARGIN = 0.08;

/** Canvas pixels covered by panels on each side. */
export interface Insets {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The canvas size and lens a shot is taken with. */
export interface Lens {
  /** Vertical field of view, degrees. */
  readonly fov: number;
  readonly width: number;
  readonly height: number;
  readonly insets: Insets;
}

/** A camera position and the point it looks at. */
export interface Shot {
  readonly position: Vector3;
  readonly target: Vector3;
}

const WORLD_UP = new Vector3(0, 1, 0);

/** The shot that fits a box in the free part of the canvas, seen from (azimuth, polar). */
export function frameBox(
  box: Box,
  azimuth: number,
  polar: number,
  lens: Lens,
  margin: number,
): Shot {
  const center = new Vector3(
    (box.min[0] + box.max[0]) / 2,
    (box.min[1] + box.max[1]) / 2,
    (box.min[2] + box.max[2]) / 2,
  );
  const dir = new Vector3().setFromSphericalCoords(1, polar, azimuth); // target → camera
  const right = new Vector3().crossVectors(WORLD_UP, dir).normalize();
  const up = new Vector3().crossVectors(dir, right);

  // Each corner in the camera's axes, relative to the centre (depth: towards the camera)
  const corners: [number, number, number][] = [];
  const o = new Vector3();
  for (let k = 0; k < 8; k++) {
    o.set(
      (k & 1 ? box.max[0] : box.min[0]) - center.x,
      (k & 2 ? box.max[1] : box.min[1]) - center.y,
      (k & 4 ? box.max[2] : box.min[2]) - center.z,
    );
    corners.push([o.dot(right), o.dot(up), o.dot(dir)]);
  }

  // The free region as tangents of the view: x/depth and y/depth it may span, with the margin
  const tanV = Math.tan((lens.fov * Math.PI) / 360);
  const tanU = tanV * (lens.width / lens.height);
  const across = freeSpan(lens.width, lens.insets.left, lens.insets.right, tanU, margin);
  const down = freeSpan(lens.height, lens.insets.bottom, lens.insets.top, tanV, margin);
  const xs = corners.map(([x, , z]) => [x, z] as const);
  const ys = corners.map(([, y, z]) => [y, z] as const);

  // The nearest distance at which both axes fit: fitting only gets easier further away
  const nearest = Math.max(...corners.map((c) => c[2]));
  const size = Math.max(1e-9, ...corners.map((c) => Math.hypot(c[0], c[1], c[2])));
  const fits = (d: number) => shift(xs, across, d) !== null && shift(ys, down, d) !== null;
  let lo = nearest + size * 1e-6;
  let hi = lo + size;
  while (!fits(hi)) hi = lo + (hi - lo) * 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  const a = shift(xs, across, hi)!;
  const b = shift(ys, down, hi)!;

  const target = center.clone().addScaledVector(right, a).addScaledVector(up, b);
  return { position: target.clone().addScaledVector(dir, hi), target };
}

/** Tangents of the view a free region spans along one axis, shrunk about its middle by margin. */
function freeSpan(
  px: number,
  startInset: number,
  endInset: number,
  tan: number,
  margin: number,
): readonly [number, number] {
  let lo = -1 + (2 * startInset) / px;
  let hi = 1 - (2 * endInset) / px;
  // Panels that leave no room: frame in the whole canvas
  if (hi - lo < 0.05) [lo, hi] = [-1, 1];
  const mid = (lo + hi) / 2;
  const half = (hi - lo) / 2 / (1 + 2 * margin);
  return [(mid - half) * tan, (mid + half) * tan];
}

/**
 * Where the camera may stand sideways (one axis) so that every point, given as (offset, depth
 * towards the camera), falls inside the span at distance d: the middle of that range, or null.
 */
function shift(
  points: readonly (readonly [number, number])[],
  [lo, hi]: readonly [number, number],
  d: number,
): number | null {
  // A point at offset x and depth d - z shows where lo <= (x - s) / (d - z) <= hi
  let min = -Infinity;
  let max = Infinity;
  for (const [x, z] of points) {
    min = Math.max(min, x - hi * (d - z));
    max = Math.min(max, x - lo * (d - z));
  }
  return min <= max ? (min + max) / 2 : null;
}

/**
 * Pixels of the canvas that the page's panels cover on each side: every element marked
 * `data-inset="left"` (or right, top, bottom) counts, the one reaching furthest in wins.
 */
export function measureInsets(canvas: HTMLElement): Insets {
  const c = canvas.getBoundingClientRect();
  const rects = (side: string) =>
    [...document.querySelectorAll(`[data-inset="${side}"]`)].map((e) => e.getBoundingClientRect());
  const most = (side: string, px: (r: DOMRect) => number) => Math.max(0, ...rects(side).map(px));
  return {
    left: most('left', (r) => r.right - c.left),
    right: most('right', (r) => c.right - r.left),
    top: most('top', (r) => r.bottom - c.top),
    bottom: most('bottom', (r) => c.bottom - r.top),
  };
}
