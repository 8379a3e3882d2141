/**
 * Row titles fade out as the camera comes near: a title tall enough to name a whole row from
 * afar would cover the blocks it names up close, where each block's own label is readable.
 * The fade runs per vertex in the label material's shader; this module holds its constants,
 * the same rule in TypeScript for tests, and the shader patch.
 */
import type { WebGLProgramParametersWithUniforms } from 'three';
import { FADE_ATTRIBUTE } from './labelAtlas.ts';

/** On-screen height (CSS pixels) up to which a title is drawn in full. */
export const FADE_START_PX = 40;
/** On-screen height at which a title has faded out. */
export const FADE_END_PX = 72;

/** The uniform the frame loop keeps at half the canvas height, in CSS pixels. */
export interface FadeUniforms {
  readonly halfHeight: { value: number };
}

/** GLSL's smoothstep. */
function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/**
 * Opacity of a label `worldHeight` tall at clip-space w (the view depth for a perspective
 * camera), through a projection whose [1][1] entry is `projY`, on a canvas `halfHeight` pixels
 * half-tall. A label that never fades has worldHeight 0.
 */
export function labelOpacity(
  worldHeight: number,
  clipW: number,
  projY: number,
  halfHeight: number,
): number {
  const px = ((worldHeight * projY) / Math.max(clipW, 1e-6)) * halfHeight;
  return 1 - smoothstep(FADE_START_PX, FADE_END_PX, px);
}

const GLSL_FLOAT = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Patches a MeshBasicMaterial's shaders (onBeforeCompile) to apply `labelOpacity` per vertex. */
export function patchLabelFade(
  shader: WebGLProgramParametersWithUniforms,
  uniforms: FadeUniforms,
): void {
  shader.uniforms.uHalfHeight = uniforms.halfHeight;
  shader.vertexShader = shader.vertexShader
    .replace(
      '#include <common>',
      `#include <common>\nattribute float ${FADE_ATTRIBUTE};\nuniform float uHalfHeight;\nvarying float vFade;`,
    )
    .replace(
      '#include <project_vertex>',
      `#include <project_vertex>
  float fadePx = ${FADE_ATTRIBUTE} * projectionMatrix[1][1] / max(gl_Position.w, 1e-6) * uHalfHeight;
  vFade = 1.0 - smoothstep(${GLSL_FLOAT(FADE_START_PX)}, ${GLSL_FLOAT(FADE_END_PX)}, fadePx);`,
    );
  shader.fragmentShader = shader.fragmentShader
    .replace('#include <common>', '#include <common>\nvarying float vFade;')
    .replace('#include <map_fragment>', '#include <map_fragment>\n  diffuseColor.a *= vFade;');
}
