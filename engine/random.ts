/**
 * A seeded random generator, so that the same seed gives the same weights bit for bit.
 * mulberry32 for uniforms (32-bit state, fast, good enough for init and data sampling) and
 * Box-Muller for normals.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

/** A generator seeded with a 32-bit integer. */
export function makeRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | null = null;

  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // Box-Muller: two uniforms give two independent normals; keep one for the next call.
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  return { uniform, normal, int: (n) => Math.floor(uniform() * n) };
}
