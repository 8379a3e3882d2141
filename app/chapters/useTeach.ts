/**
 * Starts the learning side: loads the chapters, opens the one the URL names (`?chapter=<id>`, or
 * `?chapter=reading`; store/url.ts writes the parameter back) or says in the link notice that
 * there is no such chapter, follows new runs, and exposes `window.__glassboxTeach` for
 * end-to-end tests.
 */
import { useEffect } from 'react';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { fill } from '../run/texts.ts';
import { loadChapters } from './load.ts';

/** The URL parameter, and its value for the further-reading page. */
export const CHAPTER_PARAM = 'chapter';
export const READING = 'reading';

/**
 * The chapter the page was opened with, read when this module loads: before the app's own URL
 * sync rewrites the address bar.
 */
const INITIAL_CHAPTER =
  typeof window === 'undefined'
    ? null
    : new URLSearchParams(window.location.search).get(CHAPTER_PARAM);

/** What tests read of the learning side. */
export interface TeachHook {
  chapter: () => { id: string | null; page: string; open: boolean; highlight: string[] };
  /** Row `index` of a step's output (all of it for a 1-D tensor), as plain numbers. */
  row: (name: string, index: number) => number[] | null;
}

declare global {
  interface Window {
    __glassboxTeach?: TeachHook;
  }
}

/** Adds "no such chapter" to the link's notice; the rest of the link is shown as asked. */
function noteUnknownChapter(id: string): void {
  const { notice, texts, setNotice } = useStore.getState();
  if (!texts) return;
  const line = fill(texts.ui.badChapter, { chapter: id });
  setNotice(notice ? `${notice} ${line}` : line);
}

export function useTeach(base: string, run: RunResult): void {
  // Load once, then open what the URL asks for
  useEffect(() => {
    let live = true;
    loadChapters(base)
      .then((book) => {
        if (!live) return;
        const { setBook, openChapter, openReading } = useStore.getState();
        setBook(book);
        const wanted = INITIAL_CHAPTER;
        if (wanted === READING) openReading();
        else if (wanted && book.byId.has(wanted)) openChapter(wanted);
        else if (wanted) noteUnknownChapter(wanted);
      })
      .catch((e: unknown) => console.error('glassbox: chapters', e));
    return () => {
      live = false;
    };
  }, [base]);

  // A new run: the reader's token stays in range (the prompt's last one at first); chapters re-aim
  useEffect(() => {
    const { selectedToken, setSelectedToken, learnOpen, chapterId, page, openChapter } =
      useStore.getState();
    const n = run.trace.tokens.length;
    setSelectedToken(selectedToken > 0 ? Math.min(selectedToken, n - 1) : run.promptLength - 1);
    if (learnOpen && chapterId && page === 'chapter') openChapter(chapterId);

    window.__glassboxTeach = {
      chapter: () => {
        const s = useStore.getState();
        return { id: s.chapterId, page: s.page, open: s.learnOpen, highlight: [...s.highlight] };
      },
      row: (name, index) => {
        const t = useStore.getState().run?.trace.steps.find((st) => st.name === name)?.output;
        if (!t) return null;
        const cols = t.shape.length === 1 ? t.data.length : t.data.length / t.shape[0];
        const at = t.shape.length === 1 ? 0 : index * cols;
        return Array.from(t.data.subarray(at, at + cols));
      },
    };
  }, [run]);
}
