/**
 * The towers of the scale view: every block of every model in one instanced mesh, the embedding
 * plates in another: two draw calls for GPT-3's 96 layers and all the rest. Names are in the
 * legend beside the view.
 */
import { useLayoutEffect, useRef } from 'react';
import { Color, Matrix4, type InstancedMesh } from 'three';
import type { ScaleLayout, Slab } from './scaleLayout.ts';

/** One colour per tower, from the running model (warm) to GPT-3; the legend uses them too. */
export const TOWER_COLORS = ['#ffb347', '#7ec8ff', '#6fa8ff', '#8f8bff', '#b07bff', '#ff7bd5'];
/** Embedding plates: their tower's colour, this far towards white. */
const PLATE_LIGHTEN = 0.55;
const WHITE = new Color('#ffffff');

export interface ScaleTowersProps {
  layout: ScaleLayout;
}

const matrix = new Matrix4();
const color = new Color();

/** Writes each slab's transform and colour into an instanced mesh. */
function place(mesh: InstancedMesh, slabs: readonly Slab[], lighten: number) {
  slabs.forEach((s, i) => {
    matrix.makeScale(...s.size).setPosition(...s.center);
    mesh.setMatrixAt(i, matrix);
    color.set(TOWER_COLORS[s.model % TOWER_COLORS.length]).lerp(WHITE, lighten);
    mesh.setColorAt(i, color);
  });
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
}

export function ScaleTowers({ layout }: ScaleTowersProps) {
  const blocks = useRef<InstancedMesh>(null);
  const plates = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    if (blocks.current) place(blocks.current, layout.blocks, 0);
    if (plates.current) place(plates.current, layout.embeddings, PLATE_LIGHTEN);
  }, [layout]);

  return (
    <group>
      <instancedMesh ref={blocks} args={[undefined, undefined, layout.blocks.length]}>
        <boxGeometry />
        <meshLambertMaterial />
      </instancedMesh>
      <instancedMesh ref={plates} args={[undefined, undefined, layout.embeddings.length]}>
        <boxGeometry />
        <meshLambertMaterial />
      </instancedMesh>
    </group>
  );
}
