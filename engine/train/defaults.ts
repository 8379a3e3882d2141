/**
 * Training hyper-parameters: the defaults per task, one comment per field. The CLI's flags
 * override single fields; everything the run used is written to the model card.
 */
import type { Activation, PosEncoding } from '../model/config.ts';
import type { TaskName } from './tasks/index.ts';

/** The model's shape; vocabSize and blockSize come from the task. */
export interface ModelShape {
  /** Transformer blocks. */
  readonly nLayer: number;
  /** Attention heads per block. */
  readonly nHead: number;
  /** Residual stream width. */
  readonly nEmbd: number;
  /** Linear layers and LayerNorms carry biases. */
  readonly bias: boolean;
  /** MLP activation. */
  readonly activation: Activation;
  /** Learned or sinusoidal positions. */
  readonly posEncoding: PosEncoding;
  /** The LM head shares wte. */
  readonly tiedLmHead: boolean;
}

export interface TrainSettings {
  /** The model trained. */
  readonly model: ModelShape;
  /** Optimiser steps. */
  readonly steps: number;
  /** Sequences per step. */
  readonly batchSize: number;
  /** Peak learning rate, reached after warm-up. */
  readonly lr: number;
  /** Learning rate at the end of the cosine decay. */
  readonly minLr: number;
  /** Steps of linear warm-up. */
  readonly warmupSteps: number;
  /** AdamW decoupled weight decay on 2D weights. */
  readonly weightDecay: number;
  /** AdamW first-moment decay. */
  readonly beta1: number;
  /** AdamW second-moment decay. */
  readonly beta2: number;
  /** AdamW denominator epsilon. */
  readonly eps: number;
  /** Global gradient-norm clip (0: none). */
  readonly gradClip: number;
  /** Steps between evaluations (and one at the end). */
  readonly evalEvery: number;
  /** Prompts per split in the periodic evaluations (a fixed seeded sample). */
  readonly evalPrompts: number;
  /** Seed of the initial weights and of the data order. */
  readonly seed: number;
}

/** minGPT's gpt-nano shape (3 layers, 3 heads, 48 wide) with nanoGPT's defaults around it. */
const NANO: ModelShape = {
  nLayer: 3,
  nHead: 3,
  nEmbd: 48,
  bias: true,
  activation: 'gelu_tanh',
  posEncoding: 'learned',
  tiedLmHead: false,
};

/** Optimiser settings shared by the tasks (nanoGPT: betas 0.9 / 0.95, clip 1.0, decay 0.1). */
const COMMON = {
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-8,
  weightDecay: 0.1,
  gradClip: 1.0,
  evalPrompts: 256,
  seed: 1337,
} as const;

export const TRAIN_DEFAULTS: Record<TaskName, TrainSettings> = {
  sort: {
    ...COMMON,
    model: NANO,
    steps: 600,
    batchSize: 32,
    lr: 2e-3,
    minLr: 2e-4,
    warmupSteps: 60,
    evalEvery: 100,
  },
  reverse: {
    ...COMMON,
    model: { ...NANO, nLayer: 2, nHead: 2 },
    steps: 600,
    batchSize: 32,
    lr: 2e-3,
    minLr: 2e-4,
    warmupSteps: 60,
    evalEvery: 100,
  },
};
