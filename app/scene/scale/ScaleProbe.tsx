/**
 * `window.__glassboxScale`: the scale view's draw calls and instances, for tests.
 */
import { useEffect } from 'react';
import { addAfterEffect, useThree } from '@react-three/fiber';

export interface ScaleHook {
  drawCalls: number;
  frames: number;
  out: boolean;
}

declare global {
  interface Window {
    __glassboxScale?: ScaleHook;
  }
}

export function ScaleProbe({ out }: { out: boolean }) {
  const get = useThree((s) => s.get);
  useEffect(() => {
    const hook: ScaleHook = { drawCalls: 0, frames: 0, out };
    window.__glassboxScale = hook;
    const stop = addAfterEffect(() => {
      hook.drawCalls = get().gl.info.render.calls;
      hook.frames++;
    });
    return () => {
      stop();
      delete window.__glassboxScale;
    };
  }, [get, out]);
  return null;
}
