/**
 * `window.__glassboxScale`: the scale view's draw calls and instances, for tests.
 */
import { useEffect } from 'react';
import { addAfterEffect, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import type { ScaleLayout } from './scaleLayout.ts';

export interface ScaleHook {
  drawCalls: number;
  frames: number;
  out: boolean;
  /** Per tower, in the layout's order: every corner of its box lies inside the canvas. */
  towersInView: () => boolean[];
}

declare global {
  interface Window {
    __glassboxScale?: ScaleHook;
  }
}

const corner = new Vector3();

export function ScaleProbe({ out, layout }: { out: boolean; layout: ScaleLayout }) {
  const get = useThree((s) => s.get);
  useEffect(() => {
    const towersInView = () =>
      layout.towers.map(({ box }) => {
        const { camera } = get();
        for (let k = 0; k < 8; k++) {
          corner.set(
            k & 1 ? box.max[0] : box.min[0],
            k & 2 ? box.max[1] : box.min[1],
            k & 4 ? box.max[2] : box.min[2],
          );
          corner.project(camera);
          if (Math.abs(corner.x) > 1 || Math.abs(corner.y) > 1 || corner.z > 1) return false;
        }
        return true;
      });
    const hook: ScaleHook = { drawCalls: 0, frames: 0, out, towersInView };
    window.__glassboxScale = hook;
    const stop = addAfterEffect(() => {
      hook.drawCalls = get().gl.info.render.calls;
      hook.frames++;
    });
    return () => {
      stop();
      delete window.__glassboxScale;
    };
  }, [get, out, layout]);
  return null;
}
