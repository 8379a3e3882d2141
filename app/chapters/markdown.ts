/**
 * Markdown to HTML for chapter text and the reading page, with KaTeX math.
 * `$$...$$` is display math (on its own lines), `$...$` inline math; `\$` is a literal dollar.
 * Math is cut out before Markdown runs (so `_` and `*` inside formulas stay math), rendered by
 * KaTeX, and put back. Pure: a string in, an HTML string out.
 */
import katex from 'katex';
import { marked } from 'marked';

/** Display math first (it may span lines), then inline math; neither after a backslash. */
const DISPLAY = /(?<!\\)\$\$([\s\S]+?)(?<!\\)\$\$/g;
const INLINE = /(?<!\\)\$([^$\n]+?)(?<!\\)\$/g;
/** A stand-in Markdown leaves alone: letters and digits only. */
const token = (i: number): string => `GBXMATH${i}XEND`;
const TOKEN = /GBXMATH(\d+)XEND/g;

/**
 * Renders chapter Markdown with math to HTML. Links open in a new tab.
 * @param markdown filled chapter text (live numbers already in place).
 */
export function renderMarkdown(markdown: string): string {
  const math: string[] = [];
  const keep = (tex: string, displayMode: boolean): string => {
    math.push(katex.renderToString(tex.trim(), { displayMode, throwOnError: false }));
    return token(math.length - 1);
  };
  const cut = markdown
    .replace(DISPLAY, (_, tex: string) => `\n\n${keep(tex, true)}\n\n`)
    .replace(INLINE, (_, tex: string) => keep(tex, false));
  const html = marked.parse(cut, { async: false, gfm: true });
  return html
    .replace(/<p>(GBXMATH\d+XEND)<\/p>/g, '$1')
    .replace(TOKEN, (_, i: string) => math[Number(i)])
    .replaceAll('<a href="http', '<a target="_blank" rel="noreferrer" href="http');
}
