/**
 * What pointing and picking show in the scene: an outline around the selected block, the
 * element under the pointer, and the input elements it was computed from (for a matrix product,
 * a row of one operand and a column of the other). Drawn over the blocks, never hit by the ray.
 */
import { useEffect, useMemo } from 'react';
import { EdgesGeometry, PlaneGeometry } from 'three';
import { useThree } from '@react-three/fiber';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { blockTensor } from '../panels/inspect/blockTensor.ts';
import { describeHover } from '../panels/inspect/hover.ts';
import { gridAxes, sliceRects, type Range } from '../panels/inspect/provenance.ts';
import { blockOf, type SceneBlock } from './layout.ts';

const UNIT_PLANE = new PlaneGeometry(1, 1);
const SQUARE_EDGES = new EdgesGeometry(UNIT_PLANE);
const SELECT_COLOR = '#ffd98a';
const HOVER_COLOR = '#ffffff';
const SOURCE_COLOR = '#74e0ff';
/** Opacity of the fill over highlighted cells. */
const FILL_OPACITY = 0.28;
/** Drawn after the blocks, ignoring depth, so highlights are never hidden by their own block. */
const ON_TOP = 10;
const noRaycast = () => null;

interface Mark {
  key: string;
  center: [number, number, number];
  scale: [number, number, number];
  color: string;
}

/** World rectangles over the cells of a block that show a slice of its tensor. */
function marksOf(
  b: SceneBlock,
  axes: readonly string[],
  ranges: readonly Range[],
  color: string,
): Mark[] {
  const ga = gridAxes(axes as never, b.grid.transposed);
  return sliceRects(b.grid, ga, ranges).map((r, i) => ({
    key: `${b.id}:${color}:${i}`,
    center: [
      b.box.min[0] + (r.x0 + r.x1) / 2,
      b.box.max[1] - (r.y0 + r.y1) / 2,
      b.box.max[2] + 0.01,
    ],
    scale: [r.x1 - r.x0, r.y1 - r.y0, 1],
    color,
  }));
}

/** Width of the frame around the selected block, as a share of the label line height. */
const FRAME_SHARE = 0.3;

/** Four bars framing a block just outside its front face. */
function frameBars(b: SceneBlock, w: number) {
  const [x0, y0] = b.box.min;
  const [x1, y1, z] = b.box.max;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const wide = x1 - x0 + 2 * w;
  const tall = y1 - y0 + 2 * w;
  const bar = (x: number, y: number, sx: number, sy: number) => ({
    center: [x, y, z + 0.02] as [number, number, number],
    scale: [sx, sy, 1] as [number, number, number],
  });
  return [
    bar(cx, y1 + w / 2, wide, w),
    bar(cx, y0 - w / 2, wide, w),
    bar(x0 - w / 2, cy, w, tall),
    bar(x1 + w / 2, cy, w, tall),
  ];
}

export interface PickingProps {
  run: RunResult;
}

export function Picking({ run }: PickingProps) {
  const selected = useStore((s) => s.selected);
  const cell = useStore((s) => s.hoverCell);
  const invalidate = useThree((s) => s.invalidate);
  const sel = selected ? blockOf(run.layout, selected) : undefined;

  const marks = useMemo(() => {
    const info = cell ? describeHover(run, cell) : null;
    if (!info) return [];
    const out: Mark[] = [];
    const own = blockTensor(run, info.name);
    if (own)
      out.push(
        ...marksOf(
          own.block,
          own.tensor.axes,
          info.index.map((i) => [i, i + 1]),
          HOVER_COLOR,
        ),
      );
    for (const f of info.from) {
      const src = blockTensor(run, f.name);
      if (src) out.push(...marksOf(src.block, src.tensor.axes, f.ranges, SOURCE_COLOR));
    }
    return out;
  }, [run, cell]);

  useEffect(() => invalidate(), [marks, sel, invalidate]);

  return (
    <group>
      {sel &&
        frameBars(sel, run.layout.unit * FRAME_SHARE).map((bar, i) => (
          <mesh
            key={i}
            geometry={UNIT_PLANE}
            raycast={noRaycast}
            renderOrder={ON_TOP}
            position={bar.center}
            scale={bar.scale}
          >
            <meshBasicMaterial color={SELECT_COLOR} depthTest={false} />
          </mesh>
        ))}
      {marks.map((m) => (
        <group key={m.key} position={m.center} scale={m.scale} renderOrder={ON_TOP}>
          <mesh geometry={UNIT_PLANE} raycast={noRaycast} renderOrder={ON_TOP}>
            <meshBasicMaterial
              color={m.color}
              transparent
              opacity={FILL_OPACITY}
              depthTest={false}
            />
          </mesh>
          <lineSegments geometry={SQUARE_EDGES} raycast={noRaycast} renderOrder={ON_TOP}>
            <lineBasicMaterial color={m.color} depthTest={false} />
          </lineSegments>
        </group>
      ))}
    </group>
  );
}
