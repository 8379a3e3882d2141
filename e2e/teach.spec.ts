/**
 * The guided chapters and teaching panels, acting as a reader would: open chapters from the
 * table of contents and by URL, point at the positional-encoding table, change the temperature,
 * toggle biases in the sizing table. One page is shared; the tests run in order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { loadModelFiles } from '../engine/io/model-file.ts';
import type { ModelConfig } from '../engine/model/config.ts';
import { LAYER_NORM_EPS } from '../engine/model/config.ts';
import { parseChapter, parseChapterIndex, resolveTargets } from '../app/chapters/parse.ts';
import { MIN_TEMPERATURE } from '../app/panels/teach/sampling.ts';
import {
  blockPoints,
  cameraPose,
  currentStep,
  pixelDifference,
  SCREENSHOT_DIR,
  waitForCameraRest,
  waitForScene,
} from './helpers.ts';

test.describe.configure({ mode: 'serial' });

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets');
const read = (p: string) => readFileSync(path.join(ASSETS, p));
const ORDER = parseChapterIndex(JSON.parse(read('chapters/index.json').toString()));
const chapter = (id: string) => parseChapter(read(`chapters/${id}.md`).toString(), `${id}.md`);
/** The default model's config, read from its files as the app reads them. */
const CONFIG: ModelConfig = (() => {
  const id = (JSON.parse(read('models/index.json').toString()) as { default: string }).default;
  const card = JSON.parse(read(`models/${id}.json`).toString()) as unknown;
  return loadModelFiles(card, new Uint8Array(read(`models/${id}.safetensors`))).model.config;
})();

let page: Page;
const errors: string[] = [];
/** Side of the square of pixels compared around a block's centre, in CSS pixels. */
const CLIP = 10;

/** The camera's pose in the first view, before any chapter opens. */
let firstPose: { position: number[]; target: number[] } | null = null;

/**
 * The scene blocks a chapter highlights: its highlight names for this model, with a tied
 * lm_head drawn as the token embedding it shares (as the layout aliases it).
 */
const expectedHighlight = (id: string): string[] => {
  const names = resolveTargets(chapter(id), CONFIG, 0).highlight.map((n) =>
    CONFIG.tiedLmHead && n === 'lm_head.weight' ? 'transformer.wte.weight' : n,
  );
  return [...new Set(names)].sort();
};

/** How far apart two camera poses are, as a share of the first one's viewing distance. */
function poseGap(
  a: { position: number[]; target: number[] },
  b: { position: number[]; target: number[] },
): number {
  const dist = (u: number[], v: number[]) => Math.hypot(...u.map((x, i) => x - v[i]));
  const scale = dist(a.position, a.target);
  return Math.max(dist(a.position, b.position), dist(a.target, b.target)) / scale;
}

/** The camera's orbit angles (three.js spherical: polar from +y, azimuth from +z towards +x). */
function anglesOf({ position: p, target: t }: { position: number[]; target: number[] }) {
  const [x, y, z] = p.map((v, i) => v - t[i]);
  return { azimuth: Math.atan2(x, z), polar: Math.acos(y / Math.hypot(x, y, z)) };
}

/** The teach test hook's view of the open chapter. */
const teach = (p: Page) => p.evaluate(() => window.__glassboxTeach!.chapter());
const rowOf = (p: Page, name: string, i: number) =>
  p.evaluate(([n, k]) => window.__glassboxTeach!.row(n as string, k as number), [name, i]);

async function openFromContents(id: string): Promise<void> {
  await page.locator('.toc summary').click();
  const title = chapter(id).title;
  await page.locator('.toc nav').getByRole('button', { name: title, exact: true }).click();
  await page.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, id);
}

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage({ baseURL });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await waitForScene(page);
  await waitForCameraRest(page);
  firstPose = await cameraPose(page);
  await page.getByRole('button', { name: 'Learn' }).click();
  await page.waitForFunction(() => window.__glassboxTeach?.chapter().open === true);
});

test.afterAll(async () => {
  await page.close();
});

test('each chapter opens from the table of contents, sets its steps and frames its blocks', async () => {
  // The output panel folds away while learning, leaving the scene room beside the chapter
  await expect(page.getByRole('button', { name: 'Show the input and output panel' })).toBeVisible();
  let lastPose = '';
  for (const id of ORDER) {
    await openFromContents(id);
    await waitForCameraRest(page);
    const meta = chapter(id);
    const targets = resolveTargets(meta, CONFIG, 0);
    const step = await currentStep(page);
    if (targets.focus) expect(step.name).toBe(targets.focus);
    else if (targets.steps.length) expect(step.name).toBe(targets.steps.at(-1));
    await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter', id);
    await expect(page.locator('.chapter-text h1')).toHaveText(meta.title.replace(/'/g, "'"));
    await expect(page.locator('.chapter-text')).not.toContainText('⟨unknown');

    // The camera moved, and the focus block sits in the canvas area the panels leave free
    const pose = JSON.stringify(await cameraPose(page));
    expect(pose).not.toBe(lastPose);
    lastPose = pose;
    if (targets.focus) {
      const p = (await blockPoints(page))[targets.focus];
      const free = await page.locator('.learn').boundingBox();
      expect(p.onScreen).toBe(true);
      expect(p.x).toBeGreaterThan(free!.x + free!.width);
    }
    // It highlights exactly the blocks it names, each a block of the scene
    const highlight = [...(await teach(page)).highlight].sort();
    const blocks = await blockPoints(page);
    expect(highlight, id).toEqual(expectedHighlight(id));
    if (meta.highlight.length) expect(highlight.length, id).toBeGreaterThan(0);
    for (const h of highlight) expect(Object.keys(blocks), id).toContain(h);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/chapter-${id}.png` });
  }
  expect(errors).toEqual([]);
});

test('next and previous walk the reading order', async () => {
  await openFromContents(ORDER[1]);
  await page.getByRole('button', { name: /Next/ }).click();
  await page.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, ORDER[2]);
  await page.getByRole('button', { name: /Previous/ }).click();
  await page.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, ORDER[1]);
  // the address bar names the chapter, so the link can be shared
  await expect.poll(() => new URL(page.url()).searchParams.get('chapter')).toBe(ORDER[1]);
});

test('next opens the next chapter at its top, wherever the last one was scrolled to', async () => {
  await openFromContents(ORDER[1]);
  const main = page.locator('.learn-main');
  await main.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.getByRole('button', { name: /Next/ }).scrollIntoViewIfNeeded();
  expect(await main.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await page.getByRole('button', { name: /Next/ }).click();
  await page.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, ORDER[2]);
  expect(await main.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.locator('.chapter-text h1')).toBeInViewport();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/chapter-next-top.png` });
});

test('the LayerNorm view shows the trace mean and standard deviation of the chosen token', async () => {
  await openFromContents('layernorm');
  const token = 3;
  const panel = page.getByTestId('panel-layernorm');
  await panel.getByRole('button', { name: new RegExp(`^Token ${token}:`) }).click();
  // Each kind of LayerNorm, with the stream it reads
  const last = CONFIG.nLayer - 1;
  const kinds = [
    ['blocks.0.ln1', 'blocks.0.hook_resid_pre'],
    ['blocks.0.ln2', 'blocks.0.hook_resid_mid'],
    ['ln_final', `blocks.${last}.hook_resid_post`],
  ];
  const seen = new Set<number>();
  for (const [hook, input] of kinds) {
    await panel.locator('select').selectOption({ label: hook });
    const traceMean = (await rowOf(page, `${hook}.hook_mean`, token))![token];
    const traceScale = (await rowOf(page, `${hook}.hook_scale`, token))![token];
    await expect(page.getByTestId('ln-mean')).toHaveAttribute('data-value', String(traceMean));
    await expect(page.getByTestId('ln-std')).toHaveAttribute('data-value', String(traceScale));
    const mean = Number(await page.getByTestId('ln-mean').getAttribute('data-value'));
    const std = Number(await page.getByTestId('ln-std').getAttribute('data-value'));
    expect(mean, hook).toBe(traceMean);
    expect(std, hook).toBe(traceScale);
    // and they are the statistics of that token's row alone
    const x = (await rowOf(page, input, token))!;
    const mu = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mu) ** 2, 0) / x.length;
    expect(mean, hook).toBeCloseTo(mu, 5);
    expect(std, hook).toBeCloseTo(Math.sqrt(variance + LAYER_NORM_EPS), 5);
    seen.add(std);
    if (hook === 'blocks.0.ln1') {
      await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-layernorm.png` });
    }
  }
  // three different rows: the select really switched what the panel reads
  expect(seen.size).toBe(kinds.length);
  await panel.locator('select').selectOption({ label: 'blocks.0.ln1' });
});

test('choosing a token lights its row through the MLP while the weights stay the same', async () => {
  await openFromContents('mlp');
  await page.getByTestId('chapter').getByRole('button', { name: 'Hide panel' }).click();
  await waitForCameraRest(page);
  const points = await blockPoints(page);
  const clipAt = (id: string) => {
    const p = points[id];
    expect(p.onScreen).toBe(true);
    return { x: p.x - CLIP / 2, y: p.y - CLIP / 2, width: CLIP, height: CLIP };
  };
  const output = clipAt('blocks.0.hook_mlp_out');
  const weight = clipAt('transformer.h.0.mlp.c_fc.weight');
  const shots = async () => [
    await page.screenshot({ clip: output }),
    await page.screenshot({ clip: weight }),
  ];
  const chapter = page.getByTestId('chapter');
  // the clips sit on the blocks' middle row: position 5 of the 11
  await chapter.getByRole('button', { name: /^Token 0:/ }).click();
  await page.waitForTimeout(300);
  const [h0, w0] = await shots();
  await chapter.getByRole('button', { name: /^Token 5:/ }).click();
  await page.waitForTimeout(300);
  const [h1, w1] = await shots();
  expect(await pixelDifference(page, h0, h1)).toBeGreaterThan(1);
  expect(await pixelDifference(page, w0, w1)).toBe(0);
  await page.getByTestId('chapter').getByRole('button', { name: 'Show panel' }).click();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-mlp.png` });
});

test('the positional-encoding heatmap holds sin and cos of p / 10000^(2i/d)', async () => {
  await openFromContents('positional-encoding');
  const panel = page.getByTestId('panel-posenc');
  const [d, T] = [16, 20];
  await panel.getByRole('spinbutton', { name: 'width d' }).fill(String(d));
  await panel.getByRole('spinbutton', { name: 'positions' }).fill(String(T));
  const map = page.getByTestId('posenc-heatmap');
  await expect(map).toHaveAttribute('data-cols', String(d));
  const box = (await map.boundingBox())!;
  for (const [p, dim] of [
    [0, 0],
    [1, 0],
    [3, 1],
    [7, 4],
    [12, 9],
    [19, 15],
  ]) {
    await page.mouse.move(
      box.x + ((dim + 0.5) / d) * box.width,
      box.y + ((p + 0.5) / T) * box.height,
    );
    const readout = page.getByTestId('posenc-readout');
    await expect(readout).toHaveAttribute('data-p', String(p));
    await expect(readout).toHaveAttribute('data-dim', String(dim));
    const value = Number(await readout.getAttribute('data-value'));
    const angle = p / Math.pow(10000, (dim - (dim % 2)) / d);
    expect(value).toBeCloseTo(dim % 2 === 0 ? Math.sin(angle) : Math.cos(angle), 6);
  }
  // The default model learns its positions: the panel shows its wpe beside the sinusoids
  await expect(page.getByTestId('posenc-model-heading')).toHaveText(
    "This model's learned position table (wpe)",
  );
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-posenc.png` });
});

test('a seed outside 0 to 2^32 - 1 is refused beside the box and the last draw stays', async () => {
  await openFromContents('output-sampling');
  const panel = page.getByTestId('panel-sampling');
  const seed = panel.getByRole('textbox', { name: 'seed' });
  const error = panel.getByTestId('seed-error');
  const drawn = panel.locator('.drawn');
  await seed.fill('12');
  await expect(drawn).toContainText('drawn with seed 12 ');
  await expect(error).toBeEmpty();
  const good = await drawn.innerText();
  for (const [typed, reason] of [
    ['4294967296', "'4294967296' is above 4294967295"],
    ['-3', "'-3' is negative"],
    ['2.5', "'2.5' is not a whole number"],
  ]) {
    await seed.fill(typed);
    await expect(error).toContainText(reason);
    await expect(error).toContainText('Still drawing with seed 12.');
    await expect(seed).toHaveAttribute('aria-invalid', 'true');
    // 2^32 would have wrapped to seed 0: the draw is still seed 12's
    expect(await drawn.innerText()).toBe(good);
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-sampling-seed.png` });
  await seed.fill('4294967295');
  await expect(error).toBeEmpty();
  await expect(drawn).toContainText('drawn with seed 4294967295 ');
  await panel.getByRole('button', { name: 'Draw' }).click();
  await expect(seed).toHaveValue('0');
});

test('a temperature change shows softmax(logits / T) of the recorded logits', async () => {
  await openFromContents('output-sampling');
  const panel = page.getByTestId('panel-sampling');
  const token = 2;
  await panel.getByRole('button', { name: new RegExp(`^Token ${token}:`) }).click();
  const T = 0.5;
  await panel.getByRole('slider', { name: 'temperature τ' }).fill(String(T));
  await expect(page.getByTestId('temperature')).toHaveText(T.toFixed(2));
  const logits = (await rowOf(page, 'hook_logits', token))!;
  const max = Math.max(...logits);
  const z = logits.reduce((s, l) => s + Math.exp((l - max) / T), 0);
  const rows = panel.getByTestId('prob-row');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const r of await rows.all()) {
    const id = Number(await r.getAttribute('data-id'));
    expect(Number(await r.getAttribute('data-p'))).toBeCloseTo(
      Math.exp((logits[id] - max) / T) / z,
      6,
    );
  }
  // top-k 1 leaves the single best token, whatever the seed
  await panel.getByRole('spinbutton', { name: 'top-k (0 = all)' }).fill('1');
  const best = logits.indexOf(max);
  await expect(rows.first()).toHaveAttribute('data-p', '1');
  await expect(page.getByTestId('sampled-token')).toHaveAttribute('data-id', String(best));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-sampling.png` });
});

test('arrow keys and Home/End on the temperature slider move it, not the timeline', async () => {
  await openFromContents('output-sampling');
  const slider = page.getByTestId('panel-sampling').getByRole('slider', { name: 'temperature τ' });
  await slider.fill('1');
  const before = await currentStep(page);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('temperature')).toHaveText('1.05');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('temperature')).toHaveText(MIN_TEMPERATURE.toFixed(2));
  await page.keyboard.press('End');
  await expect(page.getByTestId('temperature')).toHaveText('3.00');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('temperature')).toHaveText('2.95');
  expect(await currentStep(page)).toEqual(before);
  await slider.fill('1');
});

test('the sizing panel counts GPT-2 small with and without biases', async () => {
  await openFromContents('model-size');
  const params = page.getByTestId('params-gpt2');
  await expect(params).toHaveAttribute('data-value', '124439808');
  await expect(params).toHaveText('124,439,808');
  await page.getByLabel('biases in the presets').uncheck();
  await expect(params).toHaveAttribute('data-value', '124337664');
  await expect(params).toHaveText('124,337,664');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panel-sizing.png` });
});

test('every display formula fits its chapter column, wrapping instead of being cut off', async () => {
  for (const id of ORDER) {
    await openFromContents(id);
    const overflow = await page
      .locator('.chapter-text .katex-display')
      .evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth));
    expect(
      overflow.filter((px) => px > 0),
      id,
    ).toEqual([]);
  }
  // The model-size sum wraps onto a second line and ends in view with its total
  await openFromContents('model-size');
  const sum = page.locator('.chapter-text .katex-display').first();
  await sum.scrollIntoViewIfNeeded();
  expect((await sum.boundingBox())!.height).toBeGreaterThan(60);
  await expect(sum.locator('.katex-html')).toContainText('13');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/chapter-formula-wraps.png` });
});

test('the scale view draws every architecture in a few draw calls and flies out to GPT-3', async () => {
  await openFromContents('model-size');
  await page.getByRole('button', { name: 'Show at true scale' }).click();
  await expect(page.getByTestId('scale-view')).toHaveAttribute('data-out', 'true');
  await page.waitForFunction(() => (window.__glassboxScale?.frames ?? 0) > 2);
  const before = await page.evaluate(() => window.__glassboxScale!.drawCalls);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThanOrEqual(4);
  // The flight ends with every tower, GPT-3's 96 layers included, inside the canvas
  await page.waitForFunction(() => window.__glassboxScale!.towersInView().every(Boolean), null, {
    timeout: 30_000,
  });
  expect(await page.evaluate(() => window.__glassboxScale!.towersInView().length)).toBe(6);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/scale-gpt3.png` });
  await page.getByTestId('scale-view').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('scale-view')).toHaveCount(0);
});

test('Escape leaves the scale view and gives the sizing panel back, as Close does', async () => {
  await openFromContents('model-size');
  await page.getByRole('button', { name: 'Show at true scale' }).click();
  await expect(page.getByTestId('scale-view')).toBeVisible();
  await expect(page.getByTestId('panel-sizing')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scale-view')).toHaveCount(0);
  await expect(page.getByTestId('panel-sizing')).toBeVisible();
  expect((await teach(page)).id).toBe('model-size');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/scale-escaped.png` });
});

test('the further-reading page renders from the contents', async () => {
  await page.locator('.toc summary').click();
  await page.locator('.toc nav').getByRole('button', { name: 'Further reading' }).click();
  await expect(page.getByTestId('reading')).toContainText('Attention Is All You Need');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/reading.png` });
});

test('every chapter opens by URL with its panel, its steps, its highlight and its framing', async ({
  browser,
  baseURL,
}) => {
  const other = await browser.newPage({ baseURL });
  other.on('pageerror', (e) => errors.push(e.message));
  for (const id of ORDER) {
    await other.goto(`/?chapter=${id}`);
    await waitForScene(other);
    await other.waitForFunction((c) => window.__glassboxTeach?.chapter().id === c, id);
    await expect(other.getByTestId('chapter')).toHaveAttribute('data-chapter', id);
    const meta = chapter(id);
    const targets = resolveTargets(meta, CONFIG, 0);

    // The timeline is on the chapter's step: its focus, else the last step it discusses
    const step = await currentStep(other);
    const wanted = targets.focus ?? targets.steps.at(-1) ?? null;
    if (wanted) expect(step.name, id).toBe(wanted);

    // Its teaching panel, and no other, is open beside the text
    const panels = other.locator('[data-testid^="panel-"]');
    if (meta.panel) {
      await expect(other.getByTestId(`panel-${meta.panel}`), id).toBeVisible();
      await expect(panels).toHaveCount(1);
    } else {
      await expect(panels, id).toHaveCount(0);
    }

    // It highlights what it names, as from the table of contents
    expect([...(await teach(other)).highlight].sort(), id).toEqual(expectedHighlight(id));

    // The camera leaves the first view for the chapter's blocks, in the area the panels leave
    // free, seen from the first view's angles as from the contents
    if (targets.focus) {
      await waitForCameraRest(other);
      const pose = await cameraPose(other);
      expect(poseGap(pose, firstPose!), id).toBeGreaterThan(0.05);
      expect(anglesOf(pose).azimuth, id).toBeCloseTo(anglesOf(firstPose!).azimuth, 2);
      expect(anglesOf(pose).polar, id).toBeCloseTo(anglesOf(firstPose!).polar, 2);
      const p = (await blockPoints(other))[targets.focus];
      const free = (await other.locator('.learn').boundingBox())!;
      expect(p.onScreen, id).toBe(true);
      expect(p.x, id).toBeGreaterThan(free.x + free.width);
    }
  }
  await other.close();
  expect(errors).toEqual([]);
});

test('the shipped sinusoidal model runs, and the positions panel says it has no learned table', async ({
  browser,
  baseURL,
}) => {
  const other = await browser.newPage({ baseURL });
  await other.goto('/?model=sort-sinusoidal&chapter=positional-encoding');
  await waitForScene(other);
  await other.waitForFunction(() => window.__glassboxTeach?.chapter().id === 'positional-encoding');
  await expect(other.locator('.chapter-text')).toContainText(
    'This model uses sinusoidal positions',
  );
  const panel = other.getByTestId('panel-posenc');
  await expect(panel).toContainText('no learned position table');
  // Its headings say what it shows: its own positions are the sinusoids, nothing is learned
  await expect(other.getByTestId('posenc-model-heading')).toHaveText(
    "This model's positions: sinusoidal, nothing learned",
  );
  await expect(panel).not.toContainText('learned position table (wpe)');
  await expect(panel.locator('figcaption')).toHaveText(["sinusoidal: this model's"]);
  await other.screenshot({ path: `${SCREENSHOT_DIR}/chapter-positional-encoding-sinusoidal.png` });
  await other.close();
});
