/**
 * What crosses between the engine worker and the page. Models cross once, as copies the worker
 * hands over (the worker keeps its own to run); forward passes cross by transfer, never copied.
 * A task is code, so it crosses by name and each side looks it up.
 */
import type { ForwardResult } from '../../engine/model/gpt.ts';
import type { Model } from '../../engine/model/weights.ts';
import type { Tensor } from '../../engine/tensor.ts';
import { TASKS, type TaskName } from '../../engine/train/tasks/index.ts';
import type { LoadedModel } from './session.ts';

/** A loaded model without its task, which it names instead. */
export interface ModelPack extends Omit<LoadedModel, 'task'> {
  readonly taskName: TaskName | null;
}

/** A pack and the buffers to transfer with it. */
export interface Packed<T> {
  readonly value: T;
  readonly transfer: ArrayBuffer[];
}

/** The name a task is registered under. @throws Error for a task the registry does not hold */
function taskNameOf(loaded: LoadedModel): TaskName | null {
  if (!loaded.task) return null;
  const name = (Object.keys(TASKS) as TaskName[]).find((n) => TASKS[n] === loaded.task);
  if (!name) throw new Error(`glassbox: model '${loaded.id}' has a task the registry lacks`);
  return name;
}

/**
 * A copy of a model to hand over, whose weight buffers can be transferred. Weights that share a
 * tensor (a tied LM head) share the copy.
 */
export function packModel(loaded: LoadedModel): Packed<ModelPack> {
  const copies = new Map<Tensor, Tensor>();
  const weights = new Map<string, Tensor>();
  for (const [name, w] of loaded.model.weights) {
    let copy = copies.get(w);
    if (!copy) {
      copy = { data: w.data.slice(), shape: w.shape, axes: w.axes };
      copies.set(w, copy);
    }
    weights.set(name, copy);
  }
  const model: Model = { config: loaded.model.config, weights };
  const { id, name, vocab, exampleInput } = loaded;
  return {
    value: { id, name, model, vocab, exampleInput, taskName: taskNameOf(loaded) },
    transfer: [...copies.values()].map((t) => t.data.buffer as ArrayBuffer),
  };
}

/** The loaded model a pack stands for, with its task looked up. */
export function unpackModel(pack: ModelPack): LoadedModel {
  const { taskName, ...rest } = pack;
  return { ...rest, task: taskName ? TASKS[taskName] : null };
}

/**
 * The buffers of forward passes that can be transferred: each once, and none that a weight
 * uses (a step whose output is a view of a weight is copied instead, so the model stays whole).
 */
export function passBuffers(passes: readonly ForwardResult[], model: Model): ArrayBuffer[] {
  const weights = new Set<ArrayBufferLike>();
  for (const w of model.weights.values()) weights.add(w.data.buffer);
  const out = new Set<ArrayBuffer>();
  const add = (t: Tensor) => {
    const b = t.data.buffer;
    if (!weights.has(b) && b instanceof ArrayBuffer) out.add(b);
  };
  for (const p of passes) {
    add(p.logits);
    add(p.probs);
    for (const s of p.trace.steps) add(s.output);
  }
  return [...out];
}
