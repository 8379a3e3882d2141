import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError } from '../errors.ts';
import { sortCard } from '../io/card-fixture.ts';
import { prepareOutDir, writeModel } from './output.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'glassbox-out-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = { card: '{}\n', safetensors: new Uint8Array([1, 2, 3]) };

describe('prepareOutDir', () => {
  it('makes a missing directory with its parents and leaves no probe file', () => {
    const out = path.join(dir, 'a', 'b');
    prepareOutDir(out);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses an --out that is a file, saying so', () => {
    const file = path.join(dir, 'afile');
    writeFileSync(file, '');
    expect(() => prepareOutDir(file)).toThrow(OutputError);
    expect(() => prepareOutDir(file)).toThrow(
      `cannot write to --out ${file}: it is a file, not a directory`,
    );
  });

  it('refuses an --out below a file', () => {
    expect(() => prepareOutDir('/dev/null/x')).toThrow(
      'cannot write to --out /dev/null/x: part of the path is a file, not a directory',
    );
  });

  // Linux's /proc takes no new directories; Node 20's recursive mkdir spun there for ever
  it.skipIf(!existsSync('/proc/self'))('refuses an --out where no directory can be made', () => {
    expect(() => prepareOutDir('/proc/glassbox/out')).toThrow(
      'cannot write to --out /proc/glassbox/out: the directory cannot be made there',
    );
  });

  it('refuses a directory whose index.json is not JSON, before training', () => {
    writeFileSync(path.join(dir, 'index.json'), '{ not json');
    expect(() => prepareOutDir(dir)).toThrow(OutputError);
    expect(() => prepareOutDir(dir)).toThrow(`cannot read ${path.join(dir, 'index.json')}`);
  });
});

describe('writeModel', () => {
  it('writes both files and lists the id in index.json as the default', () => {
    const written = writeModel(dir, files, sortCard());
    expect(written.map((f) => path.basename(f))).toEqual([
      'sort-nano.safetensors',
      'sort-nano.json',
      'index.json',
    ]);
    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
    expect(index).toEqual({
      models: [
        {
          id: 'sort-nano',
          name: 'Sorter (nano)',
          task: 'sort',
          description: sortCard().description,
        },
      ],
      default: 'sort-nano',
    });
  });

  it('names the file it cannot write, in one line', () => {
    const gone = path.join(dir, 'gone');
    expect(() => writeModel(gone, files, sortCard())).toThrow(OutputError);
    expect(() => writeModel(gone, files, sortCard())).toThrow(
      /^cannot write .*gone\/sort-nano\.safetensors: ENOENT/,
    );
  });
});
