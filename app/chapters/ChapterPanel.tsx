/**
 * One guided chapter: its Markdown with live numbers from the running model, the reader's block
 * and token, and previous / next.
 */
import { useMemo } from 'react';
import { fill } from '../run/texts.ts';
import { useStore } from '../store/index.ts';
import type { RunResult } from '../store/run.ts';
import { TokenPicker, tokenStrings } from '../panels/teach/TokenPicker.tsx';
import type { ChapterBook } from './load.ts';
import { renderMarkdown } from './markdown.ts';
import { neighbours, type Chapter } from './parse.ts';
import { fillTemplate } from './template.ts';
import { label } from './teachText.ts';

export interface ChapterPanelProps {
  run: RunResult;
  book: ChapterBook;
  chapter: Chapter;
}

/** Whether a chapter's names follow the reader's layer. */
const usesLayer = (c: Chapter) =>
  [...c.steps, c.focus ?? '', ...c.highlight].some((n) => n.includes('{l}'));

export function ChapterPanel({ run, book, chapter }: ChapterPanelProps) {
  const token = useStore((s) => s.selectedToken);
  const layer = useStore((s) => s.layer);
  const setLayer = useStore((s) => s.setLayer);
  const openChapter = useStore((s) => s.openChapter);
  const drawerOpen = useStore((s) => s.drawerOpen);
  const setDrawerOpen = useStore((s) => s.setDrawerOpen);
  const t = book.text;
  const { config } = run.model;

  const filled = useMemo(() => {
    const ctx = {
      trace: run.trace,
      tokenStrings: tokenStrings(run),
      selectedToken: token,
      config,
      layer,
      vocab: run.vocab,
    };
    const { text, problems } = fillTemplate(chapter.body, ctx);
    if (problems.length) console.warn('glassbox: chapter', chapter.id, problems);
    return { html: renderMarkdown(text), problems: problems.length };
  }, [run, chapter, token, layer, config]);
  const { prev, next } = neighbours(book.order, chapter.id);
  const n = book.order.indexOf(chapter.id) + 1;

  return (
    <section className="chapter" data-testid="chapter" data-chapter={chapter.id}>
      <div className="chapter-bar">
        {usesLayer(chapter) && (
          <label>
            {label(t, 'layer')}{' '}
            <select value={layer} onChange={(e) => setLayer(Number(e.target.value))}>
              {Array.from({ length: config.nLayer }, (_, l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        )}
        {chapter.panel && (
          <button
            type="button"
            aria-pressed={drawerOpen}
            onClick={() => setDrawerOpen(!drawerOpen)}
          >
            {label(t, drawerOpen ? 'hidePanel' : 'showPanel')}
          </button>
        )}
      </div>
      <TokenPicker run={run} label={label(t, 'token')} />
      <article className="chapter-text" dangerouslySetInnerHTML={{ __html: filled.html }} />
      {filled.problems > 0 && <p className="note">{label(t, 'problems')}</p>}
      <footer className="chapter-nav">
        <button
          type="button"
          disabled={!prev}
          onClick={() => prev && openChapter(prev)}
          title={prev ? book.byId.get(prev)?.title : undefined}
        >
          ← {label(t, 'previous')}
        </button>
        <span>{fill(label(t, 'chapterOf'), { n, count: book.order.length })}</span>
        <button
          type="button"
          disabled={!next}
          onClick={() => next && openChapter(next)}
          title={next ? book.byId.get(next)?.title : undefined}
        >
          {label(t, 'next')} →
        </button>
      </footer>
    </section>
  );
}
