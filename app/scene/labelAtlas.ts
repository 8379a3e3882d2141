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
  /** Fades out when the camera comes so near that the text would fill the view (row titles). */
  readonly fadeNear?: boolean;
}

/** Where a label sits in the atlas, in pixels. */
export interface AtlasPlace {
  readonly x: number;
  readonly y: number;
  readonly w: number;
}

/** The quads' vertex data: 4 corners a label, 2 triangles a quad. */
export interface LabelQuads {
  readonly position: Float32Array; // (labels, 4, xyz)
  readonly uv: Float32Array; // (labels, 4, uv)
  /** The label's world height where it fades when near, 0 where it never fades. */
  readonly fadeHeight: Float32Array; // (labels, 4)
  readonly index: Uint32Array; // (labels, 6)
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

  const quads = labelQuads(labels, places, height);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(quads.position, 3));
  geometry.setAttribute('uv', new BufferAttribute(quads.uv, 2));
  geometry.setAttribute(FADE_ATTRIBUTE, new BufferAttribute(quads.fadeHeight, 1));
  geometry.setIndex(new BufferAttribute(quads.index, 1));
  geometry.computeBoundingSphere();

  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearMipmapLinearFilter;
  texture.magFilter = LinearFilter;
  texture.anisotropy = 4;
  return { geometry, texture };
}

/** Name of the per-vertex attribute that holds a fading label's world height. */
export const FADE_ATTRIBUTE = 'fadeHeight';

/**
 * One quad per label, as wide in world units as its text is in the atlas (`places`, in an atlas
 * `atlasHeight` pixels tall).
 */
export function labelQuads(
  labels: readonly LabelSpec[],
  places: readonly AtlasPlace[],
  atlasHeight: number,
): LabelQuads {
  const position = new Float32Array(labels.length * 4 * 3); // (labels, 4 corners, xyz)
  const uv = new Float32Array(labels.length * 4 * 2); // (labels, 4 corners, uv)
  const fadeHeight = new Float32Array(labels.length * 4); // (labels, 4 corners)
  const index = new Uint32Array(labels.length * 6); // (labels, 2 triangles × 3)
  labels.forEach((l, i) => {
    const p = places[i];
    // As tall as the layout's line, narrowed (with its height) if the font runs wider
    const fit = Math.min(1, l.rect.width / (((p.w - 2 * PAD_PX) / ATLAS_LINE_PX) * l.rect.height));
    const h = l.rect.height * fit;
    const w = (p.w / ATLAS_LINE_PX) * h;
    const x0 = l.rect.x - (PAD_PX / ATLAS_LINE_PX) * h;
    const y0 = l.rect.y;
    position.set([x0, y0, 0, x0 + w, y0, 0, x0 + w, y0 + h, 0, x0, y0 + h, 0], i * 12);
    const u0 = p.x / ATLAS_WIDTH;
    const u1 = (p.x + p.w) / ATLAS_WIDTH;
    const v0 = 1 - (p.y + ATLAS_LINE_PX) / atlasHeight;
    const v1 = 1 - p.y / atlasHeight;
    uv.set([u0, v0, u1, v0, u1, v1, u0, v1], i * 8);
    fadeHeight.fill(l.fadeNear ? h : 0, i * 4, i * 4 + 4);
    const c = i * 4;
    index.set([c, c + 1, c + 2, c, c + 2, c + 3], i * 6);
  });
  return { position, uv, fadeHeight, index };
}
