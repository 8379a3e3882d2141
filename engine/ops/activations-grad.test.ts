import { describe, expect, it } from 'vitest';
import { geluBackward, geluTanhBackward } from './activations-grad.ts';
import { geluExact, geluTanh } from './activations.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

// The engine's scalar GELUs run in float64, so the check is float64 central differences of
// L = sum(gelu(x) * R) through them. Tolerance 1e-7 relative (observed ~1e-10).
describe.each([
  ['exact', geluExact, geluBackward],
  ['tanh', geluTanh, geluTanhBackward],
] as const)('%s GELU backward', (_name, f, backward) => {
  const x = Float64Array.from([...randomF64(20, 1, 2), 0, -7, 7]); // includes the tails
  const r = randomF64(x.length, 2);

  it('matches finite differences of the engine forward', () => {
    const dx = new Float64Array(x.length);
    backward(x, r, dx);
    const err = relError(
      dx,
      numericGrad(() => dot(x.map(f), r), x),
    );
    console.log(`gelu ${_name} grad rel. error`, err);
    expect(err).toBeLessThan(1e-7);
  });

  it('has slope 1/2 at zero, 0 far left and 1 far right', () => {
    const dx = new Float64Array(3);
    backward(Float64Array.of(0, -10, 10), Float64Array.of(1, 1, 1), dx);
    expect(dx[0]).toBeCloseTo(0.5, 12);
    expect(dx[1]).toBeCloseTo(0, 12);
    expect(dx[2]).toBeCloseTo(1, 12);
  });
});
