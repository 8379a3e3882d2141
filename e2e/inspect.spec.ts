/**
 * Inspecting and interacting, acting as a person would: click a block, read the inspector,
 * point at values, follow the inputs, type inputs, pick generation steps and models, and share
 * the view by its URL. Values shown are checked against the engine's tensors (the test hook).
 * One page is shared by the tests; they run in order.
 */
import { expect, test, type Page } from '@playwright/test';
import { TASKS } from '../engine/train/tasks/index.ts';
import { blockPoints, SCREENSHOT_DIR, waitForCameraRest, waitForScene } from './helpers.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
const consoleErrors: string[] = [];
const PATTERN = 'blocks.1.attn.hook_pattern';
const SCORES = 'blocks.1.attn.hook_attn_scores';
const MLP_PRE = 'blocks.0.mlp.hook_pre';
const QKV_WEIGHT = 'transformer.h.0.attn.c_attn.weight';
const sort = TASKS.sort;

/** The engine's tensor behind a block, as plain numbers. */
async function engineTensor(name: string): Promise<{ shape: number[]; data: number[] }> {
  const t = await page.evaluate((n) => window.__glassbox!.tensor(n), name);
  expect(t, `tensor ${name}`).not.toBeNull();
  return t!;
}

/** Flat row-major index of a multi-index. */
const ravel = (shape: number[], index: number[]) =>
  index.reduce((flat, i, k) => flat * shape[k] + i, 0);

/** Parses `name[1, 2, 3] = 0.25` (the name optional) into index and value. */
function parseValue(text: string): { index: number[]; value: number } {
  const m = /\[([\d, ]+)\] = (-?[\d.e+-]+|-∞)/.exec(text);
  expect(m, `a value in '${text}'`).not.toBeNull();
  const value = m![2] === '-∞' ? -Infinity : Number(m![2]);
  return { index: m![1].split(',').map((s) => Number(s.trim())), value };
}

/** Clicks a block where the test hook says it is on screen. */
async function clickBlock(id: string): Promise<void> {
  const p = (await blockPoints(page))[id];
  expect(p.onScreen, `${id} on screen`).toBe(true);
  await page.mouse.click(p.x, p.y);
}

/** Half a unit of the last digit of a number as printed ('98.7', '0.012', '8.3e-6'). */
function halfUlp(text: string): number {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  expect(m, `a number in '${text}'`).not.toBeNull();
  return 0.5 * 10 ** (Number(m![2] ?? 0) - (m![1]?.length ?? 0));
}

/**
 * The output panel's next-token list is the engine's hook_probs row at the last position:
 * the most probable tokens first, each percentage equal to the engine's to the digits shown.
 */
async function expectShownProbs(vocab: readonly string[]): Promise<void> {
  const probs = await engineTensor('hook_probs'); // (T, V)
  const [T, V] = probs.shape;
  const last = probs.data.slice((T - 1) * V, T * V);
  const ranked = last.map((p, id) => ({ id, p })).sort((a, b) => b.p - a.p || a.id - b.id);
  const rows = page.getByTestId('next-probs').locator('li');
  await expect(rows).toHaveCount(Math.min(5, V));
  for (const [i, row] of (await rows.all()).entries()) {
    const { id, p } = ranked[i];
    await expect(row.locator('.tok')).toHaveText(vocab[id]);
    const pct = (await row.locator('.pct').innerText()).replace('%', '');
    expect(Math.abs(Number(pct) - p * 100), `${vocab[id]}: ${pct}% vs ${p}`).toBeLessThanOrEqual(
      halfUlp(pct) * (1 + 1e-9),
    );
  }
  // the favourite also ends the sequence line, with the same percentage
  const first = await rows.first().locator('.pct').innerText();
  await expect(page.locator('.io-seq .tok.next')).toHaveText(`→ ${vocab[ranked[0].id]} ${first}`);
}

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto('/');
  await waitForScene(page);
  await waitForCameraRest(page);
});

test.afterAll(async () => {
  await page.context().close();
});

test('clicking a block opens the inspector with the engine values of its tensor', async () => {
  await clickBlock(PATTERN);
  const panel = page.getByTestId('inspector');
  await expect(panel.getByTestId('inspect-name')).toHaveText(PATTERN);
  await expect(panel).toContainText('Attention pattern');
  await expect(panel).toContainText('query_pos');
  const t = await engineTensor(PATTERN);
  const finite = t.data.filter(Number.isFinite);
  const stat = (k: string) => panel.locator(`[data-stat="${k}"]`).innerText();
  // min and max are the engine's float32 values exactly
  expect(Math.fround(Number(await stat('min')))).toBe(Math.min(...finite));
  expect(Math.fround(Number(await stat('max')))).toBe(Math.max(...finite));
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  expect(Number(await stat('mean'))).toBeCloseTo(mean, 6);
  const std = Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / finite.length);
  expect(Number(await stat('std'))).toBeCloseTo(std, 6);
  // the heatmap names its axes as a pattern's: queries as rows, keys as columns
  await expect(panel.locator('figcaption')).toContainText('query ↓');
  await expect(panel.locator('figcaption')).toContainText('key →');
});

test('pointing at the heatmap reads the exact value of the element under the pointer', async () => {
  const t = await engineTensor(PATTERN);
  const canvas = page.getByTestId('heatmap');
  const box = (await canvas.boundingBox())!;
  // a point in the lower part of the first head's tile (later queries see several keys)
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.85);
  const text = await page.getByTestId('inspect-value').innerText();
  const { index, value } = parseValue(text);
  expect(index).toHaveLength(3);
  expect(Math.fround(value)).toBe(t.data[ravel(t.shape, index)]);
  // a pattern row is computed from the masked scores row of the same head and query
  expect(text).toContain(`${SCORES}[${index[0]}, ${index[1]}, :]`);
  // Kept: the timeline at the pattern's step, so the camera frames it and its inputs
  const target = await page.evaluate((n) => window.__glassbox!.stepIndexOf(n), PATTERN);
  await page.getByTestId('heatmap').blur();
  while ((await page.evaluate(() => window.__glassbox!.step().index)) > target) {
    await page.keyboard.press('ArrowLeft');
  }
  await waitForCameraRest(page);
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.85);
  await expect(page.getByTestId('inspect-value')).toContainText(SCORES);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/inspect-pattern.png` });
  await page.keyboard.press('End');
});

test('the heatmap reads values by keyboard too', async () => {
  const t = await engineTensor(PATTERN);
  await page.mouse.move(5, 300);
  await page.getByTestId('heatmap').focus();
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowDown', 'Shift+ArrowRight']) {
    await page.keyboard.press(key);
  }
  const { index, value } = parseValue(await page.getByTestId('inspect-value').innerText());
  expect(index).toEqual([1, 2, 0]);
  expect(Math.fround(value)).toBe(t.data[ravel(t.shape, index)]);
  // the arrows moved the element, not the timeline
  expect((await page.evaluate(() => window.__glassbox!.step())).name).toBe('hook_probs');
});

test('clicking a tensor the step read moves the selection to it', async () => {
  await page.getByTestId('inspector').getByRole('button', { name: SCORES }).click();
  await expect(page.getByTestId('inspect-name')).toHaveText(SCORES);
  const masked = Number(await page.locator('[data-stat="masked"]').innerText());
  const t = await engineTensor(SCORES);
  expect(masked).toBe(t.data.filter((v) => v === -Infinity).length);
  expect(masked).toBeGreaterThan(0);
});

test('copying a tensor as CSV puts every engine value on the clipboard', async () => {
  await page.getByRole('button', { name: 'Copy CSV' }).click();
  await expect(page.getByTestId('copy-status')).toContainText('Copied CSV');
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = csv.trim().split('\n');
  const t = await engineTensor(SCORES);
  expect(lines[0]).toBe('head,query_pos,key_pos,value');
  expect(lines).toHaveLength(t.data.length + 1);
  const [h, q, k, v] = lines[5].split(',');
  const flat = ravel(t.shape, [h, q, k].map(Number));
  expect(flat).toBe(4);
  expect(v === '-Infinity' ? -Infinity : Math.fround(Number(v))).toBe(t.data[flat]);
});

test('the heatmap canvas is exactly as wide as its panel leaves it', async () => {
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForCameraRest(page);
  await clickBlock(QKV_WEIGHT);
  const panel = page.getByTestId('inspector');
  await expect(panel.getByTestId('inspect-name')).toHaveText(QKV_WEIGHT);
  const t = await engineTensor(QKV_WEIGHT);
  const [outF, inF] = t.shape;
  await expect(panel).toContainText(`${outF} × ${inF} (d_qkv, d_model)`);

  // The canvas is exactly as wide as its box, and the panel does not scroll sideways
  const canvas = page.getByTestId('heatmap');
  const fit = await canvas.evaluate((c) => ({
    canvas: c.getBoundingClientRect().width,
    box: c.parentElement!.clientWidth,
    overflow: c.closest('aside')!.scrollWidth - c.closest('aside')!.clientWidth,
  }));
  expect(fit.canvas).toBe(fit.box);
  expect(fit.overflow).toBe(0);
  // sharp on a high-DPI screen: one canvas pixel per device pixel
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).width)).toBe(
    Math.round(fit.canvas * dpr),
  );
});

test('a weight heatmap shows rows and columns as its stated shape', async () => {
  const t = await engineTensor(QKV_WEIGHT);
  const [outF, inF] = t.shape;
  const canvas = page.getByTestId('heatmap');
  await expect(page.getByTestId('inspector').locator('figcaption')).toContainText(
    'rows: d_qkv · columns: d_model',
  );

  // Near the bottom left of the plot: a late row (out_features) of an early column (in_features)
  await canvas.scrollIntoViewIfNeeded();
  const [left, top, width, height] = (await canvas.getAttribute('data-plot'))!
    .split(' ')
    .map(Number);
  const box = (await canvas.boundingBox())!;
  const [fx, fy] = [0.1, 0.9];
  await page.mouse.move(box.x + left + width * fx, box.y + top + height * fy);
  const { index, value } = parseValue(await page.getByTestId('inspect-value').innerText());
  expect(index).toEqual([Math.floor(fy * outF), Math.floor(fx * inF)]);
  expect(Math.fround(value)).toBe(t.data[ravel(t.shape, index)]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/inspect-weight.png` });
});

test('hovering a block shows the value under the pointer and what it was computed from', async () => {
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForCameraRest(page);
  const p = (await blockPoints(page))[MLP_PRE];
  expect(p.onScreen).toBe(true);
  await page.mouse.move(p.x - 1, p.y - 1);
  await page.mouse.move(p.x, p.y);
  const tip = page.getByTestId('hover-tip');
  await expect(tip).toBeVisible();
  const text = await tip.innerText();
  const { index, value } = parseValue(text);
  const t = await engineTensor(MLP_PRE);
  expect(Math.fround(value)).toBe(t.data[ravel(t.shape, index)]);
  // a matrix product: a row of the input and a row of the weight (a column of its transpose)
  expect(text).toContain(`blocks.0.ln2.hook_out[${index[0]}, :]`);
  expect(text).toContain(`transformer.h.0.mlp.c_fc.weight[${index[1]}, :]`);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/inspect-hover.png` });
  await page.mouse.move(5, 300);
  await expect(tip).toBeHidden();
});

test('Escape closes the inspector', async () => {
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
});

test('the Close button closes the inspector and deselects the block', async () => {
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForCameraRest(page);
  await clickBlock(MLP_PRE);
  await expect(page.getByTestId('inspect-name')).toHaveText(MLP_PRE);
  await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBe(MLP_PRE);
  await page
    .getByTestId('inspector')
    .getByRole('button', { name: 'Close the inspector (Escape)' })
    .click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  // nothing is selected: the link forgets the block and the panel offers the current step
  await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBeNull();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText(
    'Click a block to inspect it.',
  );
});

test('a refused input shows why beside the box and keeps the last good run', async () => {
  const before = await engineTensor('hook_probs');
  const answer = await page.getByTestId('answer').innerText();
  const box = page.getByRole('textbox', { name: 'Input' });
  await box.fill('ABD');
  await box.press('Enter');
  const error = page.getByTestId('input-error');
  await expect(error).toContainText("'D' is not allowed");
  // The rule shows once, in the help line above the reason
  await expect(error).not.toContainText(sort.inputRule);
  const panel = page.getByTestId('output');
  expect((await panel.innerText()).split(sort.inputRule).length - 1).toBe(1);
  await expect(page.getByTestId('answer')).toHaveText(answer);
  expect(await engineTensor('hook_probs')).toEqual(before);

  // The echo is what was typed, not upper-cased
  await box.fill('ab d');
  await box.press('Enter');
  await expect(error).toHaveText("Got 'ab d': 'd' is not allowed");

  // A very long input is echoed cut short, within the panel
  await box.fill('A'.repeat(5000));
  await box.press('Enter');
  await expect(error).toContainText('5000 characters');
  expect((await error.innerText()).length).toBeLessThan(120);
  expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // An invisible character is named
  await box.fill('ABC\u200bAB');
  await box.press('Enter');
  await expect(error).toContainText('U+200B');
});

test('a new input reruns the engine and the greedy answer is the sorted input', async () => {
  const before = await engineTensor('hook_probs');
  const box = page.getByRole('textbox', { name: 'Input' });
  await box.fill('ccbaab');
  await box.press('Enter');
  // The engine's worker answers later; the example's answer is also AABBCC, so wait on its input
  const ids = async () => (await engineTensor('input_ids')).data.slice(0, 6);
  await expect.poll(ids).toEqual(sort.parseInput('CCBAAB'));
  await expect(page.getByTestId('answer')).toHaveText('AABBCC');
  await expect(page.getByTestId('verdict')).toContainText('correct');
  await expect(page.getByTestId('input-error')).toBeEmpty();
  expect(await engineTensor('hook_probs')).not.toEqual(before);
});

test("the next-token probabilities shown are the engine's at the last position", async () => {
  await expectShownProbs(sort.vocab);
});

test('choosing a generation step shows that forward pass', async () => {
  const gen = () => page.evaluate(() => window.__glassbox!.generation());
  expect(await gen()).toMatchObject({ index: 6, count: 6 });
  await page.getByRole('button', { name: /^Generation step 2:/ }).click();
  await expect.poll(async () => (await gen()).index).toBe(2);
  await waitForScene(page);
  const g = await gen();
  expect(g.tokens).toEqual([...sort.parseInput('CCBAAB'), 0]);
  expect((await engineTensor('hook_probs')).shape).toEqual([7, 3]);
  await expect(page.getByTestId('generation')).toContainText('pass 2 of 6');
  await expect(page.getByRole('button', { name: /^Generation step 2:/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // the output panel follows: its probabilities are this pass's, at its last position
  await expectShownProbs(sort.vocab);
});

test('a copied URL opened in a new page restores model, input, step and selection', async () => {
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitForCameraRest(page);
  await clickBlock('blocks.0.hook_resid_pre');
  await expect(page.getByTestId('inspect-name')).toHaveText('blocks.0.hook_resid_pre');
  await expect.poll(() => page.url()).toContain('select=blocks.0.hook_resid_pre');
  const url = page.url();
  expect(url).toContain('input=CCBAAB');
  expect(url).toContain('gen=2');

  const other = await page.context().newPage();
  await other.goto(url);
  await waitForScene(other);
  const state = await other.evaluate(() => ({
    step: window.__glassbox!.step(),
    gen: window.__glassbox!.generation(),
  }));
  expect(state.step.name).toBe('blocks.0.hook_resid_pre');
  expect(state.gen.index).toBe(2);
  await expect(other.getByRole('textbox', { name: 'Input' })).toHaveValue('CCBAAB');
  await expect(other.getByTestId('inspect-name')).toHaveText('blocks.0.hook_resid_pre');
  await other.close();
});

test('switching models loads the other model, resets the timeline and keeps the controls working', async ({
  baseURL,
}) => {
  await page.goto(`${baseURL}/?model=random-mingptSort`);
  await waitForScene(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker).toHaveValue('random-mingptSort');
  await page.keyboard.press('Home');
  await picker.selectOption('sort');
  await expect.poll(() => page.evaluate(() => window.__glassbox?.generation().count)).toBe(6);
  await waitForScene(page);
  const step = await page.evaluate(() => window.__glassbox!.step());
  expect(step.index).toBe(step.count - 1);
  await expect(page.getByTestId('answer')).toHaveText(
    sort.format(sort.expected(sort.parseInput(sort.exampleInput))),
  );
  await page.keyboard.press('Home');
  await expect.poll(() => page.evaluate(() => window.__glassbox!.step().index)).toBe(0);
  await expect.poll(() => page.url()).toContain('model=sort');
  expect(consoleErrors).toEqual([]);
});

test('switching from the 2-layer reverse model to a 3-layer model shows no error', async () => {
  const picker = page.getByRole('combobox', { name: 'Model' });
  const input = page.getByRole('textbox', { name: 'Input' });
  for (const id of ['reverse', 'sort-sinusoidal', 'reverse', 'sort']) {
    await picker.selectOption(id);
    await expect(picker).toHaveValue(id);
    await expect(picker).toBeEnabled();
    await waitForScene(page);
    const step = await page.evaluate(() => window.__glassbox!.step());
    expect(step.index, id).toBe(step.count - 1);
    await expect(page.getByTestId('input-error')).toHaveText('');
    await expect(input).toHaveAttribute('aria-invalid', 'false');
  }
  expect(consoleErrors).toEqual([]);
});

test('a URL of another model, with its own input, generation step, step and block, restores them all', async () => {
  const reverse = TASKS.reverse;
  const picker = page.getByRole('combobox', { name: 'Model' });
  await picker.selectOption('reverse');
  await expect(picker).toHaveValue('reverse');
  await waitForScene(page);
  const box = page.getByRole('textbox', { name: 'Input' });
  const prompt = reverse.parseInput('305819');
  await box.fill('305819');
  await box.press('Enter');
  await expect.poll(async () => (await engineTensor('input_ids')).data.slice(0, 6)).toEqual(prompt);
  await expect(page.getByTestId('answer')).toHaveText(reverse.format(reverse.expected(prompt)));

  // generation step 3, the timeline on block 1's MLP, and one of the weights it read selected
  await page.getByRole('button', { name: /^Generation step 3:/ }).click();
  await expect.poll(() => page.evaluate(() => window.__glassbox!.generation().index)).toBe(3);
  await waitForScene(page);
  const step = 'blocks.1.mlp.hook_pre';
  const weight = 'transformer.h.1.mlp.c_fc.weight';
  const index = await page.evaluate((n) => window.__glassbox!.stepIndexOf(n), step);
  expect(index).toBeGreaterThan(0);
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(index));
  await expect
    .poll(async () => (await page.evaluate(() => window.__glassbox!.step())).name)
    .toBe(step);
  await page.getByRole('button', { name: `Inspect the current step, ${step}` }).click();
  await page.getByTestId('inspector').getByRole('button', { name: weight }).click();
  await expect(page.getByTestId('inspect-name')).toHaveText(weight);
  await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBe(weight);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({
    model: 'reverse',
    input: reverse.format(prompt),
    gen: '3',
    step,
    select: weight,
  });
  const probs = await engineTensor('hook_probs');
  const tokens = await page.evaluate(() => window.__glassbox!.generation().tokens);

  // A new page opened on the link shows the same model, input, pass, step and block
  const other = await page.context().newPage();
  await other.goto(url.href);
  await waitForScene(other);
  await expect(other.getByRole('combobox', { name: 'Model' })).toHaveValue('reverse');
  await expect(other.getByRole('textbox', { name: 'Input' })).toHaveValue(reverse.format(prompt));
  const state = await other.evaluate(() => ({
    step: window.__glassbox!.step(),
    gen: window.__glassbox!.generation(),
    probs: window.__glassbox!.tensor('hook_probs'),
  }));
  expect(state.step.name).toBe(step);
  expect(state.gen).toMatchObject({ index: 3, count: reverse.answerLength, tokens });
  expect(tokens).toHaveLength(prompt.length + 2);
  expect(state.probs).toEqual(probs);
  await expect(other.getByTestId('inspect-name')).toHaveText(weight);
  await expect(other.getByRole('button', { name: /^Generation step 3:/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await other.close();
  expect(consoleErrors).toEqual([]);
});
