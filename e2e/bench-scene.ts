/**
 * Scene benchmark (`npm run bench:scene`): for the built app in dist/ (run `npm run build`
 * first), served by a small static server of its own, in Chromium with the end-to-end flags (SwiftShader WebGL):
 * time from navigation to the first frame with the model drawn, draw calls per frame, frame
 * time while orbiting, the longest task that blocked the page's thread until then, and the
 * gzipped size of the JavaScript. For the default shipped model and for random weights of GPT-2
 * small (`?model=random-gpt2`). The first frame waits for the worker's run: the scene is drawn
 * only once the run is ready. Scenario ids as arguments run only those
 * (`npx tsx e2e/bench-scene.ts default`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage } from './chromium.ts';
import { cameraPose, waitForCameraRest, waitForScene } from './helpers.ts';

/** A port apart from the tests' 4173, so both can run; BENCH_PORT picks another. */
const PORT = Number(process.env.BENCH_PORT ?? 4183);
const DIST = path.resolve(import.meta.dirname, '..', 'dist');
/** Pointer moves of the orbit drag, sent one after another; the page draws as fast as it can. */
const ORBIT_MOVES = 30;
/** GPT-2 small's 124M random weights are made in the engine's worker: allow minutes. */
const READY_TIMEOUT_MS = 600_000;

const SCENARIOS = [
  { id: 'default', name: 'default shipped model', path: '/' },
  { id: 'gpt2', name: 'GPT-2 small, random weights, 8 tokens', path: '/?model=random-gpt2' },
];

/** Gzipped bytes of every JavaScript file the build ships. */
function gzippedJs(): { files: number; raw: number; gzip: number } {
  const dir = path.join(DIST, 'assets');
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const f of js) {
    const bytes = readFileSync(path.join(dir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: js.length, raw, gzip };
}

/** Content types of the files the build holds. */
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.md': 'text/markdown',
};

/** Serves dist/ on localhost (what `vite preview` does, without its one-preview-per-project lock). */
function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.join(DIST, path.normalize(rel));
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(PORT, 'localhost', () => resolve(server)));
}

/** What the page records while the orbit drag is in motion. */
interface OrbitRecord {
  /** performance.now() of each animation frame in which the scene was rendered. */
  times: number[];
  on: boolean;
}

/**
 * Frames rendered while a drag across the canvas is in motion, and the time they took: from
 * the first rendered frame of the drag to the last, so the rest before and after (the waits
 * for the camera to settle) is not counted. The page records when each frame is drawn.
 */
async function orbit(page: Page): Promise<{ frames: number; ms: number; medianMs: number }> {
  await waitForCameraRest(page);
  const box = (await page.locator('canvas').boundingBox())!;
  const y = box.y + box.height * 0.5;
  const pose = JSON.stringify(await cameraPose(page));
  await page.mouse.move(box.x + box.width * 0.45, y);
  // Note each animation frame in which the hook's frame count went up. A string, because tsx
  // would wrap a named function in a helper the page does not have.
  await page.evaluate(`(() => {
    const rec = { times: [], on: true };
    window.orbit = rec;
    let seen = window.__glassbox.frames;
    const tick = () => {
      const n = window.__glassbox.frames;
      if (n > seen) rec.times.push(performance.now());
      seen = n;
      if (rec.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: ORBIT_MOVES });
  await page.mouse.up();
  const times = await page.evaluate(() => {
    const rec = (window as unknown as { orbit: OrbitRecord }).orbit;
    rec.on = false;
    return rec.times;
  });
  if (pose === JSON.stringify(await cameraPose(page)) || times.length < 2) {
    throw new Error('bench:scene: the drag did not move the camera');
  }
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const sorted = [...gaps].sort((p, q) => p - q);
  return {
    frames: times.length,
    ms: times[times.length - 1] - times[0],
    medianMs: sorted[Math.floor(sorted.length / 2)],
  };
}

async function main(): Promise<void> {
  const exe = findChromium();
  if (!exe) throw new Error(missingChromiumMessage());
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('bench:scene: no dist/ — run `npm run build` first');
  }
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !SCENARIOS.some((c) => c.id === id));
  if (unknown.length) {
    throw new Error(
      `bench:scene: no scenario ${unknown.join(', ')}; pick from ${SCENARIOS.map((c) => c.id).join(', ')}`,
    );
  }
  const server = await serveDist();
  const base = `http://localhost:${PORT}`;
  try {
    const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
    console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, node ${process.version}`);
    console.log(`browser: Chromium ${browser.version()}, WebGL through SwiftShader, 1280×720`);
    const js = gzippedJs();
    const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
    console.log(`javascript: ${js.files} file(s), ${kb(js.raw)} raw, ${kb(js.gzip)} gzipped`);
    for (const s of SCENARIOS.filter((c) => !only.length || only.includes(c.id))) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push(e.duration);
        });
        observer.observe({ type: 'longtask', buffered: true });
      });
      await page.goto(base + s.path);
      await waitForScene(page, READY_TIMEOUT_MS);
      const hook = await page.evaluate(() => ({
        firstFrameMs: window.__glassbox!.firstFrameMs,
        drawCalls: window.__glassbox!.drawCalls,
        triangles: window.__glassbox!.triangles,
        blocks: window.__glassbox!.blockCount,
        steps: window.__glassbox!.step().count,
        longTasks: (window as unknown as { longTasks: number[] }).longTasks,
      }));
      const longest = Math.max(0, ...hook.longTasks);
      const blocked = hook.longTasks.reduce((a, b) => a + b, 0);
      const o = await orbit(page);
      const drawCalls = await page.evaluate(() => window.__glassbox!.drawCalls);
      console.log(`\n${s.name} (${s.path})`);
      console.log(`  blocks ${hook.blocks}, steps ${hook.steps}`);
      console.log(
        `  navigation → first frame with the model drawn: ${hook.firstFrameMs?.toFixed(0)} ms`,
      );
      console.log(
        `  page thread until then: longest task ${longest.toFixed(0)} ms, ` +
          `${hook.longTasks.length} tasks over 50 ms, ${blocked.toFixed(0)} ms in all`,
      );
      console.log(`  draw calls per frame: ${hook.drawCalls} at rest, ${drawCalls} while orbiting`);
      console.log(`  triangles per frame: ${hook.triangles}`);
      console.log(
        `  orbiting: ${o.frames} frames drawn during the drag, ` +
          `${(o.ms / (o.frames - 1)).toFixed(0)} ms per frame ` +
          `(median ${o.medianMs.toFixed(0)} ms; ${o.ms.toFixed(0)} ms first to last)`,
      );
      if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
      await page.close();
    }
    await browser.close();
  } finally {
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
