/**
 * Every tensor block of the scene: one mesh, one material, one draw call each. Textures are
 * made once per run; moving along the timeline only changes each block's state uniform.
 */
import { useEffect, useMemo } from 'react';
import { BoxGeometry } from 'three';
import { useThree } from '@react-three/fiber';
import type { ThreeEvent } from '@react-three/fiber';
import { INPUT_IDS } from '../../engine/trace.ts';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { makeBlockLook, setBlockState, type BlockLook } from './blockMaterial.ts';
import { blockColors } from './cells.ts';
import type { SceneBlock } from './layout.ts';
import { subscribeMarks } from './marks.ts';
import { blockState, readsByStep } from './timeline.ts';
import { elementAt } from './pointerCell.ts';

/** Pointer travel (pixels) between press and release beyond which a click is a drag. */
const CLICK_SLOP_PX = 4;

/** A unit cube, scaled to each block's size. */
const UNIT_BOX = new BoxGeometry(1, 1, 1);

export interface BlocksProps {
  run: RunResult;
}

/** The values a block shows. */
function valuesOf(run: RunResult, b: SceneBlock): Float32Array {
  if (b.id === INPUT_IDS) return Float32Array.from(run.trace.tokens);
  if (b.step !== null) return run.trace.steps[b.step].output.data;
  const w = run.model.weights.get(b.id);
  if (!w) throw new Error(`glassbox: the model has no weight '${b.id}'`);
  return w.data;
}

export function Blocks({ run }: BlocksProps) {
  const invalidate = useThree((s) => s.invalidate);
  const looks = useMemo(
    () =>
      run.layout.blocks.map((b): BlockLook => {
        const rgba = blockColors(valuesOf(run, b), b.grid, b.role); // (height, width, 4)
        return makeBlockLook(rgba, b.grid, b.role);
      }),
    [run],
  );
  const reads = useMemo(() => readsByStep(run.layout, run.trace), [run]);

  // Free the GPU copies when the run changes
  useEffect(
    () => () => {
      for (const l of looks) {
        l.texture.dispose();
        l.material.dispose();
      }
    },
    [looks],
  );

  // Follow the timeline: set each block's state, then ask for one frame
  useEffect(() => {
    const apply = (step: number) => {
      let changed = false;
      if (!reads[step]) return;
      run.layout.blocks.forEach((b, i) => {
        changed = setBlockState(looks[i], blockState(b, step, reads[step])) || changed;
      });
      if (changed) invalidate();
    };
    apply(useStore.getState().step);
    return useStore.subscribe((s, prev) => {
      // A new run's blocks follow it once React has drawn them; these stay as they are
      if (s.run === run && s.step !== prev.step) apply(s.step);
    });
  }, [run, looks, reads, invalidate]);

  // Chapter marks: highlighted blocks and the selected token's row
  useEffect(() => subscribeMarks(run, looks, invalidate), [run, looks, invalidate]);

  const setHovered = useStore((s) => s.setHovered);
  const setSelected = useStore((s) => s.setSelected);
  const setHoverCell = useStore((s) => s.setHoverCell);
  const pick = (id: string) => (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    // A drag that orbits the camera is not a click on the block it ends over
    if (e.delta > CLICK_SLOP_PX) return;
    setSelected(id);
  };
  // The tensor element under the pointer (the hover tip and its provenance)
  const point = (b: SceneBlock) => (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const flat = e.uv && e.face ? elementAt(b, e.uv.x, e.uv.y, e.face.normal.z) : null;
    setHoverCell(flat === null ? null : { id: b.id, flat });
  };

  return (
    <group>
      {run.layout.blocks.map((b, i) => (
        <mesh
          key={b.id}
          name={b.id}
          geometry={UNIT_BOX}
          material={looks[i].material}
          position={[
            (b.box.min[0] + b.box.max[0]) / 2,
            (b.box.min[1] + b.box.max[1]) / 2,
            (b.box.min[2] + b.box.max[2]) / 2,
          ]}
          scale={[
            b.box.max[0] - b.box.min[0],
            b.box.max[1] - b.box.min[1],
            b.box.max[2] - b.box.min[2],
          ]}
          onClick={pick(b.id)}
          onPointerOver={(e) => {
            e.stopPropagation();
            setHovered(b.id);
          }}
          onPointerMove={point(b)}
          onPointerOut={() => {
            setHovered(null);
            setHoverCell(null);
          }}
        />
      ))}
    </group>
  );
}
