/**
 * A session: one model, one input, and greedy generation over it, each generation step a forward
 * pass with its own trace. `viewOf` turns one generation step into the run the scene draws.
 *
 * Legend: P prompt tokens, A answer tokens (generation steps), V vocabulary.
 */
import { InputError } from '../../engine/errors.ts';
import { checkTokens, type ForwardResult } from '../../engine/model/gpt.ts';
import type { Model } from '../../engine/model/weights.ts';
import type { Task } from '../../engine/train/tasks/index.ts';
import { layoutScene, type SceneLayout } from '../scene/layout.ts';
import type { RunResult } from '../store/run.ts';
import { generate } from './greedy.ts';

/** A model ready to run, with its task when it was trained on one. */
export interface LoadedModel {
  /** Shipped model id, or e.g. `random-gpt2` for random weights of a preset. */
  readonly id: string;
  readonly name: string;
  readonly model: Model;
  /** Token strings in id order. */
  readonly vocab: readonly string[];
  /** The task it was trained on; null for random weights (the input is then token ids). */
  readonly task: Task | null;
  /** A valid input text. */
  readonly exampleInput: string;
}

/** Tokens generated after a prompt of a model with no task. */
export const FREE_ANSWER_LENGTH = 1;

export interface Session {
  readonly loaded: LoadedModel;
  /** The input as the task writes it (letters, or token ids with spaces). */
  readonly input: string;
  readonly prompt: readonly number[];
  /** Greedy answer (A). */
  readonly answer: readonly number[];
  /** The task's right answer, null without a task. */
  readonly expected: readonly number[] | null;
  readonly correct: boolean | null;
  /** One forward pass per generation step (A). */
  readonly passes: readonly ForwardResult[];
}

/** Prompt ids from a person's text. @throws InputError saying what is allowed */
export function parsePrompt(loaded: LoadedModel, text: string): number[] {
  if (loaded.task) return loaded.task.parseInput(text);
  const parts = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const ids = parts.map(Number);
  const bad = parts.findIndex((p, i) => !/^\d+$/.test(p) || !Number.isInteger(ids[i]));
  if (bad >= 0) {
    throw new InputError(`Type token ids separated by spaces ('${parts[bad]}' is not an id)`);
  }
  const room = loaded.model.config.blockSize - FREE_ANSWER_LENGTH + 1;
  if (ids.length > room) throw new InputError(`Type at most ${room} token ids`);
  checkTokens(loaded.model, ids);
  return ids;
}

/** What the engine computes for one input: the prompt ids, the greedy answer and every pass. */
export interface Generated {
  /** Prompt ids (P). */
  readonly prompt: readonly number[];
  /** Greedy answer (A). */
  readonly answer: readonly number[];
  /** One forward pass per generation step (A). */
  readonly passes: readonly ForwardResult[];
}

/**
 * Parses the input and runs greedy generation, one pass per answer token: the engine's part of
 * a session (the one the worker runs).
 * @throws InputError for input the task does not accept
 */
export function generateFor(loaded: LoadedModel, text: string): Generated {
  const prompt = parsePrompt(loaded, text);
  const n = loaded.task?.answerLength ?? FREE_ANSWER_LENGTH;
  const { answer, passes } = generate(loaded.model, prompt, n);
  return { prompt, answer, passes };
}

/** The session of what the engine computed: the input as the task writes it, and the verdict. */
export function sessionOf(loaded: LoadedModel, { prompt, answer, passes }: Generated): Session {
  const { task } = loaded;
  return {
    loaded,
    input: task ? task.format(prompt) : prompt.join(' '),
    prompt,
    answer,
    expected: task ? task.expected(prompt) : null,
    correct: task ? task.check(prompt, answer) : null,
    passes,
  };
}

/**
 * Parses the input and runs greedy generation on this thread.
 * @throws InputError for input the task does not accept
 */
export function runSession(loaded: LoadedModel, text: string): Session {
  return sessionOf(loaded, generateFor(loaded, text));
}

/** Layouts by trace: switching back to a generation step reuses its layout. */
const layouts = new WeakMap<object, SceneLayout>();

/** The run the scene shows for generation step `gen` (0-based, clamped to the session). */
export function viewOf(session: Session, gen: number): RunResult {
  const g = Math.max(0, Math.min(session.passes.length - 1, Math.round(gen)));
  const { trace } = session.passes[g];
  let layout = layouts.get(trace);
  if (!layout) {
    layout = layoutScene(trace, session.loaded.model.weights);
    layouts.set(trace, layout);
  }
  const { loaded } = session;
  return {
    modelId: loaded.id,
    modelName: loaded.name,
    model: loaded.model,
    vocab: loaded.vocab,
    promptLength: session.prompt.length,
    trace,
    layout,
    session,
    gen: g,
  };
}
