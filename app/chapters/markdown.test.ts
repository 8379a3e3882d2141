import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders display math as a KaTeX block outside any paragraph', () => {
    const html = renderMarkdown('Before\n\n$$\\mu = \\frac{1}{C}$$\n\nAfter');
    expect(html).toContain('katex-display');
    expect(html).not.toMatch(/<p>\s*<span class="katex-display/);
    expect(html).toContain('<p>Before</p>');
  });

  it('keeps underscores inside inline math away from Markdown emphasis', () => {
    const html = renderMarkdown('the sum $x_i + y_i$ of rows');
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('<em>');
  });

  it('leaves an escaped dollar as text', () => {
    const html = renderMarkdown('costs \\$5 and \\$6');
    expect(html).not.toContain('katex');
    expect(html).toContain('$5');
  });

  it('opens outside links in a new tab', () => {
    const html = renderMarkdown('[paper](https://arxiv.org/abs/1706.03762)');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('href="https://arxiv.org/abs/1706.03762"');
  });

  it('renders headings, bold and lists', () => {
    const html = renderMarkdown('# Title\n\n**bold**\n\n- a\n- b');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html.match(/<li>/g)).toHaveLength(2);
  });
});
