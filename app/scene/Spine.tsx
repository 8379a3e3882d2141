/**
 * The residual stream: a bar behind the spine blocks, from the embeddings' sum down to the
 * final LayerNorm.
 */
import type { SceneLayout } from './layout.ts';

/** Bar width as a share of the label line height. */
const SPINE_WIDTH = 0.5;
/** How far behind the blocks the bar runs, in cells. */
const SPINE_DEPTH = 1;
const SPINE_COLOR = '#39404f';

export interface SpineProps {
  layout: SceneLayout;
}

export function Spine({ layout }: SpineProps) {
  const { x, top, bottom } = layout.spine;
  const h = top - bottom;
  if (h <= 0) return null;
  return (
    <mesh position={[x, (top + bottom) / 2, -SPINE_DEPTH]} raycast={() => null}>
      <boxGeometry args={[layout.unit * SPINE_WIDTH, h, layout.unit * SPINE_WIDTH]} />
      <meshBasicMaterial color={SPINE_COLOR} toneMapped={false} />
    </mesh>
  );
}
