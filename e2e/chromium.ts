/**
 * Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, Debian's, or Playwright's own.
 * Returns null when there is none; `missingChromiumMessage` says in one line how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  // A path asked for by name is the one to use: a wrong one is reported, not passed over.
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const p of DEBIAN_PATHS) if (existsSync(p)) return p;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return null;
}

const missingChromium =
  'glassbox: no Chromium found for the end-to-end tests: run `apt-get install -y chromium` ' +
  '(Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH.';

/** One line saying why no Chromium was found and how to get one. */
export const missingChromiumMessage = (): string =>
  process.env.CHROMIUM_PATH
    ? `glassbox: CHROMIUM_PATH is set to '${process.env.CHROMIUM_PATH}', which does not exist: ` +
      'point it at a Chromium binary or unset it.'
    : missingChromium;

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
