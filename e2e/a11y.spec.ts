/**
 * Accessibility, acting as a keyboard user would: Tab walks the page, and every control it can
 * reach (buttons, selects, inputs, sliders, links, the timeline scrubber, the heatmap) is reached
 * and has an accessible name; the inspector's text can be selected and is in the accessibility
 * tree under its own name. One page is shared; the tests run in order.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseChapter } from '../app/chapters/parse.ts';
import { waitForScene } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;

/** A chapter's title, as the table of contents lists it. */
const title = (id: string) =>
  parseChapter(readFileSync(new URL(`../assets/chapters/${id}.md`, import.meta.url), 'utf8')).title;

/** What a keyboard user can focus: every visible, enabled control of the page. */
const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** A control as the walk reports it. */
interface Control {
  key: string;
  what: string;
}

/**
 * Marks every visible focusable control with a `data-a11y` key and lists them in page order.
 * The keys tell the controls apart while Tab walks them.
 */
function markControls(p: Page): Promise<Control[]> {
  return p.evaluate((selector) => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-a11y]')) delete el.dataset.a11y;
    const out: { key: string; what: string }[] = [];
    const els = [...document.querySelectorAll<HTMLElement>(selector)];
    els.forEach((el, i) => {
      if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('[inert]')) return;
      el.dataset.a11y = String(i);
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
      out.push({
        key: String(i),
        what: `${el.tagName.toLowerCase()}${type} ${el.outerHTML.slice(0, 80)}`,
      });
    });
    return out;
  }, FOCUSABLE);
}

/**
 * Presses Tab until the focus comes round to the first control it reached again (passing once
 * through the page itself at the end), checking that each control it lands on has a non-empty
 * accessible name.
 * @returns the keys of the controls reached, in order.
 */
async function walkWithTab(p: Page): Promise<string[]> {
  const reached: string[] = [];
  let outside = 0;
  for (let i = 0; i < 400 && outside < 3; i++) {
    await p.keyboard.press('Tab');
    const key = await p.evaluate(() =>
      document.activeElement === document.body || document.activeElement === null
        ? null
        : ((document.activeElement as HTMLElement).dataset.a11y ?? 'unmarked'),
    );
    if (key === null) {
      outside++;
      continue;
    }
    if (key === reached[0]) break;
    const focused = p.locator(':focus');
    const html = await focused.evaluate((el) => el.outerHTML.slice(0, 120));
    await expect(focused, `accessible name of ${html}`).toHaveAccessibleName(/\S/, {
      timeout: 1000,
    });
    reached.push(key);
  }
  return reached;
}

/** Every control of the page is reached by Tab, named (checked while walking). */
async function expectAllReachable(p: Page): Promise<Control[]> {
  const controls = await markControls(p);
  const reached = await walkWithTab(p);
  const missed = controls.filter((c) => !reached.includes(c.key)).map((c) => c.what);
  expect(missed).toEqual([]);
  expect(reached).not.toContain('unmarked');
  return controls;
}

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage({ baseURL });
  await page.goto('/');
  await waitForScene(page);
});

test.afterAll(async () => {
  await page.close();
});

test('every control of the main page, the inspector open, is reached by Tab and named', async () => {
  await page.getByRole('button', { name: /^Inspect the current step/ }).click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  const controls = await expectAllReachable(page);
  // The walk covered each kind of control the page has
  const kinds = controls.map((c) => c.what.split(' ')[0]);
  for (const kind of ['button', 'select', 'input[type=text]', 'input[type=range]', 'canvas']) {
    expect(kinds, kind).toContain(kind);
  }
  // the timeline scrubber and the heatmap are among them, by name
  const scrubber = page.locator('.timeline input[type="range"]');
  await expect(scrubber).toHaveAccessibleName(/\S/);
  expect(controls.map((c) => c.key)).toContain(await scrubber.getAttribute('data-a11y'));
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toHaveAccessibleName(/^Heatmap of /);
  expect(controls.map((c) => c.key)).toContain(await heatmap.getAttribute('data-a11y'));
});

test('the timeline scrubber moves by keyboard', async () => {
  const scrubber = page.locator('.timeline input[type="range"]');
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => page.evaluate(() => window.__glassbox!.step().index)).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.__glassbox!.step().index)).toBe(1);
  await expect(scrubber).toHaveValue('1');
  await page.keyboard.press('End');
});

test("the inspector's text can be selected and is in the accessibility tree", async () => {
  const panel = page.getByRole('region', { name: 'Inspector' });
  await expect(panel).toBeVisible();
  const name = page.getByTestId('inspect-name');
  const trace = await name.innerText();

  // No part of the panel's text refuses selection
  const refusing = await panel.evaluate((el) =>
    [el, ...el.querySelectorAll('*')]
      .filter((e) => getComputedStyle(e).userSelect === 'none' && e.textContent?.trim())
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  expect(refusing).toEqual([]);

  // Dragging across the trace name selects it, as a person copying it would
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  const box = (await name.boundingBox())!;
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(selected.length).toBeGreaterThan(trace.length / 2);
  expect(trace).toContain(selected.trim());

  // A screen reader finds the panel by name and reads its heading, trace name and statistics
  const tree = await panel.ariaSnapshot();
  expect(tree).toContain(trace);
  expect(tree).toMatch(/heading ".+" \[level=2\]/);
  const min = await page.locator('[data-stat="min"]').innerText();
  expect(tree).toContain(min);
  await expect(panel.getByRole('button', { name: 'Close the inspector (Escape)' })).toBeVisible();
});

test('every control of the learning side is reached by Tab and named, chapter by chapter', async () => {
  await page.getByRole('button', { name: 'Learn' }).click();
  await page.waitForFunction(() => window.__glassboxTeach?.chapter().open === true);
  // Chapters whose teaching panels have controls of their own, and one kind each has
  const panels: Record<string, string> = {
    layernorm: 'select',
    'positional-encoding': 'input[type=number]',
    'output-sampling': 'input[type=range]',
    'model-size': 'input[type=checkbox]',
  };
  for (const [id, kind] of Object.entries(panels)) {
    await page.locator('.toc summary').click();
    await page
      .locator('.toc nav')
      .getByRole('button', { name: title(id), exact: true })
      .click();
    await page.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, id);
    await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter', id);
    const controls = await expectAllReachable(page);
    expect(
      controls.map((c) => c.what.split(' ')[0]),
      id,
    ).toContain(kind);
  }
});

test('every link of the further-reading page is reached by Tab and named', async () => {
  await page.locator('.toc summary').click();
  await page.locator('.toc nav').getByRole('button', { name: 'Further reading' }).click();
  await expect(page.getByTestId('reading')).toBeVisible();
  const controls = await expectAllReachable(page);
  expect(controls.filter((c) => c.what.startsWith('a ')).length).toBeGreaterThanOrEqual(8);
});
