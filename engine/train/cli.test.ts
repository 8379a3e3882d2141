import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Time allowed for tsx to start the command and for it to refuse its flags: no training. */
const STARTUP_MS = 30_000;
const CLI = path.join(import.meta.dirname, 'cli.ts');

/** Runs the training command with the flags. */
function trainCommand(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    timeout: STARTUP_MS,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the training command', () => {
  it(
    'refuses an --out that is a file before training, in one line, exit 2',
    { timeout: STARTUP_MS },
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'glassbox-cli-'));
      const file = path.join(dir, 'afile');
      writeFileSync(file, '');
      try {
        const r = trainCommand(['--task', 'reverse', '--steps', '50', '--out', file]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `train: cannot write to --out ${file}: it is a file, not a directory\n`,
        );
        expect(r.stdout).toBe(''); // nothing trained
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'says what --steps allows for a negative number, then the usage, exit 2',
    { timeout: STARTUP_MS },
    () => {
      const r = trainCommand(['--task', 'sort', '--steps', '-3']);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe('train: --steps must be a whole number of at least 1 (got -3)');
      expect(lines[1]).toMatch(/^usage: npm run train -- --task <sort\|reverse>/);
      expect(lines.length).toBe(2);
    },
  );
});
