/**
 * AdamW with decoupled weight decay, global-norm gradient clipping, and the learning-rate
 * schedule (linear warm-up, then cosine decay to a floor), as nanoGPT trains.
 *
 * Dimension legend:
 *   n   elements of one parameter tensor (any shape, flattened)
 *
 * Parameters are updated in place. Weight decay applies to tensors of rank 2 or more (linear
 * weights and embeddings) and not to biases or LayerNorm gains, nanoGPT's configure_optimizers rule.
 */
import type { Tensor } from '../tensor.ts';

/** AdamW settings (PyTorch torch.optim.AdamW semantics). */
export interface AdamWSettings {
  /** First-moment decay. */
  readonly beta1: number;
  /** Second-moment decay. */
  readonly beta2: number;
  /** Added to sqrt(v) so a silent parameter does not divide by zero. */
  readonly eps: number;
  /** Decoupled decay rate, multiplied by the learning rate each step. */
  readonly weightDecay: number;
}

/** An AdamW optimizer over a fixed set of named parameters. */
export interface AdamW {
  /** Steps taken so far. */
  readonly steps: number;
  /** Applies one update with learning rate lr; grads holds one array per parameter name. */
  step(grads: ReadonlyMap<string, Float32Array>, lr: number): void;
}

/**
 * Creates AdamW state (first and second moments, zero) for the named parameters.
 * @param params tensors updated in place, keyed by state_dict name
 */
export function createAdamW(params: ReadonlyMap<string, Tensor>, s: AdamWSettings): AdamW {
  const m = new Map<string, Float32Array>();
  const v = new Map<string, Float32Array>();
  for (const [name, p] of params) {
    m.set(name, new Float32Array(p.data.length)); // (n)
    v.set(name, new Float32Array(p.data.length)); // (n)
  }
  let t = 0;

  const step = (grads: ReadonlyMap<string, Float32Array>, lr: number): void => {
    t++;
    const c1 = 1 - s.beta1 ** t;
    const c2 = 1 - s.beta2 ** t;
    for (const [name, p] of params) {
      const g = grads.get(name);
      if (!g) throw new Error(`AdamW: no gradient for parameter '${name}'`);
      const w = p.data;
      const mi = m.get(name)!;
      const vi = v.get(name)!;
      const decay = p.shape.length >= 2 ? 1 - lr * s.weightDecay : 1;
      for (let i = 0; i < w.length; i++) {
        // moments, then the bias-corrected step, after the decoupled decay
        mi[i] = s.beta1 * mi[i] + (1 - s.beta1) * g[i];
        vi[i] = s.beta2 * vi[i] + (1 - s.beta2) * g[i] * g[i];
        const mHat = mi[i] / c1;
        const vHat = vi[i] / c2;
        w[i] = w[i] * decay - (lr * mHat) / (Math.sqrt(vHat) + s.eps);
      }
    }
  };

  return {
    get steps() {
      return t;
    },
    step,
  };
}

/** Added to the norm before dividing (torch.nn.utils.clip_grad_norm_ uses 1e-6). */
const CLIP_EPS = 1e-6;

/**
 * Scales every gradient so their global L2 norm is at most maxNorm (no change when already
 * below). @returns the norm before clipping
 */
export function clipGradNorm(grads: ReadonlyMap<string, Float32Array>, maxNorm: number): number {
  let sq = 0;
  for (const g of grads.values()) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
  const norm = Math.sqrt(sq);
  if (norm > maxNorm) {
    const k = maxNorm / (norm + CLIP_EPS);
    for (const g of grads.values()) for (let i = 0; i < g.length; i++) g[i] *= k;
  }
  return norm;
}

/** Learning-rate schedule settings. */
export interface ScheduleSettings {
  /** Peak learning rate, reached at the end of warm-up. */
  readonly lr: number;
  /** Floor the cosine decays to. */
  readonly minLr: number;
  /** Steps of linear warm-up from lr / (warmupSteps + 1). */
  readonly warmupSteps: number;
  /** Step at which the cosine reaches minLr (it stays there after). */
  readonly decaySteps: number;
}

/** The learning rate at step (from 0): linear warm-up, then cosine decay to minLr. */
export function learningRate(step: number, s: ScheduleSettings): number {
  if (step < s.warmupSteps) return (s.lr * (step + 1)) / (s.warmupSteps + 1);
  if (step >= s.decaySteps) return s.minLr;
  const ratio = (step - s.warmupSteps) / (s.decaySteps - s.warmupSteps);
  const coeff = 0.5 * (1 + Math.cos(Math.PI * ratio)); // from 1 down to 0
  return s.minLr + coeff * (s.lr - s.minLr);
}
