// Run before the end-to-end tests: fail in one clear line when there is no Chromium.
import { findChromium, missingChromiumMessage } from './chromium.ts';

if (!findChromium()) {
  console.error(missingChromiumMessage());
  process.exit(1);
}
