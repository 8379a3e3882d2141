/**
 * What a person's choices do: start from the URL, type a new input, pick a generation step,
 * switch models. Each runs the engine (never in a render) and hands the new run to the store;
 * input the task refuses leaves the last good run on screen with the reason beside the box.
 */
import { InputError } from '../../engine/errors.ts';
import { useStore } from '../store/index.ts';
import { readUrl, syncUrl } from '../store/url.ts';
import { loadModel, modelIndex } from './load.ts';
import { runSession, viewOf, type LoadedModel, type Session } from './session.ts';
import { fill, loadTexts } from './texts.ts';

/** Files are fetched relative to the page, so the app works from any folder. */
export const BASE = './';

/** Runs an input, or the model's example when the input is refused (with the reason). */
function sessionOrExample(
  loaded: LoadedModel,
  input: string | null,
): { session: Session; error: string | null } {
  if (input !== null) {
    try {
      return { session: runSession(loaded, input), error: null };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { session: runSession(loaded, loaded.exampleInput), error: e.message };
    }
  }
  return { session: runSession(loaded, loaded.exampleInput), error: null };
}

/**
 * Startup: texts, the model list, the model, input, generation step, timeline step and
 * selection of the URL; then the URL follows the store.
 */
export async function boot(): Promise<void> {
  const store = useStore.getState();
  try {
    const url = readUrl(window.location.search);
    // The model list first, so that a page whose model fails to load can still offer the others
    const [texts, index] = await Promise.all([loadTexts(BASE), modelIndex(BASE)]);
    store.setModels(index.models);
    store.setTexts(texts);
    const loaded = await loadModel(BASE, url.model);
    const { session, error } = sessionOrExample(loaded, url.input);
    const passes = session.passes.length;
    const run = viewOf(session, (url.gen ?? passes) - 1);
    store.setRun(run, texts);
    store.setInputError(error);
    const named = url.step ? run.trace.steps.findIndex((s) => s.name === url.step) : -1;
    store.setStepCount(run.trace.steps.length, named >= 0 ? named : undefined);
    if (url.select && run.layout.byId.has(url.select)) store.setSelected(url.select);

    // Parts of the link this model cannot show: say so, and show the rest
    const { ui } = texts;
    const notices = [
      url.gen !== null && url.gen > passes && fill(ui.badGen, { gen: url.gen, count: passes }),
      url.step && named < 0 && fill(ui.badStep, { step: url.step }),
      url.select && !run.layout.byId.has(url.select) && fill(ui.badSelect, { select: url.select }),
      url.badGen ? fill(ui.badGenText, { gen: url.badGen }) : null,
    ].filter((n): n is string => typeof n === 'string');
    store.setNotice(notices.length ? notices.join(' ') : null);
    syncUrl(useStore);
  } catch (e) {
    console.error('glassbox:', e);
    store.setError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Reruns the current model on a person's input. Refused input keeps the run shown.
 * @returns whether the input was accepted
 */
export function submitInput(text: string): boolean {
  const s = useStore.getState();
  if (!s.run) return false;
  try {
    const session = runSession(s.run.session.loaded, text);
    s.showRun(viewOf(session, session.passes.length - 1));
    return true;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    s.setInputError(e.message);
    return false;
  }
}

/** Shows generation step `gen` (0-based); the timeline step stays. */
export function chooseGeneration(gen: number): void {
  const s = useStore.getState();
  if (!s.run || gen === s.run.gen) return;
  s.showRun(viewOf(s.run.session, gen));
}

/** Switches to another model with its example input; the timeline starts over. */
export async function chooseModel(id: string): Promise<void> {
  const s = useStore.getState();
  if (s.run?.modelId === id) return;
  s.setBusy(true);
  try {
    const loaded = await loadModel(BASE, id);
    const session = runSession(loaded, loaded.exampleInput);
    const run = viewOf(session, session.passes.length - 1);
    useStore.getState().switchRun(run);
  } catch (e) {
    console.error('glassbox:', e);
    useStore.getState().setInputError(e instanceof Error ? e.message : String(e));
  } finally {
    useStore.getState().setBusy(false);
  }
}
