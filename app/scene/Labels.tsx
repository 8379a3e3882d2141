/**
 * Every block's name and shape, and the row titles: one mesh, one draw call.
 */
import { useEffect, useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { MeshBasicMaterial } from 'three';
import { useStore } from '../store/index.ts';
import { fill, type UiText } from '../run/texts.ts';
import {
  GLYPH_ASPECT,
  type LabelRect,
  type RowKind,
  type RowTitle,
  type SceneLayout,
} from './layout.ts';
import { buildLabelMesh, type LabelSpec } from './labelAtlas.ts';
import { patchLabelFade, type FadeUniforms } from './labelFade.ts';

/** UI text key of each row kind's title. */
const TITLE_KEYS: Record<RowKind, string> = {
  embedding: 'rowEmbedding',
  attention: 'rowAttention',
  mlp: 'rowMlp',
  output: 'rowOutput',
};

/** A row title's rectangle, as wide as its text, ending at the title's right edge. */
function titleRect(t: RowTitle, ui: UiText | undefined): LabelRect {
  const template = ui?.[TITLE_KEYS[t.kind]] ?? t.kind;
  const text = fill(template, { layer: t.layer ?? '' });
  const width = text.length * GLYPH_ASPECT * t.height;
  return { text, x: t.right - width, y: t.y, width, height: t.height };
}

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
  const ui = useStore((s) => s.texts?.ui);
  const mesh = useMemo(() => {
    const specs: LabelSpec[] = [
      ...layout.blocks.map((b) => ({ rect: b.label, color: LABEL_COLORS[b.role] })),
      ...layout.titles.map((t) => ({
        rect: titleRect(t, ui),
        color: LABEL_COLORS.title,
        bold: true,
        fadeNear: true,
      })),
    ];
    return buildLabelMesh(specs);
  }, [layout, ui]);

  const fade = useMemo<FadeUniforms>(() => ({ halfHeight: { value: 1 } }), []);
  const material = useMemo(() => {
    const m = new MeshBasicMaterial({
      map: mesh.texture,
      transparent: true,
      depthWrite: false,
      toneMapped: false,
    });
    m.onBeforeCompile = (shader) => patchLabelFade(shader, fade);
    m.customProgramCacheKey = () => 'glassbox-label-fade';
    return m;
  }, [mesh, fade]);

  // Titles fade by their size on screen, so the fade follows the canvas height
  useFrame((state) => {
    fade.halfHeight.value = state.size.height / 2;
  });

  useEffect(
    () => () => {
      mesh.geometry.dispose();
      mesh.texture.dispose();
      material.dispose();
    },
    [mesh, material],
  );

  return <mesh geometry={mesh.geometry} material={material} raycast={() => null} />;
}
