/**
 * `window.__glassbox`: what end-to-end tests and the scene benchmark read. The current step,
 * where each block is on screen, draw calls of the last frame, and when the model was first
 * drawn. It only reads state; people and tests drive the app through its controls.
 */
import { useEffect } from 'react';
import { addAfterEffect, useThree } from '@react-three/fiber';
import { Vector3 } from 'three';
import { useStore } from '../store/index.ts';
import type { SceneLayout } from './layout.ts';
import { stepIndexOf } from '../../engine/trace.ts';
import { blockTensor } from '../panels/inspect/blockTensor.ts';

/** A block's projected centre in page pixels; onScreen when it lies inside the canvas. */
export interface ScreenPoint {
  x: number;
  y: number;
  onScreen: boolean;
}

export interface GlassboxHook {
  /** The model is drawn: the first frame with every block has been rendered. */
  ready: boolean;
  /** performance.now() of that first frame. */
  firstFrameMs: number | null;
  /** Frames rendered so far (frameloop "demand": only when something changed). */
  frames: number;
  /** Draw calls and triangles of the last frame (renderer.info.render). */
  drawCalls: number;
  triangles: number;
  blockCount: number;
  step: () => { index: number; name: string; count: number };
  /** Index of the step with a given name, -1 when there is none. */
  stepIndexOf: (name: string) => number;
  /** Projected block centres, by block id (step name, weight name or input_ids). */
  blocks: () => Record<string, ScreenPoint>;
  camera: () => { position: number[]; target: number[] };
  /**
   * The engine's tensor behind a block (step name, weight name or input_ids) as plain numbers,
   * for the generation step shown; null when there is none.
   */
  tensor: (name: string) => { shape: number[]; data: number[] } | null;
  /** The generation step shown (from 1) and how many there are. */
  generation: () => { index: number; count: number; tokens: number[] };
}

declare global {
  interface Window {
    __glassbox?: GlassboxHook;
  }
}

const scratch = new Vector3();

export interface TestHookProps {
  layout: SceneLayout;
}

export function TestHook({ layout }: TestHookProps) {
  const get = useThree((s) => s.get);

  useEffect(() => {
    const hook: GlassboxHook = {
      ready: false,
      firstFrameMs: null,
      frames: 0,
      drawCalls: 0,
      triangles: 0,
      blockCount: layout.blocks.length,
      step: () => {
        const s = useStore.getState();
        const name = s.run?.trace.steps[s.step]?.name ?? '';
        return { index: s.step, name, count: s.stepCount };
      },
      stepIndexOf: (name) => {
        const trace = useStore.getState().run?.trace;
        return trace ? stepIndexOf(trace, name) : -1;
      },
      blocks: () => {
        const { camera, gl } = get();
        const rect = gl.domElement.getBoundingClientRect();
        const out: Record<string, ScreenPoint> = {};
        for (const b of layout.blocks) {
          scratch.set(
            (b.box.min[0] + b.box.max[0]) / 2,
            (b.box.min[1] + b.box.max[1]) / 2,
            b.box.max[2],
          );
          scratch.project(camera);
          const x = rect.left + ((scratch.x + 1) / 2) * rect.width;
          const y = rect.top + ((1 - scratch.y) / 2) * rect.height;
          const onScreen = Math.abs(scratch.x) <= 1 && Math.abs(scratch.y) <= 1 && scratch.z < 1;
          out[b.id] = { x, y, onScreen };
        }
        return out;
      },
      camera: () => {
        const { camera, controls } = get();
        const target = new Vector3();
        (controls as { getTarget?: (v: Vector3) => Vector3 } | null)?.getTarget?.(target);
        return { position: camera.position.toArray(), target: target.toArray() };
      },
      tensor: (name) => {
        const run = useStore.getState().run;
        const bt = run ? blockTensor(run, name) : undefined;
        return bt ? { shape: [...bt.tensor.shape], data: Array.from(bt.tensor.data) } : null;
      },
      generation: () => {
        const run = useStore.getState().run;
        if (!run) return { index: 0, count: 0, tokens: [] };
        const { gen, session, trace } = run;
        return { index: gen + 1, count: session.passes.length, tokens: [...trace.tokens] };
      },
    };
    window.__glassbox = hook;
    const stop = addAfterEffect(() => {
      const info = get().gl.info.render;
      hook.frames++;
      hook.drawCalls = info.calls;
      hook.triangles = info.triangles;
      if (!hook.ready) {
        hook.ready = true;
        hook.firstFrameMs = performance.now();
      }
    });
    get().invalidate();
    return () => {
      stop();
      delete window.__glassbox;
    };
  }, [layout, get]);

  return null;
}
