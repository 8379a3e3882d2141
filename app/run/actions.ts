/**
 * What a person's choices do: start from the URL, type a new input, pick a generation step,
 * switch models. Each runs the engine (in its worker, never in a render) and hands the new run to
 * the store; while it computes, the status line says what runs and the last good run stays on
 * screen. The newest request wins: a run that a newer one replaced is dropped when it returns.
 * Input the task refuses leaves the last good run on screen with the reason beside the box.
 */
import { InputError } from '../../engine/errors.ts';
import { stepIndexOf } from '../../engine/trace.ts';
import { blockOf } from '../scene/layout.ts';
import { useStore } from '../store/index.ts';
import type { PendingRun } from '../store/run.ts';
import { readUrl, syncUrl } from '../store/url.ts';
import { loadOnEngine, runOnEngine } from './engine.ts';
import { modelIndex } from './load.ts';
import { viewOf, type LoadedModel, type Session } from './session.ts';
import { fill, loadTexts, type Texts } from './texts.ts';
import { inputMessage } from '../panels/io/inputMessage.ts';

/** Files are fetched relative to the page, so the app works from any folder. */
export const BASE = './';

/** Ticket of the newest request. */
let latest = 0;

/** Starts a request: the status line shows it, and every older one is now stale. */
function begin(pending: PendingRun): number {
  useStore.getState().setPending(pending);
  return ++latest;
}

/** Ends a request: the status line clears when no newer one runs. */
function end(ticket: number): void {
  if (ticket === latest) useStore.getState().setPending(null);
}

/** Whether a request is still the newest. */
const isLatest = (ticket: number): boolean => ticket === latest;

/** The session of a model's last generation step, ready to show. */
const lastView = (session: Session) => viewOf(session, session.passes.length - 1);

/**
 * Runs an input, or the model's example when the input is refused (with the reason).
 * @returns null when a newer request replaced this one
 */
async function sessionOrExample(
  loaded: LoadedModel,
  input: string | null,
  wanted: () => boolean,
): Promise<{ session: Session; error: string | null } | null> {
  if (input !== null) {
    try {
      const session = await runOnEngine(BASE, loaded, input, wanted);
      return session && { session, error: null };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const session = await runOnEngine(BASE, loaded, loaded.exampleInput, wanted);
      return session && { session, error: e.message };
    }
  }
  const session = await runOnEngine(BASE, loaded, loaded.exampleInput, wanted);
  return session && { session, error: null };
}

/** Why a link's input was refused, as the box would say it ("got 'ZZ': 2 letters"). */
function linkInputReason(
  message: string,
  loaded: LoadedModel,
  input: string,
  texts: Texts,
): string {
  const rule = loaded.task?.inputRule ?? texts.inspect.labels.inputHelpIds;
  const reason = inputMessage(message, rule, input);
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/**
 * Startup: texts, the model list, the model, input, generation step, timeline step and
 * selection of the URL; then the URL follows the store.
 */
export async function boot(): Promise<void> {
  const store = useStore.getState();
  let ticket = 0;
  try {
    const url = readUrl(window.location.search);
    // The model list first, so that a page whose model fails to load can still offer the others
    const [texts, index] = await Promise.all([loadTexts(BASE), modelIndex(BASE)]);
    store.setModels(index.models);
    store.setTexts(texts);
    ticket = begin({ modelId: url.model ?? index.default, input: url.input });
    const loaded = await loadOnEngine(BASE, url.model);
    const shown = await sessionOrExample(loaded, url.input, () => isLatest(ticket));
    if (!shown) return;
    const { session, error } = shown;
    const passes = session.passes.length;
    const run = viewOf(session, (url.gen ?? passes) - 1);
    store.setRun(run, texts);
    const named = url.step ? stepIndexOf(run.trace, url.step) : -1;
    store.setStepCount(run.trace.steps.length, named >= 0 ? named : undefined);
    const picked = url.select ? blockOf(run.layout, url.select) : undefined;
    if (picked) store.setSelected(picked.id);

    // Parts of the link this model cannot show: say so, and show the rest
    const { ui } = texts;
    const notices = [
      error &&
        fill(ui.badInput, {
          reason: linkInputReason(error, loaded, url.input ?? '', texts),
          example: session.input,
        }),
      url.gen !== null && url.gen > passes && fill(ui.badGen, { gen: url.gen, count: passes }),
      url.step && named < 0 && fill(ui.badStep, { step: url.step }),
      url.select && !picked && fill(ui.badSelect, { select: url.select }),
      url.badGen ? fill(ui.badGenText, { gen: url.badGen }) : null,
    ].filter((n): n is string => typeof n === 'string');
    store.setNotice(notices.length ? notices.join(' ') : null);
    syncUrl(useStore);
  } catch (e) {
    console.error('glassbox:', e);
    store.setError(e instanceof Error ? e.message : String(e));
  } finally {
    end(ticket);
  }
}

/**
 * Reruns the current model on a person's input. Refused input keeps the run shown.
 * @returns whether the input's run is shown (false: refused, failed, or replaced by a newer one)
 */
export async function submitInput(text: string): Promise<boolean> {
  const { run } = useStore.getState();
  if (!run) return false;
  const { loaded } = run.session;
  const ticket = begin({ modelId: loaded.id, input: text });
  try {
    const session = await runOnEngine(BASE, loaded, text, () => isLatest(ticket));
    if (!session || !isLatest(ticket)) return false;
    useStore.getState().showRun(lastView(session));
    return true;
  } catch (e) {
    if (!(e instanceof InputError)) console.error('glassbox:', e);
    if (isLatest(ticket)) useStore.getState().setInputError(messageOf(e));
    return false;
  } finally {
    end(ticket);
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
  const ticket = begin({ modelId: id, input: null });
  try {
    // Back to the model shown: a switch still running is dropped
    if (useStore.getState().run?.modelId === id) return;
    const loaded = await loadOnEngine(BASE, id);
    const wanted = () => isLatest(ticket);
    const session = await runOnEngine(BASE, loaded, loaded.exampleInput, wanted);
    if (!session || !isLatest(ticket)) return;
    useStore.getState().switchRun(lastView(session));
  } catch (e) {
    console.error('glassbox:', e);
    if (isLatest(ticket)) useStore.getState().setInputError(messageOf(e));
  } finally {
    end(ticket);
  }
}

/** What an error says. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
