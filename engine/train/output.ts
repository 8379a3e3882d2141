/**
 * Where the training command writes: <out>/<id>.safetensors, <out>/<id>.json and
 * <out>/index.json. The directory is made and proven writable before training starts, so a
 * bad --out costs seconds, not a trained model. Every failure is an OutputError in one line.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../errors.ts';
import type { ModelCard } from '../io/model-file.ts';

/** File written and removed again to prove the directory takes new files. */
const PROBE_FILE = '.train-write-check';
/** The list of model ids in the output directory. */
const INDEX_FILE = 'index.json';
/** Spaces per indent level of index.json. */
const INDEX_INDENT = 2;

/** What index.json holds: the models, and the one the app opens first. */
interface ModelIndex {
  models: { id: string; name: string; task: string; description: string }[];
  default?: string;
}

/** A file-system error in words, without a stack. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
      return 'part of the path is a file, not a directory';
    case 'EEXIST':
      return 'it is a file, not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error).message;
  }
}

/** The directory's index.json, or an empty one when there is none. */
function readIndex(out: string): ModelIndex {
  const file = path.join(out, INDEX_FILE);
  if (!existsSync(file)) return { models: [] };
  let index: unknown;
  try {
    index = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new OutputError(`cannot read ${file}: ${reason(e)}`);
  }
  const models = (index as Partial<ModelIndex> | null)?.models;
  if (!Array.isArray(models)) {
    throw new OutputError(`${file} must be a JSON object with a "models" list`);
  }
  return index as ModelIndex;
}

/**
 * Makes a directory and its missing parents one level at a time. (Node 20's recursive mkdirSync
 * retries for ever where the kernel answers ENOENT to a mkdir, as it does under /proc.)
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirs(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    // The parent exists, so ENOENT here means it takes no new directories
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('the directory cannot be made there');
    }
    throw e;
  }
}

/**
 * Makes the output directory (with its parents) and checks that it takes files and that its
 * index.json, if any, can be updated.
 * @throws OutputError saying why the directory cannot be used
 */
export function prepareOutDir(out: string): void {
  try {
    makeDirs(path.resolve(out));
    if (!statSync(out).isDirectory()) throw Object.assign(new Error(), { code: 'EEXIST' });
    const probe = path.join(out, PROBE_FILE);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new OutputError(`cannot write to --out ${out}: ${reason(e)}`);
  }
  readIndex(out);
}

/**
 * Writes <out>/<id>.safetensors and <out>/<id>.json and adds or replaces the id in index.json
 * (the first model written becomes the default).
 * @returns the paths written
 * @throws OutputError saying which file could not be written and why
 */
export function writeModel(
  out: string,
  files: { card: string; safetensors: Uint8Array },
  card: ModelCard,
): string[] {
  const index = readIndex(out);
  const entry = {
    id: card.id,
    name: card.name,
    task: card.task.name,
    description: card.description,
  };
  const i = index.models.findIndex((m) => m.id === card.id);
  if (i >= 0) index.models[i] = entry;
  else index.models.push(entry);
  index.default ??= card.id;

  const writes: [string, string | Uint8Array][] = [
    [path.join(out, `${card.id}.safetensors`), files.safetensors],
    [path.join(out, `${card.id}.json`), files.card],
    [path.join(out, INDEX_FILE), `${JSON.stringify(index, null, INDEX_INDENT)}\n`],
  ];
  for (const [file, data] of writes) {
    try {
      writeFileSync(file, data);
    } catch (e) {
      throw new OutputError(`cannot write ${file}: ${reason(e)}`);
    }
  }
  return writes.map(([file]) => file);
}
