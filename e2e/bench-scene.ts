/**
 * Scene benchmark (`npm run bench:scene`): for the built app in dist/ (run `npm run build`
 * first), served by a small static server of its own, in Chromium with the end-to-end flags (SwiftShader WebGL):
 * time from navigation to the first frame with the model drawn, draw calls per frame, frame
 * time while orbiting, the longest task that blocked the page's thread until then, and the
 * gzipped size of the JavaScript. For the default shipped model and for random weights of GPT-2
 * small (`?model=random-gpt2`). The first frame waits for the worker's run: the scene is drawn
 * only once the run is ready.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, missingChromiumMessage } from './chromium.ts';
import { cameraPose, frameCount, waitForCameraRest, waitForScene } from './helpers.ts';

/** A port apart from the tests' 4173, so both can run. */
const PORT = 4183;
const DIST = path.resolve(import.meta.dirname, '..', 'dist');
/** Pointer moves of the orbit drag; each asks for one frame. */
const ORBIT_MOVES = 30;
/** GPT-2 small's 124M random weights are made in the engine's worker: allow minutes. */
const READY_TIMEOUT_MS = 600_000;

const SCENARIOS = [
  { name: 'default shipped model', path: '/' },
  { name: 'GPT-2 small, random weights, 8 tokens', path: '/?model=random-gpt2' },
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

/** Frames and milliseconds of a drag across the canvas. */
async function orbit(page: Page): Promise<{ frames: number; ms: number }> {
  await waitForCameraRest(page);
  const box = (await page.locator('canvas').boundingBox())!;
  const y = box.y + box.height * 0.5;
  const frames0 = await frameCount(page);
  const t0 = Date.now();
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  for (let i = 1; i <= ORBIT_MOVES; i++) {
    await page.mouse.move(box.x + box.width * (0.45 + (0.2 * i) / ORBIT_MOVES), y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  await page.mouse.up();
  const before = JSON.stringify(await cameraPose(page));
  await waitForCameraRest(page);
  const ms = Date.now() - t0;
  const frames = (await frameCount(page)) - frames0;
  if (before === JSON.stringify(await cameraPose(page)) && frames === 0) {
    throw new Error('bench:scene: the drag did not move the camera');
  }
  return { frames, ms };
}

async function main(): Promise<void> {
  const exe = findChromium();
  if (!exe) throw new Error(missingChromiumMessage());
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('bench:scene: no dist/ — run `npm run build` first');
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
    for (const s of SCENARIOS) {
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
        `  orbiting: ${o.frames} frames in ${o.ms} ms, ${(o.ms / Math.max(1, o.frames)).toFixed(0)} ms per frame`,
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
