/**
 * Teach slice: the guided chapters and teaching panels. Which chapter is open, the reader's token
 * and layer, the sampling settings, and what the chapter asks of the scene (highlighted blocks,
 * a box for the camera). The chapter texts are small and immutable: held by reference.
 */
import type { StateCreator } from 'zustand';
import type { ChapterBook } from '../chapters/load.ts';
import { chapterView } from '../chapters/navigate.ts';
import type { Box } from '../scene/layout.ts';
import type { PlaybackSlice } from './playback.ts';
import type { RunSlice } from './run.ts';
import type { ViewSlice } from './view.ts';

/** What the left panel shows while learning: a chapter or the further-reading page. */
export type LearnPage = 'chapter' | 'reading';

export interface TeachSlice {
  learnOpen: boolean;
  book: ChapterBook | null;
  page: LearnPage;
  chapterId: string | null;
  /** The teaching panel beside the chapter is shown. */
  drawerOpen: boolean;
  /** Position whose row the panels and the scene follow. */
  selectedToken: number;
  /** Block the block-internals chapters look at. */
  layer: number;
  temperature: number;
  /** Top-k for sampling; 0 keeps every token. */
  topK: number;
  seed: number;
  /** The architectures-at-scale view replaces the scene. */
  scaleView: boolean;
  /** Scene block ids the open chapter highlights. */
  highlight: ReadonlySet<string>;
  /** Box for the camera (null: the whole model); `frameCount` bumps ask the rig to go there. */
  frameBox: Box | null;
  frameCount: number;
  setBook: (book: ChapterBook) => void;
  setLearnOpen: (open: boolean) => void;
  openChapter: (id: string) => void;
  openReading: () => void;
  setDrawerOpen: (open: boolean) => void;
  setSelectedToken: (pos: number) => void;
  setLayer: (layer: number) => void;
  setSampling: (s: Partial<Pick<TeachSlice, 'temperature' | 'topK' | 'seed'>>) => void;
  setScaleView: (on: boolean) => void;
  /** Asks the camera to frame the open chapter again (after the panels' layout changed). */
  requestFrame: () => void;
}

const NONE: ReadonlySet<string> = new Set();

export const createTeachSlice: StateCreator<
  TeachSlice & RunSlice & PlaybackSlice & ViewSlice,
  [],
  [],
  TeachSlice
> = (set, get) => ({
  learnOpen: false,
  book: null,
  page: 'chapter',
  chapterId: null,
  drawerOpen: true,
  selectedToken: 0,
  layer: 0,
  temperature: 1,
  topK: 0,
  seed: 0,
  scaleView: false,
  highlight: NONE,
  frameBox: null,
  frameCount: 0,
  setBook: (book) => set({ book }),
  // The chapters take the left of the page: the output panel folds away while learning, so that
  // the scene keeps room, and comes back after
  setLearnOpen: (learnOpen) =>
    set({
      learnOpen,
      panelOpen: { ...get().panelOpen, right: !learnOpen },
      ...(learnOpen ? {} : { highlight: NONE }),
    }),
  openChapter: (id) => {
    const { book, run, layer, setStep } = get();
    const chapter = book?.byId.get(id);
    if (!chapter || !run) return;
    const view = chapterView(chapter, run, layer);
    if (view.step !== null) setStep(view.step);
    set({
      ...(get().learnOpen ? {} : { panelOpen: { ...get().panelOpen, right: false } }),
      learnOpen: true,
      page: 'chapter',
      chapterId: id,
      highlight: view.highlight,
      frameBox: view.box,
      playing: false,
    });
  },
  openReading: () =>
    set({
      ...(get().learnOpen ? {} : { panelOpen: { ...get().panelOpen, right: false } }),
      learnOpen: true,
      page: 'reading',
      highlight: NONE,
      frameBox: null,
    }),
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
  setSelectedToken: (selectedToken) => set({ selectedToken }),
  setLayer: (layer) => {
    set({ layer });
    const { chapterId, page, openChapter } = get();
    if (chapterId && page === 'chapter') openChapter(chapterId);
  },
  setSampling: (s) => set(s),
  setScaleView: (scaleView) => set({ scaleView }),
  requestFrame: () => set({ frameCount: get().frameCount + 1 }),
});
