/**
 * The 3D view: a canvas that renders only when something changes (frameloop "demand").
 */
import { Canvas } from '@react-three/fiber';
import type { RunResult } from '../store/run.ts';
import { Blocks } from './Blocks.tsx';
import { CameraRig } from './CameraRig.tsx';
import { Labels } from './Labels.tsx';
import { Picking } from './Picking.tsx';
import { Spine } from './Spine.tsx';
import { TestHook } from './TestHook.tsx';

/** Background: near black with a little blue, so that dark cells still read as cells. */
const BACKGROUND = '#0a0d13';
/** Vertical field of view, degrees: narrow, so that blocks far away keep their shape. */
const FOV = 35;

export interface SceneCanvasProps {
  run: RunResult;
}

export function SceneCanvas({ run }: SceneCanvasProps) {
  return (
    <Canvas
      frameloop="demand"
      dpr={[1, 2]}
      camera={{ fov: FOV, position: [0, 0, 100] }}
      gl={{ antialias: true }}
      aria-label="3D view of the model"
    >
      <color attach="background" args={[BACKGROUND]} />
      <Spine layout={run.layout} />
      <Blocks run={run} />
      <Labels layout={run.layout} />
      <Picking run={run} />
      <CameraRig layout={run.layout} trace={run.trace} />
      <TestHook layout={run.layout} />
    </Canvas>
  );
}
