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
  const { width: W, height: H, insets: i } = lens;
  const freeW = Math.max(1, W - i.left - i.right);
  const freeH = Math.max(1, H - i.top - i.bottom);
  const center = new Vector3(
    (box.min[0] + box.max[0]) / 2,
    (box.min[1] + box.max[1]) / 2,
    (box.min[2] + box.max[2]) / 2,
  );
  const w = (box.max[0] - box.min[0]) * (1 + 2 * margin);
  const h = (box.max[1] - box.min[1]) * (1 + 2 * margin);
  const tanHalf = Math.tan((lens.fov * Math.PI) / 360);

  // Distance at which the box fills the free region: seen at an angle its width shrinks by
  // cos(azimuth) and its height by sin(polar)
  const fitH = ((h * Math.sin(polar)) / 2 / tanHalf) * (H / freeH);
  const fitW = ((w * Math.abs(Math.cos(azimuth))) / 2 / (tanHalf * (W / H))) * (W / freeW);
  const distance = Math.max(fitH, fitW);

  // Look past the box's centre so that it lands in the middle of the free region
  const dir = new Vector3().setFromSphericalCoords(1, polar, azimuth);
  const right = new Vector3().crossVectors(WORLD_UP, dir).normalize();
  const up = new Vector3().crossVectors(dir, right);
  const worldPerPx = (2 * distance * tanHalf) / H;
  const target = center
    .clone()
    .addScaledVector(right, -((i.left - i.right) / 2) * worldPerPx)
    .addScaledVector(up, ((i.top - i.bottom) / 2) * worldPerPx);
  return { position: target.clone().addScaledVector(dir, distance), target };
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
