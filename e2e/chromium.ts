/**
 * Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, Debian's, or Playwright's own.
 * Returns null when there is none; `missingChromiumMessage` says in one line how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of DEBIAN_PATHS) if (existsSync(p)) return p;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return null;
}

export const missingChromiumMessage =
  'glassbox: no Chromium found for the end-to-end tests: run `apt-get install -y chromium` ' +
  '(Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH.';

/** Flags that let headless Chromium render WebGL2 in software and stay off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
