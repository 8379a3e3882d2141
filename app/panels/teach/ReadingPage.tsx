/**
 * Further reading: assets/reading.md, rendered.
 */
import { useMemo } from 'react';
import { renderMarkdown } from '../../chapters/markdown.ts';

export function ReadingPage({ markdown }: { markdown: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  return (
    <article
      className="chapter-text reading"
      data-testid="reading"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
