/**
 * The view in the URL: model, input, generation step, timeline step and selected block, so
 * that a pasted link restores the same view. Parsing and writing are pure; `syncUrl` keeps the
 * address bar up to date with the store.
 *
 *   ?model=sort&input=CABBCA&gen=6&step=blocks.1.attn.hook_pattern&select=blocks.1.attn.hook_pattern
 *
 * `gen` counts from 1 (the person's count); `step` and `select` are names, not indices, so
 * that links survive a change of the step order.
 */
import type { AppState } from './index.ts';

export interface UrlState {
  readonly model: string | null;
  readonly input: string | null;
  /** Generation step, from 1. */
  readonly gen: number | null;
  /** Name of the timeline step. */
  readonly step: string | null;
  /** Id of the selected block. */
  readonly select: string | null;
  /** Open guided chapter id, or `reading` (absent when the chapters are closed). */
  readonly chapter?: string;
  /** A `gen` given but not a whole number from 1 (read only, never written). */
  readonly badGen?: string;
}

/** Parameter order in a written link. */
const KEYS = ['model', 'input', 'gen', 'step', 'select', 'chapter'] as const;

/** Reads the view from a query string; unknown or malformed parameters read as null. */
export function readUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const text = (k: string) => q.get(k) || null;
  const gen = Number(q.get('gen'));
  const genOk = Number.isInteger(gen) && gen >= 1;
  return {
    model: text('model'),
    input: text('input'),
    gen: genOk ? gen : null,
    badGen: !genOk && q.get('gen') ? (q.get('gen') ?? undefined) : undefined,
    step: text('step'),
    select: text('select'),
    chapter: text('chapter') ?? undefined,
  };
}

/** The query string for a view (null fields left out), '' when empty. */
export function writeUrl(state: UrlState): string {
  const q = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v !== null && v !== undefined) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The view a store state shows. */
export function urlStateOf(s: AppState): UrlState | null {
  if (!s.run) return null;
  return {
    model: s.run.modelId,
    input: s.run.session.input,
    gen: s.run.gen + 1,
    step: s.run.trace.steps[s.step]?.name ?? null,
    select: s.selected,
    chapter: s.learnOpen
      ? s.page === 'reading'
        ? 'reading'
        : (s.chapterId ?? undefined)
      : undefined,
  };
}

/** Longest wait before the address bar follows the store (browsers throttle replaceState). */
export const URL_DELAY_MS = 150;

/**
 * Keeps the address bar in step with the store (replaceState, so Back leaves the page as usual).
 * @returns a function that stops following
 */
export function syncUrl(store: {
  getState: () => AppState;
  subscribe: (f: (s: AppState) => void) => () => void;
}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const state = urlStateOf(store.getState());
    if (!state) return;
    const search = writeUrl(state);
    if (search !== window.location.search) {
      window.history.replaceState(null, '', `${window.location.pathname}${search}`);
    }
  };
  // Write at once, then at most once per URL_DELAY_MS (a last write catches what came between),
  // so that the address bar never shows a step behind while playing
  let last = 0;
  const stop = store.subscribe(() => {
    if (timer !== null) return;
    const wait = last + URL_DELAY_MS - Date.now();
    if (wait <= 0) {
      last = Date.now();
      write();
    } else {
      timer = setTimeout(() => {
        last = Date.now();
        write();
      }, wait);
    }
  });
  write();
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
