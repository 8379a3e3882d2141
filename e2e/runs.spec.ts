/**
 * Runs of a large model, as a person waiting on one sees them: GPT-2 small with random weights
 * computes in the engine's worker, the status line says what runs, and the page keeps answering
 * with the last good run on screen until the new one is ready.
 */
import { expect, test } from '@playwright/test';
import { currentStep, SCREENSHOT_DIR, waitForScene } from './helpers.ts';

/** GPT-2 small's weights are made in the worker (seconds on one core): allow minutes. */
const GPT2_TIMEOUT_MS = 300_000;

/** Tokens of the tested input: enough that the GPT-2 pass takes seconds, not milliseconds. */
const INPUT_IDS = Array.from({ length: 24 }, (_, i) => 100 + 7 * i).join(' ');

test('while GPT-2 small computes, the status line says so and the controls still answer', async ({
  page,
}) => {
  test.setTimeout(2 * GPT2_TIMEOUT_MS);
  const status = page.getByTestId('run-status');

  // Startup: the model is made in the worker and the loading page says what runs
  await page.goto('/?model=random-gpt2');
  await expect(status).toContainText('GPT-2 small — random weights');
  await waitForScene(page, GPT2_TIMEOUT_MS);
  await expect(status).toHaveCount(0);
  const shown = await page.evaluate(() => window.__glassbox!.generation().tokens);

  // A new input: the run shown and its controls stay while the worker computes
  const box = page.getByRole('textbox', { name: 'Input' });
  await box.fill(INPUT_IDS);
  await box.press('Enter');
  await expect(status).toBeVisible();
  await expect(status).toContainText(
    `Running GPT-2 small — random weights on “${INPUT_IDS.slice(0, 20)}`,
  );
  const before = await currentStep(page);
  await page.getByRole('button', { name: 'Step back' }).click();
  expect((await currentStep(page)).index).toBe(before.index - 1);
  await expect(status).toBeVisible();
  expect(await page.evaluate(() => window.__glassbox!.generation().tokens)).toEqual(shown);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/gpt2-running.png` });

  // The new run replaces it once ready
  const ids = INPUT_IDS.split(' ').map(Number);
  await expect
    .poll(() => page.evaluate(() => window.__glassbox?.generation().tokens), {
      timeout: GPT2_TIMEOUT_MS,
    })
    .toEqual(ids);
  await expect(status).toHaveCount(0);
  await expect(box).toHaveValue(INPUT_IDS);
});

test('a refused input shows why from the worker and keeps the last good run', async ({ page }) => {
  await page.goto('/?model=random-mingptSort');
  await waitForScene(page);
  const shown = await page.evaluate(() => window.__glassbox!.generation().tokens);
  const box = page.getByRole('textbox', { name: 'Input' });
  await box.fill('0 7');
  await box.press('Enter');
  await expect(page.getByTestId('input-error')).toContainText(
    'token id 7 at position 1 is not allowed: ids are integers from 0 to 2',
  );
  await expect(page.getByTestId('run-status')).toHaveCount(0);
  expect(await page.evaluate(() => window.__glassbox!.generation().tokens)).toEqual(shown);
});
