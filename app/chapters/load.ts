/**
 * Fetches the chapter files named by assets/chapters/index.json, and the further-reading page.
 */
import { parseChapter, parseChapterIndex, type Chapter } from './parse.ts';
import type { TeachText } from './teachText.ts';

/** Every chapter, in reading order, the reading page's Markdown and the panels' words. */
export interface ChapterBook {
  readonly order: readonly string[];
  readonly byId: ReadonlyMap<string, Chapter>;
  readonly reading: string;
  readonly text: TeachText;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`glassbox: ${url} answered ${res.status}`);
  return res.text();
}

/** Loads the chapter index, every chapter it lists, reading.md and teach.json, relative to `base`. */
export async function loadChapters(base: string): Promise<ChapterBook> {
  const order = parseChapterIndex(JSON.parse(await text(`${base}chapters/index.json`)));
  const [chapters, reading, words] = await Promise.all([
    Promise.all(
      order.map(async (id) => parseChapter(await text(`${base}chapters/${id}.md`), `${id}.md`)),
    ),
    text(`${base}reading.md`),
    text(`${base}text/teach.json`),
  ]);
  const byId = new Map(chapters.map((c) => [c.id, c]));
  return { order, byId, reading, text: JSON.parse(words) as TeachText };
}
