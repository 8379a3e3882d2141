/**
 * Helpers for the end-to-end tests and the scene benchmark: wait for the scene, read the test
 * hook, and measure pixels of a screenshot (decoded by the page itself, so no image library).
 */
import type { Page } from '@playwright/test';
import type { GlassboxHook, ScreenPoint } from '../app/scene/TestHook.tsx';

/** Where the kept screenshots go (Playwright's outputDir). */
export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Waits until the app reports the model drawn. */
export async function waitForScene(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__glassbox?.ready === true, null, { timeout });
}

/** The current step: index, name and count. */
export function currentStep(page: Page): Promise<{ index: number; name: string; count: number }> {
  return page.evaluate(() => (window.__glassbox as GlassboxHook).step());
}

/** Projected block centres by block id. */
export function blockPoints(page: Page): Promise<Record<string, ScreenPoint>> {
  return page.evaluate(() => (window.__glassbox as GlassboxHook).blocks());
}

/** Camera position and target. */
export function cameraPose(page: Page): Promise<{ position: number[]; target: number[] }> {
  return page.evaluate(() => (window.__glassbox as GlassboxHook).camera());
}

/** Frames rendered so far. */
export function frameCount(page: Page): Promise<number> {
  return page.evaluate(() => (window.__glassbox as GlassboxHook).frames);
}

/** Waits until the camera has stopped moving (two reads a while apart agree). */
export async function waitForCameraRest(page: Page, timeout = 30_000): Promise<void> {
  const start = Date.now();
  let last = JSON.stringify(await cameraPose(page));
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(400);
    const now = JSON.stringify(await cameraPose(page));
    if (now === last) return;
    last = now;
  }
  throw new Error(`camera still moving after ${timeout} ms`);
}

/** Waits until at least one more frame than `since` has been rendered, then lets it settle. */
export async function waitForFrameAfter(page: Page, since: number): Promise<void> {
  await page.waitForFunction((n) => (window.__glassbox?.frames ?? 0) > n, since);
  await page.waitForTimeout(100);
}

/** Mean and variance of the luminance of a PNG, and its pixels' mean absolute difference to another. */
export interface PixelStats {
  mean: number;
  variance: number;
}

/** Luminance statistics of a PNG, decoded in the page. */
export function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let sq = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      sum += y;
      sq += y * y;
    }
    const mean = sum / n;
    return { mean, variance: sq / n - mean * mean };
  }, png.toString('base64'));
}

/** Mean absolute difference per channel (0..255) between two PNGs of the same size. */
export function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const load = async (s: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${s}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height).data;
      };
      const [da, db] = await Promise.all([load(a64), load(b64)]);
      let diff = 0;
      for (let i = 0; i < da.length; i++) diff += Math.abs(da[i] - db[i]);
      return diff / da.length;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}
