import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { frameBox, type Lens } from './framing.ts';
import type { Box } from './layout.ts';

/** Each corner of a box in normalised device coordinates, seen from a shot. */
function cornersOnScreen(box: Box, lens: Lens, shot: ReturnType<typeof frameBox>) {
  const camera = new PerspectiveCamera(lens.fov, lens.width / lens.height, 1e-3, 1e7);
  camera.position.copy(shot.position);
  camera.lookAt(shot.target);
  camera.updateMatrixWorld();
  const out: Vector3[] = [];
  for (let k = 0; k < 8; k++) {
    const p = new Vector3(
      k & 1 ? box.max[0] : box.min[0],
      k & 2 ? box.max[1] : box.min[1],
      k & 4 ? box.max[2] : box.min[2],
    );
    out.push(p.project(camera));
  }
  return out;
}

/** The free region of a lens in device coordinates. */
function freeRegion({ width: W, height: H, insets: i }: Lens) {
  return {
    left: -1 + (2 * i.left) / W,
    right: 1 - (2 * i.right) / W,
    bottom: -1 + (2 * i.bottom) / H,
    top: 1 - (2 * i.top) / H,
  };
}

const lens: Lens = {
  fov: 45,
  width: 1280,
  height: 720,
  insets: { left: 340, right: 350, top: 80, bottom: 110 },
};

describe('frameBox', () => {
  const cases: [string, Box, number, number][] = [
    ['a wide flat row, head on', { min: [0, 0, -1], max: [400, 20, 0] }, 0, Math.PI / 2],
    ['a wide flat row, from the side', { min: [0, 0, -1], max: [400, 20, 0] }, 0.9, 1.1],
    ['a deep stack, from above right', { min: [0, 0, -1728], max: [12288, 12288, 0] }, 0.5, 1.2],
    ['a deep thin slab', { min: [-5, -5, -300], max: [5, 5, 0] }, 0.3, 1.3],
  ];

  it.each(cases)(
    'keeps every corner of %s inside the free canvas, touching its edges',
    (_, box, az, polar) => {
      const shot = frameBox(box, az, polar, lens, 0);
      const free = freeRegion(lens);
      const ndc = cornersOnScreen(box, lens, shot);
      const eps = 1e-6;
      for (const p of ndc) {
        expect(p.z).toBeLessThan(1); // in front of the camera
        expect(p.x).toBeGreaterThanOrEqual(free.left - eps);
        expect(p.x).toBeLessThanOrEqual(free.right + eps);
        expect(p.y).toBeGreaterThanOrEqual(free.bottom - eps);
        expect(p.y).toBeLessThanOrEqual(free.top + eps);
      }
      // As near as it can be: the box spans the free region along one axis
      const spanX = Math.max(...ndc.map((p) => p.x)) - Math.min(...ndc.map((p) => p.x));
      const spanY = Math.max(...ndc.map((p) => p.y)) - Math.min(...ndc.map((p) => p.y));
      const fill = Math.max(spanX / (free.right - free.left), spanY / (free.top - free.bottom));
      expect(fill).toBeGreaterThan(0.999);
    },
  );

  it('leaves the margin around the box as a share of its size on screen', () => {
    const box: Box = { min: [0, 0, -1], max: [400, 20, 0] };
    const ndc = cornersOnScreen(box, lens, frameBox(box, 0, Math.PI / 2, lens, 0.25));
    const free = freeRegion(lens);
    const spanX = Math.max(...ndc.map((p) => p.x)) - Math.min(...ndc.map((p) => p.x));
    expect(spanX / (free.right - free.left)).toBeCloseTo(1 / 1.5, 2);
    const midX = (Math.max(...ndc.map((p) => p.x)) + Math.min(...ndc.map((p) => p.x))) / 2;
    expect(midX).toBeCloseTo((free.left + free.right) / 2, 2);
  });

  it('frames in the whole canvas when panels leave no room', () => {
    const covered: Lens = { ...lens, insets: { left: 700, right: 700, top: 0, bottom: 0 } };
    const box: Box = { min: [0, 0, -1], max: [100, 100, 0] };
    for (const p of cornersOnScreen(box, covered, frameBox(box, 0.2, 1.4, covered, 0))) {
      expect(Math.abs(p.x)).toBeLessThanOrEqual(1 + 1e-6);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(1 + 1e-6);
    }
  });
});
