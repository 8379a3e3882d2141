/**
 * The material of one block: its cells from a data texture, and its state on the timeline.
 * One draw call per block: the whole slab (faces and sides) is one mesh with this shader.
 *
 * States: EMPTY (not yet written: dim, no values), SHOWN (written earlier, or a weight),
 * READ (read by the current step: outlined), CURRENT (written by the current step: glows).
 */
import {
  DataTexture,
  NearestFilter,
  RGBAFormat,
  ShaderMaterial,
  UnsignedByteType,
  Vector2,
  Vector3,
} from 'three';
import type { CellGrid } from './grid.ts';
import type { BlockRole } from './layout.ts';

export const EMPTY = 0;
export const SHOWN = 1;
export const READ = 2;
export const CURRENT = 3;
export type BlockState = typeof EMPTY | typeof SHOWN | typeof READ | typeof CURRENT;

/** Colour of an empty block's face and of each family's edges (sRGB, 0..1). */
const EMPTY_RGB: Record<BlockRole, [number, number, number]> = {
  weight: [0.1, 0.12, 0.16],
  input: [0.12, 0.12, 0.16],
  activation: [0.1, 0.1, 0.12],
};
/**
 * Brightness of a block's cells at rest (SHOWN): weights step back so that the activations, the
 * data flowing through, read first at a distance; a weight the current step reads lights fully.
 */
const REST_BRIGHTNESS: Record<BlockRole, number> = { weight: 0.62, input: 1, activation: 1 };
const EDGE_RGB: Record<BlockRole, [number, number, number]> = {
  weight: [0.3, 0.45, 0.6],
  input: [0.7, 0.7, 0.8],
  activation: [0.55, 0.42, 0.3],
};

const vertexShader = /* glsl */ `
varying vec2 vUv;
varying vec3 vNormal;
void main() {
  vUv = uv;
  vNormal = normal;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}
`;

const fragmentShader = /* glsl */ `
const vec3 HIGHLIGHT_RGB = vec3(0.45, 1.0, 0.6);
uniform sampler2D uMap;
uniform vec2 uCells;
uniform float uState;
uniform vec3 uEmpty;
uniform vec3 uEdge;
uniform float uHighlight;
uniform float uRow;
uniform float uRest;
varying vec2 vUv;
varying vec3 vNormal;

void main() {
  // Sides of the slab: a flat edge colour, brighter when the block is read or written now
  if (abs(vNormal.z) < 0.5) {
    float lift = uState > 2.5 ? 1.8 : uState > 1.5 ? 1.3 : uState < 0.5 ? 0.5 : 0.8;
    gl_FragColor = vec4(uHighlight > 0.5 ? HIGHLIGHT_RGB : uEdge * lift, 1.0);
    return;
  }

  // Cell coordinates, top row first (the texture's first row), mirrored on the back face
  vec2 uv = vec2(vNormal.z > 0.0 ? vUv.x : 1.0 - vUv.x, 1.0 - vUv.y);
  vec4 cell = texture2D(uMap, uv);
  if (cell.a < 0.5) discard;
  vec2 p = uv * uCells;
  vec2 w = fwidth(p);

  vec3 col = uState < 0.5 ? uEmpty : cell.rgb;
  if (uState > 0.5 && uState < 1.5) col *= uRest;
  if (uState > 2.5) col = col * 1.25 + 0.06;

  // Thin dark lines between cells, fading out when cells get smaller than a few pixels
  vec2 f = abs(fract(p) - 0.5);
  vec2 line = smoothstep(0.5 - w, vec2(0.5), f);
  float grid = max(line.x, line.y) * clamp(1.0 - max(w.x, w.y) * 4.0, 0.0, 1.0);
  col *= 1.0 - 0.5 * grid;

  // A chosen token's row stands out; the block's other rows dim
  if (uRow >= 0.0) col = abs(floor(p.y) - uRow) < 0.5 ? col * 1.2 + 0.1 : col * 0.45;

  // An outline a few pixels wide: white for the step's output, the edge colour when read
  vec2 fromEdge = min(p, uCells - p) / max(w, vec2(1e-6));
  float px = min(fromEdge.x, fromEdge.y);
  float rimWidth = uState > 2.5 ? 4.0 : uState > 1.5 ? 3.0 : 1.0;
  float rim = 1.0 - smoothstep(rimWidth - 1.0, rimWidth, px);
  vec3 rimCol = uState > 2.5 ? vec3(1.0, 0.95, 0.75) : uState > 1.5 ? vec3(0.45, 0.9, 1.0) : uEdge * 0.7;
  // A block a chapter names: a wide rim of its own colour
  if (uHighlight > 0.5) {
    rimWidth = max(rimWidth, 5.0);
    rim = 1.0 - smoothstep(rimWidth - 1.0, rimWidth, px);
    rimCol = HIGHLIGHT_RGB;
  }
  gl_FragColor = vec4(mix(col, rimCol, rim), 1.0);
}
`;

/** A block's texture and material, ready for one mesh. */
export interface BlockLook {
  readonly texture: DataTexture;
  readonly material: ShaderMaterial;
}

/** Makes the texture (from RGBA cells, top row first) and the material of a block. */
export function makeBlockLook(rgba: Uint8Array, grid: CellGrid, role: BlockRole): BlockLook {
  const texture = new DataTexture(rgba, grid.width, grid.height, RGBAFormat, UnsignedByteType);
  texture.magFilter = NearestFilter;
  // Nearest when far too: averaging cells of opposite sign would turn every block grey
  texture.minFilter = NearestFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  const material = new ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      uMap: { value: texture },
      uCells: { value: new Vector2(grid.width, grid.height) },
      uState: { value: SHOWN },
      uEmpty: { value: new Vector3(...EMPTY_RGB[role]) },
      uEdge: { value: new Vector3(...EDGE_RGB[role]) },
      uHighlight: { value: 0 },
      uRow: { value: NO_ROW },
      uRest: { value: REST_BRIGHTNESS[role] },
    },
  });
  return { texture, material };
}

/** uRow when no token row is marked. */
export const NO_ROW = -1;

/**
 * Marks a block for a chapter: highlighted (a green rim) and one cell row brightened (a token's
 * row; NO_ROW for none). Returns whether anything changed.
 */
export function setBlockMarks(look: BlockLook, highlight: boolean, row: number): boolean {
  const u = look.material.uniforms;
  const h = highlight ? 1 : 0;
  if (u.uHighlight.value === h && u.uRow.value === row) return false;
  u.uHighlight.value = h;
  u.uRow.value = row;
  return true;
}

/** Sets a block's state; returns whether it changed. */
export function setBlockState(look: BlockLook, state: BlockState): boolean {
  const u = look.material.uniforms.uState;
  if (u.value === state) return false;
  u.value = state;
  return true;
}
