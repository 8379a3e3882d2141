/**
 * The table of contents: every chapter in reading order, then the further-reading page.
 */
import { useRef } from 'react';
import { label } from './teachText.ts';
import type { ChapterBook } from './load.ts';
import { useStore } from '../store/index.ts';

export function Contents({ book }: { book: ChapterBook }) {
  const current = useStore((s) => (s.page === 'reading' ? 'reading' : s.chapterId));
  const openChapter = useStore((s) => s.openChapter);
  const openReading = useStore((s) => s.openReading);
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => details.current?.removeAttribute('open');

  return (
    <details className="toc" ref={details}>
      <summary>{label(book.text, 'contents')}</summary>
      <nav aria-label={label(book.text, 'contents')}>
        <ol>
          {book.order.map((id) => (
            <li key={id}>
              <button
                type="button"
                aria-current={id === current ? 'page' : undefined}
                onClick={() => {
                  openChapter(id);
                  close();
                }}
              >
                {book.byId.get(id)?.title}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="reading-link"
          aria-current={current === 'reading' ? 'page' : undefined}
          onClick={() => {
            openReading();
            close();
          }}
        >
          {label(book.text, 'reading')}
        </button>
      </nav>
    </details>
  );
}
