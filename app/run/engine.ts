/**
 * The engine as the page calls it: in a Web Worker (engine.worker.ts) when the page has one, so
 * a large model never blocks the page; on this thread where there is none (unit tests in Node).
 * Models load once per page; runs go to the worker one at a time, and a run asked for while
 * another computes is skipped when a newer one has replaced it by the time its turn comes.
 */
import { wrap, type Remote } from 'comlink';
import { InputError } from '../../engine/errors.ts';
import type { EngineApi } from './engine.worker.ts';
import { loadModel, modelIndex } from './load.ts';
import { runSession, sessionOf, type LoadedModel, type Session } from './session.ts';
import { unpackModel } from './transfer.ts';

let remote: Remote<EngineApi> | null = null;

/** The worker, started on first use; null where there are no workers. */
function engineWorker(): Remote<EngineApi> | null {
  if (typeof Worker === 'undefined') return null;
  remote ??= wrap<EngineApi>(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

/** `base` as an absolute URL: the worker's own URL is not the page's. */
const absolute = (base: string): string => new URL(base, globalThis.location?.href).href;

/** Models the page holds, by id. */
const models = new Map<string, Promise<LoadedModel>>();

/**
 * A model by id (null: the index's default), loaded once per page.
 * @throws Error naming the allowed ids for an unknown one
 */
export async function loadOnEngine(base: string, id: string | null): Promise<LoadedModel> {
  const w = engineWorker();
  if (!w) return loadModel(base, id);
  const modelId = id ?? (await modelIndex(base)).default;
  let p = models.get(modelId);
  if (!p) {
    p = w.load(absolute(base), modelId).then(unpackModel);
    models.set(modelId, p);
    p.catch(() => models.delete(modelId));
  }
  return p;
}

/** The run before the next one: runs reach the worker one at a time. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs a person's input through a loaded model, greedy generation and all.
 * @param wanted asked when its turn comes: false skips the run
 * @returns the session, or null when the run was skipped
 * @throws InputError for input the task does not accept
 */
export function runOnEngine(
  base: string,
  loaded: LoadedModel,
  text: string,
  wanted: () => boolean = () => true,
): Promise<Session | null> {
  const w = engineWorker();
  const job = async (): Promise<Session | null> => {
    if (!wanted()) return null;
    if (!w) return runSession(loaded, text);
    const reply = await w.run(absolute(base), loaded.id, text);
    if ('inputError' in reply) throw new InputError(reply.inputError);
    return sessionOf(loaded, reply.generated);
  };
  const p = queue.then(job, job);
  queue = p.catch(() => undefined);
  return p;
}
