/**
 * The "Learn" toggle: opens the guided chapters where the reader left off (the first chapter at
 * first), or closes them.
 */
import { useStore } from '../store/index.ts';
import { label } from './teachText.ts';

export function LearnButton() {
  const book = useStore((s) => s.book);
  const open = useStore((s) => s.learnOpen);
  const chapterId = useStore((s) => s.chapterId);
  const setLearnOpen = useStore((s) => s.setLearnOpen);
  const openChapter = useStore((s) => s.openChapter);
  if (!book) return null;
  const toggle = () => (open ? setLearnOpen(false) : openChapter(chapterId ?? book.order[0]));
  return (
    <button
      type="button"
      className="learn-toggle"
      aria-pressed={open}
      onClick={toggle}
      title={label(book.text, 'learnTitle')}
    >
      {label(book.text, 'learn')}
    </button>
  );
}
