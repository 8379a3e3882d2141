/**
 * Camera framing: where the camera stands to take in a box from a given direction.
 */
import { Vector3 } from 'three';
import type { Box } from './layout.ts';

/** The first view looks from the front, a little from the right and from above (radians). */
export const HOME_AZIMUTH = 0.42;
export const HOME_POLAR = 1.32;
/** Room left around a framed box, as a share of its size. */
export const FRAME_MARGIN = 0.12;

/** A camera position and the point it looks at. */
export interface Shot {
  readonly position: Vector3;
  readonly target: Vector3;
}

/**
 * The shot that fits a box in view.
 * @param fov vertical field of view in degrees; aspect width / height of the viewport
 */
export function frameBox(
  box: Box,
  azimuth: number,
  polar: number,
  fov: number,
  aspect: number,
): Shot {
  const target = new Vector3(
    (box.min[0] + box.max[0]) / 2,
    (box.min[1] + box.max[1]) / 2,
    (box.min[2] + box.max[2]) / 2,
  );
  const w = (box.max[0] - box.min[0]) * (1 + 2 * FRAME_MARGIN);
  const h = (box.max[1] - box.min[1]) * (1 + 2 * FRAME_MARGIN);
  const tanHalf = Math.tan((fov * Math.PI) / 360);
  // Seen at an angle, the box's width shrinks by cos(azimuth); its depth is negligible
  const fitH = h / 2 / tanHalf;
  const fitW = (w * Math.abs(Math.cos(azimuth))) / 2 / (tanHalf * aspect);
  const distance = Math.max(fitH, fitW);
  const dir = new Vector3().setFromSphericalCoords(1, polar, azimuth);
  return { position: target.clone().addScaledVector(dir, distance), target };
}
