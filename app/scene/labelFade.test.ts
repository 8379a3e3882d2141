import { describe, expect, it } from 'vitest';
import { ShaderLib } from 'three';
import { FADE_ATTRIBUTE, labelQuads, type LabelSpec } from './labelAtlas.ts';
import { FADE_END_PX, FADE_START_PX, labelOpacity, patchLabelFade } from './labelFade.ts';

describe('row titles fading when near', () => {
  // A 60° vertical field of view: projection[1][1] = 1 / tan(30°)
  const projY = 1 / Math.tan(Math.PI / 6);
  const halfHeight = 360;
  const depthFor = (px: number, h: number) => (h * projY * halfHeight) / px;

  it('draws a title in full while it is small on screen and hides it once it fills the view', () => {
    expect(labelOpacity(10, depthFor(FADE_START_PX / 2, 10), projY, halfHeight)).toBe(1);
    expect(labelOpacity(10, depthFor(FADE_START_PX, 10), projY, halfHeight)).toBeCloseTo(1, 9);
    expect(labelOpacity(10, depthFor(FADE_END_PX, 10), projY, halfHeight)).toBeCloseTo(0, 9);
    expect(labelOpacity(10, depthFor(FADE_END_PX * 3, 10), projY, halfHeight)).toBe(0);
    const mid = labelOpacity(
      10,
      depthFor((FADE_START_PX + FADE_END_PX) / 2, 10),
      projY,
      halfHeight,
    );
    expect(mid).toBeCloseTo(0.5, 9);
  });

  it('never fades a label whose fade height is zero, however near', () => {
    expect(labelOpacity(0, 0.001, projY, halfHeight)).toBe(1);
  });

  it('gives only the fading labels their world height, on all four corners', () => {
    const labels: LabelSpec[] = [
      { rect: { text: 'wte', x: 0, y: 0, width: 6, height: 2 }, color: '#fff' },
      {
        rect: { text: 'Block 0', x: -40, y: 5, width: 70, height: 16 },
        color: '#fff',
        fadeNear: true,
      },
    ];
    const places = [
      { x: 0, y: 0, w: 3 * 19 + 8 },
      { x: 65, y: 0, w: 7 * 19 + 8 },
    ];
    const quads = labelQuads(labels, places, 32);
    expect(Array.from(quads.fadeHeight.slice(0, 4))).toEqual([0, 0, 0, 0]);
    const titleTop = quads.position[4 * 3 + 2 * 3 + 1];
    const titleBottom = quads.position[4 * 3 + 1];
    const h = titleTop - titleBottom;
    expect(h).toBeGreaterThan(0);
    expect(Array.from(quads.fadeHeight.slice(4, 8))).toEqual([h, h, h, h].map(Math.fround));
  });

  it('patches three.js basic material shaders where the fade needs them', () => {
    const shader = {
      uniforms: {} as Record<string, { value: unknown }>,
      vertexShader: ShaderLib.basic.vertexShader,
      fragmentShader: ShaderLib.basic.fragmentShader,
    };
    const uniforms = { halfHeight: { value: 360 } };
    patchLabelFade(shader as never, uniforms);
    expect(shader.uniforms.uHalfHeight).toBe(uniforms.halfHeight);
    expect(shader.vertexShader).toContain(`attribute float ${FADE_ATTRIBUTE};`);
    expect(shader.vertexShader).toContain(`smoothstep(${FADE_START_PX}.0, ${FADE_END_PX}.0`);
    expect(shader.vertexShader.indexOf('vFade =')).toBeGreaterThan(
      shader.vertexShader.indexOf('gl_Position = projectionMatrix * mvPosition'),
    );
    expect(shader.fragmentShader).toContain('diffuseColor.a *= vFade;');
  });
});
