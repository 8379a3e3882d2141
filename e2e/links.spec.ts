/**
 * Links and models from the outside, as a person pasting a URL would: an unknown model, a link
 * with parts the model lacks, random weights, another shipped model's output panel, and the
 * address bar following the timeline.
 */
import { expect, test } from '@playwright/test';
import {
  blockPoints,
  currentStep,
  SCREENSHOT_DIR,
  waitForCameraRest,
  waitForScene,
} from './helpers.ts';

test('an unknown model says why and offers the shipped models and the default', async ({
  page,
}) => {
  await page.goto('/?model=nope');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("No shipped model 'nope' (there are: sort, reverse, ");
  await expect(alert.getByRole('link', { name: /^sort \(/ }).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/unknown-model.png` });
  await alert.getByRole('link', { name: 'Open the default model' }).click();
  await waitForScene(page);
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('sort');
});

test('a link with a step, generation step or selection the model lacks says so and shows the rest', async ({
  page,
}) => {
  await page.goto('/?model=reverse&gen=99&step=blocks.7.nope&select=nada');
  await waitForScene(page);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('blocks.7.nope');
  await expect(notice).toContainText('nada');
  await expect(notice).toContainText('not 99');
  const step = await currentStep(page);
  expect(step.index).toBe(step.count - 1);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // Every probability prints whole, inside the panel, and no bar covers its token
  const panel = (await page.getByTestId('output').boundingBox())!;
  const rows = page.getByTestId('next-probs').locator('li');
  for (let i = 0; i < (await rows.count()); i++) {
    const pct = rows.nth(i).locator('.pct');
    await expect(pct).toHaveText(/%$/);
    const p = (await pct.boundingBox())!;
    expect(p.x + p.width).toBeLessThanOrEqual(panel.x + panel.width);
    const tok = (await rows.nth(i).locator('.tok').boundingBox())!;
    const bar = (await rows.nth(i).locator('.bar').boundingBox())!;
    expect(bar.x).toBeGreaterThanOrEqual(tok.x + tok.width);
  }

  // Stepping and playing: the address bar names the step shown
  await page.keyboard.press('Home');
  for (const key of ['ArrowRight', 'ArrowRight', ' ']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(key === ' ' ? 900 : 0);
    if (key === ' ') await page.keyboard.press(' ');
    const name = (await currentStep(page)).name;
    await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(name);
  }
});

test('a link to an unknown chapter says so and shows the rest of the link', async ({ page }) => {
  const step = 'blocks.0.attn.hook_pattern';
  await page.goto(`/?model=reverse&input=123456&chapter=nonsense&step=${step}&select=nada`);
  await waitForScene(page);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText("There is no chapter 'nonsense' to open.");
  // the other bad part of the link is still named, and the good parts are shown
  await expect(notice).toContainText('nada');
  expect((await currentStep(page)).name).toBe(step);
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('reverse');
  await expect(page.getByRole('textbox', { name: 'Input' })).toHaveValue('123456');
  await expect(page.getByTestId('chapter')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/unknown-chapter.png` });
});

test('random weights are named as such in the picker and beside the title', async ({ page }) => {
  await page.goto('/?model=random-mingptSort');
  await waitForScene(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker.locator('option:checked')).toHaveText('minGPT sort config — random weights');
  await expect(page.getByTestId('random-badge')).toHaveText('minGPT sort config — random weights');
  // Its input rule shows once too, and an invisible character is named
  const box = page.getByRole('textbox', { name: 'Input' });
  await box.fill('1 x\u200b');
  await box.press('Enter');
  await expect(page.getByTestId('input-error')).toHaveText("'x⟨U+200B⟩' is not an id");
});

test('a link with an input the task refuses says so in the notice and shows the example', async ({
  page,
}) => {
  await page.goto('/?input=ZZZZZZ');
  await waitForScene(page);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText("The link's input is refused (got 'ZZZZZZ': ");
  await expect(notice).toContainText('showing the example CABBCA');
  // The box holds what the scene shows, with no complaint about it
  await expect(page.getByRole('textbox', { name: 'Input' })).toHaveValue('CABBCA');
  await expect(page.getByTestId('input-error')).toHaveText('');
  const tokens = await page.evaluate(() => window.__glassbox!.generation().tokens);
  expect(tokens.slice(0, 6)).toEqual([2, 0, 1, 1, 2, 0]); // C A B B C A
});

test('a link to a step frames it, and framing follows the panels the person opens', async ({
  page,
}) => {
  await page.goto('/?step=blocks.0.attn.hook_attn_scores');
  await waitForScene(page);
  await waitForCameraRest(page);
  // The step and the scores it read are framed right of where the step panel will stand
  await page.getByRole('button', { name: 'Show the step panel' }).click();
  const panel = (await page.getByRole('complementary', { name: 'Step' }).boundingBox())!;
  await waitForCameraRest(page);
  const points = await blockPoints(page);
  for (const id of ['blocks.0.attn.hook_attn_scores', 'blocks.0.attn.hook_attn_scores_raw']) {
    expect(points[id].onScreen, id).toBe(true);
    expect(points[id].x, id).toBeGreaterThan(panel.x + panel.width);
  }
});
