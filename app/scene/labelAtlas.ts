/**
 * Labels in one draw call: every label's text is drawn once into a canvas atlas, and one
 * merged mesh holds a quad per label, each mapped to its text in the atlas.
 */
import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  LinearFilter,
  LinearMipmapLinearFilter,
  SRGBColorSpace,
} from 'three';
import type { LabelRect } from './layout.ts';

/** Pixels per label line in the atlas: sharp when the camera is close. */
export const ATLAS_LINE_PX = 32;
/** Atlas width in pixels; rows are added as needed. */
export const ATLAS_WIDTH = 4096;
const PAD_PX = 4;
const FONT = `${Math.round(ATLAS_LINE_PX * 0.8)}px ui-monospace, "DejaVu Sans Mono", Menlo, monospace`;

/** A label to draw, with its colour (CSS). */
export interface LabelSpec {
  readonly rect: LabelRect;
  readonly color: string;
  /** Bold for layer titles. */
  readonly bold?: boolean;
}

/** The atlas texture and the merged quads (z = 0 plane, facing +z). */
export interface LabelMesh {
  readonly geometry: BufferGeometry;
  readonly texture: CanvasTexture;
}

/** Draws the labels into an atlas and builds their quads. */
export function buildLabelMesh(labels: readonly LabelSpec[]): LabelMesh {
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('glassbox: no 2D canvas for the labels');
  const fontOf = (l: LabelSpec) => (l.bold ? `bold ${FONT}` : FONT);

  // Shelf packing: labels left to right, a new row when one is full
  const places: { x: number; y: number; w: number }[] = [];
  let x = 0;
  let y = 0;
  for (const l of labels) {
    measure.font = fontOf(l);
    const w = Math.ceil(measure.measureText(l.rect.text).width) + PAD_PX * 2;
    if (x + w > ATLAS_WIDTH) {
      x = 0;
      y += ATLAS_LINE_PX;
    }
    places.push({ x, y, w });
    x += w;
  }
  const height = y + ATLAS_LINE_PX;

  const canvas = document.createElement('canvas');
  canvas.width = ATLAS_WIDTH;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('glassbox: no 2D canvas for the labels');
  ctx.textBaseline = 'middle';
  labels.forEach((l, i) => {
    ctx.font = fontOf(l);
    ctx.fillStyle = l.color;
    ctx.fillText(l.rect.text, places[i].x + PAD_PX, places[i].y + ATLAS_LINE_PX / 2);
  });

  // One quad per label, as wide in world units as its text is in the atlas
  const pos = new Float32Array(labels.length * 4 * 3); // (labels, 4 corners, xyz)
  const uv = new Float32Array(labels.length * 4 * 2); // (labels, 4 corners, uv)
  const index = new Uint32Array(labels.length * 6); // (labels, 2 triangles × 3)
  labels.forEach((l, i) => {
    const p = places[i];
    // As tall as the layout's line, narrowed (with its height) if the font runs wider
    const fit = Math.min(1, l.rect.width / (((p.w - 2 * PAD_PX) / ATLAS_LINE_PX) * l.rect.height));
    const h = l.rect.height * fit;
    const w = (p.w / ATLAS_LINE_PX) * h;
    const x0 = l.rect.x - (PAD_PX / ATLAS_LINE_PX) * h;
    const y0 = l.rect.y;
    pos.set([x0, y0, 0, x0 + w, y0, 0, x0 + w, y0 + h, 0, x0, y0 + h, 0], i * 12);
    const u0 = p.x / ATLAS_WIDTH;
    const u1 = (p.x + p.w) / ATLAS_WIDTH;
    const v0 = 1 - (p.y + ATLAS_LINE_PX) / height;
    const v1 = 1 - p.y / height;
    uv.set([u0, v0, u1, v0, u1, v1, u0, v1], i * 8);
    const c = i * 4;
    index.set([c, c + 1, c + 2, c, c + 2, c + 3], i * 6);
  });
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(pos, 3));
  geometry.setAttribute('uv', new BufferAttribute(uv, 2));
  geometry.setIndex(new BufferAttribute(index, 1));
  geometry.computeBoundingSphere();

  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearMipmapLinearFilter;
  texture.magFilter = LinearFilter;
  texture.anisotropy = 4;
  return { geometry, texture };
}
