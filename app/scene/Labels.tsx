/**
 * Every block's name and shape, and the layer titles: one mesh, one draw call.
 */
import { useEffect, useMemo } from 'react';
import type { SceneLayout } from './layout.ts';
import { buildLabelMesh, type LabelSpec } from './labelAtlas.ts';

/** Label colours (CSS): weights cool, activations warm, titles bright. */
const LABEL_COLORS = {
  weight: '#9ec3e6',
  activation: '#f0d2b0',
  input: '#e6e6f0',
  title: '#ffffff',
};

export interface LabelsProps {
  layout: SceneLayout;
}

export function Labels({ layout }: LabelsProps) {
  const mesh = useMemo(() => {
    const specs: LabelSpec[] = [
      ...layout.blocks.map((b) => ({ rect: b.label, color: LABEL_COLORS[b.role] })),
      ...layout.titles.map((t) => ({ rect: t, color: LABEL_COLORS.title, bold: true })),
    ];
    return buildLabelMesh(specs);
  }, [layout]);

  useEffect(
    () => () => {
      mesh.geometry.dispose();
      mesh.texture.dispose();
    },
    [mesh],
  );

  return (
    <mesh geometry={mesh.geometry} raycast={() => null}>
      <meshBasicMaterial map={mesh.texture} transparent depthWrite={false} toneMapped={false} />
    </mesh>
  );
}
