/**
 * The 3D scene, acting as a person would: open the page, look, scrub, use the keys, drag.
 * One page is shared by the tests (loading the model once); they run in order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { blockStepNames } from '../engine/trace.ts';
import { TASKS, type TaskName } from '../engine/train/tasks/index.ts';
import {
  blockPoints,
  cameraPose,
  currentStep,
  frameCount,
  pixelDifference,
  pixelStats,
  SCREENSHOT_DIR,
  waitForCameraRest,
  waitForFrameAfter,
  waitForScene,
} from './helpers.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
/** A step inside layer 1 that the tests scrub to. */
const LAYER1_STEP = 'blocks.1.attn.hook_pattern';
/** Page to open: the default model, unless GLASSBOX_E2E_PATH names another (e.g. /?model=random-gpt2). */
const START_PATH = process.env.GLASSBOX_E2E_PATH ?? '/';
/** Side of the square around a block's centre whose pixels are compared, in CSS pixels. */
const CLIP = 24;
/** The plain-words line of each step, by generic step name, as the app ships it. */
const STEP_WORDS = JSON.parse(
  readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/text/steps.json'),
    'utf8',
  ),
) as Record<string, string>;
/** Draw calls a frame may make beyond one per block: the labels, the spine, the selection frame. */
const EXTRA_DRAW_CALLS = 4;
/** Wall time each speed plays for when play rates are compared, ms. */
const PLAY_WINDOW_MS = 2000;
/** The camera pose of the first view, taken once the scene has come to rest. */
let firstView: { position: number[]; target: number[] };

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage({ baseURL });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(START_PATH);
  await waitForScene(page);
});

test.afterAll(async () => {
  await page.close();
});

test('loads the default model with no console error and no request outside its origin', async ({
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
  expect(outside).toEqual([]);
  const shipped = requests.some((u) => u.includes('/models/') && u.endsWith('.safetensors'));
  expect(shipped).toBe(!START_PATH.includes('model=random-'));
  expect(consoleErrors).toEqual([]);
  // The output panel shows the greedy answer the engine computed: right for the shipped model
  if (!START_PATH.includes('model=random-')) {
    const index = (await (await page.request.get('/models/index.json')).json()) as {
      default: string;
    };
    const card = (await (await page.request.get(`/models/${index.default}.json`)).json()) as {
      task: { name: string };
    };
    const task = TASKS[card.task.name as TaskName];
    const prompt = task.parseInput(task.exampleInput);
    await expect(page.getByTestId('answer')).toHaveText(task.format(task.expected(prompt)));
  }
});

test('draws the model: the first view is not blank', async () => {
  await waitForCameraRest(page);
  firstView = await cameraPose(page);
  const shot = await page
    .locator('canvas')
    .screenshot({ path: `${SCREENSHOT_DIR}/first-view.png` });
  const stats = await pixelStats(page, shot);
  expect(stats.variance).toBeGreaterThan(20);
  const points = await blockPoints(page);
  const onScreen = Object.values(points).filter((p) => p.onScreen).length;
  expect(onScreen).toBe(Object.keys(points).length);
  // Every block sits in the area the panels leave free
  const free = await freeArea(page);
  for (const [id, p] of Object.entries(points)) {
    expect(p.x, id).toBeGreaterThan(free.left);
    expect(p.x, id).toBeLessThan(free.right);
    expect(p.y, id).toBeGreaterThan(free.top);
    expect(p.y, id).toBeLessThan(free.bottom);
  }
});

test('side panels fold away by keyboard, are opaque, and the camera frames the room they leave', async () => {
  const hide = page.getByRole('button', { name: 'Hide the input and output panel' });
  const panel = page.getByRole('complementary', { name: 'Input and output' });
  const alpha = await panel.evaluate((el) => {
    const m = /rgba?\(([^)]+)\)/.exec(getComputedStyle(el).backgroundColor);
    return m ? Number(m[1].split(',')[3] ?? 1) : 0;
  });
  expect(alpha).toBeGreaterThanOrEqual(0.95);
  const before = await blockPoints(page);
  await hide.focus();
  await page.keyboard.press('Enter');
  const show = page.getByRole('button', { name: 'Show the input and output panel' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toHaveCount(0);
  await waitForCameraRest(page);
  // The model moves into the freed right side, no smaller than before
  const after = await blockPoints(page);
  const xs = (ps: typeof after) => Object.values(ps).map((p) => p.x);
  const span = (ps: typeof after) => Math.max(...xs(ps)) - Math.min(...xs(ps));
  const mid = (ps: typeof after) => (Math.max(...xs(ps)) + Math.min(...xs(ps))) / 2;
  expect(mid(after)).toBeGreaterThan(mid(before) + 40);
  expect(span(after)).toBeGreaterThanOrEqual(span(before) * 0.99);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/panels-folded.png` });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  // The step panel starts folded; its tab names the current step
  const stepTab = page.getByRole('button', { name: 'Show the step panel' });
  await expect(stepTab).toContainText((await currentStep(page)).name);
  await waitForCameraRest(page);
});

test('the keyboard steps, jumps to the ends and plays', async () => {
  const { count } = await currentStep(page);
  await page.keyboard.press('Home');
  expect((await currentStep(page)).index).toBe(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  expect(await currentStep(page)).toMatchObject({ index: 1, name: 'hook_pos_embed' });
  await page.keyboard.press('End');
  expect((await currentStep(page)).index).toBe(count - 1);
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await expect.poll(async () => (await currentStep(page)).index).toBeGreaterThan(1);
  await page.keyboard.press(' ');
  const paused = (await currentStep(page)).index;
  await page.waitForTimeout(600);
  expect((await currentStep(page)).index).toBe(paused);
});

test('a focused control keeps its own keys: the Follow box takes Space, the scrubber its arrows', async () => {
  const follow = page.getByLabel('Follow');
  const playButton = page.getByRole('button', { name: 'Play', exact: true });
  await follow.focus();
  const checked = await follow.isChecked();
  const { index } = await currentStep(page);
  await page.keyboard.press(' ');
  expect(await follow.isChecked()).toBe(!checked);
  // not playing: the button still offers Play, and the step stays
  await expect(playButton).toBeVisible();
  expect((await currentStep(page)).index).toBe(index);
  await page.keyboard.press(' ');
  expect(await follow.isChecked()).toBe(checked);

  // The scrubber moves one step an arrow, and Space on it still plays and pauses
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('Home');
  expect((await currentStep(page)).index).toBe(0);
  await page.keyboard.press('ArrowRight');
  expect((await currentStep(page)).index).toBe(1);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await currentStep(page)).index).toBeGreaterThan(1);
  await page.keyboard.press(' ');
  await expect(playButton).toBeVisible();
});

test('each playback button shows its own glyph under its own name', async () => {
  const names = ['First step', 'Step back', 'Play', 'Step forward', 'Last step'];
  const glyphs: string[] = [];
  for (const name of names) {
    glyphs.push(await page.getByRole('button', { name, exact: true }).innerText());
  }
  expect(glyphs).toEqual(['|◀◀', '|◀', '▶', '▶|', '▶▶|']);
  await page.locator('.controls').screenshot({ path: `${SCREENSHOT_DIR}/controls.png` });
});

test('scrubbing to a step lights up the block that step writes', async () => {
  const slider = page.getByRole('slider');
  const { count } = await currentStep(page);
  // Drag the scrubber to about the middle, then land on the step before the target by keys
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const mid = (await currentStep(page)).index;
  expect(mid).toBeGreaterThan(count / 4);
  expect(mid).toBeLessThan((3 * count) / 4);

  // Walk to the target so the camera frames it, then hold the camera still
  const targetIndex = await stepIndexOf(page, LAYER1_STEP);
  await goToStep(page, targetIndex);
  await waitForCameraRest(page);
  await page.getByLabel('Follow').uncheck();
  await goToStep(page, targetIndex - 1);
  const clip = await clipAround(page, LAYER1_STEP);
  await page.waitForTimeout(300);
  const before = await page.screenshot({ clip });
  const frames = await frameCount(page);
  await goToStep(page, targetIndex);
  await waitForFrameAfter(page, frames);
  const after = await page.screenshot({ clip });
  expect(await pixelDifference(page, before, after)).toBeGreaterThan(10);
  await page.getByLabel('Follow').check();
});

test('dragging the canvas orbits the camera', async () => {
  await waitForCameraRest(page);
  const before = await cameraPose(page);
  const canvas = (await page.locator('canvas').boundingBox())!;
  const y = canvas.y + canvas.height * 0.55;
  await page.mouse.move(canvas.x + canvas.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * 0.62, y - 30, { steps: 8 });
  await page.mouse.up();
  await waitForCameraRest(page);
  const after = await cameraPose(page);
  const moved = Math.hypot(...after.position.map((v, i) => v - before.position[i]));
  expect(moved).toBeGreaterThan(0.5);
});

test('a step inside layer 1, framed by the camera, is kept as a screenshot', async () => {
  await page.getByRole('button', { name: 'Reset view' }).click();
  await page.getByLabel('Jump to block').selectOption({ label: 'block 1' });
  await goToStep(page, await stepIndexOf(page, LAYER1_STEP));
  await waitForCameraRest(page);
  const shot = await page.screenshot({ path: `${SCREENSHOT_DIR}/layer1-pattern.png` });
  expect((await pixelStats(page, shot)).variance).toBeGreaterThan(20);
  expect((await blockPoints(page))[LAYER1_STEP].onScreen).toBe(true);
  await expect(page.getByTestId('step-name')).toHaveText(LAYER1_STEP);
  await page.getByRole('button', { name: 'Show the step panel' }).click();
  await expect(page.getByTestId('step-name')).toHaveText(LAYER1_STEP);
  await expect(page.locator('.step-formula .katex')).toBeVisible();
  await waitForCameraRest(page);
  expect((await blockPoints(page))[LAYER1_STEP].x).toBeGreaterThan(
    (await page.getByRole('complementary', { name: 'Step' }).boundingBox())!.x + 320,
  );
  expect(consoleErrors).toEqual([]);
});

test('the step panel says in plain words what the step does, from the shipped text', async () => {
  const words = page.locator('.step-words');
  // The panel is open on the layer 1 step; each name below is paired with its generic key
  await expect(page.getByTestId('step-name')).toHaveText(LAYER1_STEP);
  await expect(words).toHaveText(STEP_WORDS['attn.hook_pattern']);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await expect(page.getByTestId('step-name')).toHaveText('blocks.1.attn.hook_z');
  await expect(words).toHaveText(STEP_WORDS['attn.hook_z']);
  await page.getByLabel('Jump to block').selectOption({ label: 'output' });
  await expect(page.getByTestId('step-name')).toHaveText('ln_final.hook_mean');
  await expect(words).toHaveText(STEP_WORDS['ln.hook_mean']);
  await page.getByRole('button', { name: 'Last step', exact: true }).click();
  await expect(page.getByTestId('step-name')).toHaveText('hook_probs');
  await expect(words).toHaveText(STEP_WORDS['hook_probs']);
  await page.getByLabel('Jump to block').selectOption({ label: 'embedding' });
  await expect(page.getByTestId('step-name')).toHaveText('hook_embed');
  await expect(words).toHaveText(STEP_WORDS['hook_embed']);
});

test('"Jump to block" moves to the first step of that block, as the trace orders it', async () => {
  const jump = page.getByLabel('Jump to block');
  const labels = await jump.locator('option').allTextContents();
  const layers = labels.filter((l) => /^block \d+$/.test(l)).length;
  expect(layers).toBeGreaterThan(0);
  // Exactly one option per layer: the trace has no block past the last
  expect(
    await page.evaluate((n) => window.__glassbox!.stepIndexOf(n), blockStepNames(layers)[0]),
  ).toBe(-1);
  for (let l = layers - 1; l >= 0; l--) {
    await jump.selectOption({ label: `block ${l}` });
    const start = await stepIndexOf(page, blockStepNames(l)[0]);
    expect(await currentStep(page)).toMatchObject({ index: start, name: blockStepNames(l)[0] });
  }
  await jump.selectOption({ label: 'output' });
  expect((await currentStep(page)).name).toBe('ln_final.hook_mean');
});

test('the timeline marks where each layer starts, one mark per layer, labelled with its number', async () => {
  const layers = (
    await page.getByLabel('Jump to block').locator('option').allTextContents()
  ).filter((l) => /^block \d+$/.test(l)).length;
  const marks = page.locator('.timeline-mark');
  await expect(marks).toHaveCount(layers);
  expect(await marks.allTextContents()).toEqual(Array.from({ length: layers }, (_, l) => `${l}`));
  // Each mark sits at its layer's first step along the scrubber
  const { count } = await currentStep(page);
  const track = (await page.locator('.timeline-marks').boundingBox())!;
  for (let l = 0; l < layers; l++) {
    const start = await stepIndexOf(page, blockStepNames(l)[0]);
    const box = (await marks.nth(l).boundingBox())!;
    const x = box.x + box.width / 2;
    expect(Math.abs(x - (track.x + (start / (count - 1)) * track.width))).toBeLessThan(
      track.width / count,
    );
  }
});

test('the Play button plays and pauses', async () => {
  await page.getByRole('button', { name: 'First step', exact: true }).click();
  expect((await currentStep(page)).index).toBe(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible();
  await expect.poll(async () => (await currentStep(page)).index).toBeGreaterThan(1);
  await pause.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const paused = (await currentStep(page)).index;
  await page.waitForTimeout(800);
  expect((await currentStep(page)).index).toBe(paused);
});

test('the speed choice sets how fast play advances', async () => {
  const speed = page.getByRole('combobox', { name: /^Speed/ });
  // Steps played in the same wall time at the slowest and at the fastest speed
  const played = async (value: string) => {
    await speed.selectOption(value);
    await expect(speed).toHaveValue(value);
    await page.getByRole('button', { name: 'First step', exact: true }).click();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(PLAY_WINDOW_MS);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    return { steps: (await currentStep(page)).index, seconds: (Date.now() - t0) / 1000 };
  };
  const slow = await played('1');
  const fast = await played('16');
  // One step a second at most (a tick may land on either edge); the fastest plays many more
  expect(slow.steps).toBeLessThanOrEqual(Math.ceil(slow.seconds) + 1);
  expect(fast.steps).toBeGreaterThan(3 * Math.max(2, slow.steps));
  await speed.selectOption('4');
});

test('"Reset view" puts the camera back to the first view after an orbit', async () => {
  // The first view was framed with the step panel folded
  await page.getByRole('button', { name: 'Hide the step panel' }).click();
  const canvas = (await page.locator('canvas').boundingBox())!;
  const y = canvas.y + canvas.height * 0.55;
  await page.mouse.move(canvas.x + canvas.width * 0.5, y);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * 0.6, y + 40, { steps: 6 });
  await page.mouse.up();
  const orbited = await cameraPose(page);
  const reach = distance(firstView.position, firstView.target);
  expect(distance(orbited.position, firstView.position)).toBeGreaterThan(0.05 * reach);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForCameraRest(page);
  const reset = await cameraPose(page);
  expect(distance(reset.position, firstView.position)).toBeLessThan(1e-3 * reach);
  expect(distance(reset.target, firstView.target)).toBeLessThan(1e-3 * reach);
});

test('draws at most one call per block, plus the labels and the spine', async () => {
  // In the whole-model view that Reset left, with the pointer off the canvas (no hover marks);
  // with Follow off, a step asks for one fresh frame and the camera stays
  await page.mouse.move(2, 2);
  await page.getByLabel('Follow').uncheck();
  const frames = await frameCount(page);
  await page.getByRole('button', { name: 'Step forward', exact: true }).click();
  await waitForFrameAfter(page, frames);
  const { drawCalls, blockCount } = await page.evaluate(() => ({
    drawCalls: window.__glassbox!.drawCalls,
    blockCount: window.__glassbox!.blockCount,
  }));
  expect(drawCalls).toBeLessThanOrEqual(blockCount + EXTRA_DRAW_CALLS);
  // Every block is in the whole-model view, so each makes its one call
  expect(drawCalls).toBeGreaterThanOrEqual(blockCount);
});

test('with Follow off stepping leaves the camera still; with Follow on the camera goes to the step', async () => {
  const follow = page.getByLabel('Follow');
  const forward = page.getByRole('button', { name: 'Step forward', exact: true });
  // Follow is off and the camera at rest, from the test before
  await expect(follow).not.toBeChecked();
  const still = await cameraPose(page);
  const frames = await frameCount(page);
  await page.getByLabel('Jump to block').selectOption({ label: 'block 0' });
  for (let i = 0; i < 3; i++) await forward.click();
  await waitForFrameAfter(page, frames);
  await page.waitForTimeout(500);
  expect(await cameraPose(page)).toEqual(still);

  await follow.check();
  await waitForCameraRest(page);
  const before = await cameraPose(page);
  for (let i = 0; i < 3; i++) await forward.click();
  const reach = distance(before.position, before.target);
  await expect
    .poll(async () => distance((await cameraPose(page)).target, before.target))
    .toBeGreaterThan(0.1 * reach);
  expect(consoleErrors).toEqual([]);
});

/** Euclidean distance between two points. */
const distance = (a: number[], b: number[]): number => Math.hypot(...a.map((v, i) => v - b[i]));

/** The part of the page no panel covers (the header, side panels and timeline measured). */
async function freeArea(page: Page) {
  return page.evaluate(() => {
    const r = (side: string) =>
      [...document.querySelectorAll(`[data-inset="${side}"]`)].map((e) =>
        e.getBoundingClientRect(),
      );
    return {
      left: Math.max(0, ...r('left').map((b) => b.right)),
      right: Math.min(window.innerWidth, ...r('right').map((b) => b.left)),
      top: Math.max(0, ...r('top').map((b) => b.bottom)),
      bottom: Math.min(window.innerHeight, ...r('bottom').map((b) => b.top)),
    };
  });
}

/** Index of a step by name. */
async function stepIndexOf(page: Page, name: string): Promise<number> {
  const index = await page.evaluate((n) => window.__glassbox!.stepIndexOf(n), name);
  expect(index, `step ${name}`).toBeGreaterThan(0);
  return index;
}

/** Moves to a step with the arrow keys, as a person fine-tuning the scrubber would. */
async function goToStep(page: Page, index: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const now = (await currentStep(page)).index;
    if (now === index) return;
    await page.keyboard.press(now < index ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`could not reach step ${index}`);
}

/** A square of the page around a block's projected centre. */
async function clipAround(page: Page, id: string) {
  const p = (await blockPoints(page))[id];
  expect(p.onScreen).toBe(true);
  return { x: p.x - CLIP / 2, y: p.y - CLIP / 2, width: CLIP, height: CLIP };
}
