/**
 * The learning side of the page, on the left: the open chapter (or the reading page) and, beside
 * it, the chapter's teaching panel. Its box is a panel inset, so the camera frames the blocks in
 * the canvas area left free.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { ReadingPage } from '../panels/teach/ReadingPage.tsx';
import { TeachDrawer } from '../panels/teach/TeachDrawer.tsx';
import { ChapterPanel } from './ChapterPanel.tsx';
import { Contents } from './Contents.tsx';
import { label } from './teachText.ts';
import './learn.css';

export function LearnPanel({ run }: { run: RunResult }) {
  const book = useStore((s) => s.book);
  const page = useStore((s) => s.page);
  const chapterId = useStore((s) => s.chapterId);
  const layer = useStore((s) => s.layer);
  const drawerOpen = useStore((s) => s.drawerOpen);
  const setLearnOpen = useStore((s) => s.setLearnOpen);
  const requestFrame = useStore((s) => s.requestFrame);
  const chapter = chapterId ? book?.byId.get(chapterId) : undefined;
  const panel = page === 'chapter' && drawerOpen ? (chapter?.panel ?? null) : null;

  // Frame the chapter's blocks (the whole model for the reading page) once the panels have
  // their new size
  useEffect(() => requestFrame(), [chapterId, layer, page, panel, requestFrame]);

  // Each chapter (and the reading page) opens at its top, not where the last one was scrolled to
  const main = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [chapterId, page]);

  if (!book) return null;
  return (
    <div className="learn" data-inset="left">
      <aside ref={main} className="learn-main" aria-label={label(book.text, 'learn')}>
        <div className="learn-head">
          <Contents book={book} />
          <button
            type="button"
            className="close"
            aria-label={label(book.text, 'close')}
            onClick={() => setLearnOpen(false)}
          >
            ×
          </button>
        </div>
        {page === 'reading' ? (
          <ReadingPage markdown={book.reading} />
        ) : (
          chapter && <ChapterPanel run={run} book={book} chapter={chapter} />
        )}
      </aside>
      {panel && <TeachDrawer panel={panel} run={run} text={book.text} />}
    </div>
  );
}
