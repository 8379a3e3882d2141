/**
 * The Task interface: a toy problem a tiny GPT learns, with its vocabulary, prompt format, answer
 * check, input validation, training sampler and evaluation split.
 *
 * Dimension legend:
 *   P   prompt tokens (promptLength)
 *   A   answer tokens (answerLength)
 *   L   blockSize = P + A - 1, the model's input length when training (the last answer token is
 *       only a target, never an input)
 */
import { InputError } from '../../errors.ts';
import type { Rng } from '../../random.ts';
import { NOT_SCORED } from '../loss.ts';

/** Which prompts an evaluation runs on. */
export type Split = 'train' | 'heldout' | 'all';

export interface Task {
  /** Registry key, also the id of the shipped model. */
  readonly name: string;
  /** One line saying what the model learns. */
  readonly description: string;
  /** Readable token strings, in id order. */
  readonly vocab: readonly string[];
  /** Tokens in a prompt. */
  readonly promptLength: number;
  /** Tokens in an answer. */
  readonly answerLength: number;
  /** Context the model needs: promptLength + answerLength - 1. */
  readonly blockSize: number;
  /** What a person may type, e.g. "Type exactly 6 letters, each A, B or C". */
  readonly inputRule: string;
  /** A valid input text, for placeholders. */
  readonly exampleInput: string;
  /** How the held-out split is chosen, in words, for the model card. */
  readonly heldOutRule: string;
  /** Number of distinct prompts. */
  readonly promptCount: number;

  /** Prompt token ids from a person's text. @throws InputError saying what is allowed */
  parseInput(text: string): number[];
  /** The right answer to a prompt (A). */
  expected(prompt: readonly number[]): number[];
  /** Whether an answer is right for a prompt. */
  check(prompt: readonly number[], answer: readonly number[]): boolean;
  /** Tokens as text, e.g. [0, 2, 1] -> 'ACB'. */
  format(tokens: readonly number[]): string;
  /** The prompt with a given index in 0..promptCount-1 (the enumeration order). */
  promptAt(index: number): number[];
  /** Whether a prompt belongs to the held-out split, never trained on. */
  isHeldOut(prompt: readonly number[]): boolean;
}

/** One training sequence: model input and the next-token targets. */
export interface Example {
  /** Input token ids (L). */
  readonly input: number[];
  /** Next token at each input position, NOT_SCORED on prompt positions (L). */
  readonly targets: number[];
}

/** The training sequence of a prompt: prompt then answer, scored on the answer positions only. */
export function makeExample(task: Task, prompt: readonly number[]): Example {
  const seq = [...prompt, ...task.expected(prompt)]; // (P + A)
  const input = seq.slice(0, -1); // (L)
  const targets = seq.slice(1).map((tok, i) => (i < task.promptLength - 1 ? NOT_SCORED : tok)); // (L)
  return { input, targets };
}

/** A random prompt of the given split (rejection sampling over all prompts). */
export function samplePrompt(task: Task, rng: Rng, split: Split): number[] {
  for (;;) {
    const prompt = task.promptAt(rng.int(task.promptCount));
    if (split === 'all' || task.isHeldOut(prompt) === (split === 'heldout')) return prompt;
  }
}

/** Every prompt of a split, in enumeration order. */
export function promptsOf(task: Task, split: Split): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < task.promptCount; i++) {
    const p = task.promptAt(i);
    if (split === 'all' || task.isHeldOut(p) === (split === 'heldout')) out.push(p);
  }
  return out;
}

/** FNV-1a offset basis and prime (32-bit), a fixed hash for choosing the held-out split. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A fixed 32-bit hash of a token sequence (FNV-1a over the ids). */
export function hashTokens(tokens: readonly number[]): number {
  let h = FNV_OFFSET;
  for (const t of tokens) h = Math.imul(h ^ (t & 0xff), FNV_PRIME) >>> 0;
  return h;
}

/** The digits of index in base b, most significant first, n of them. */
export function digitsOf(index: number, b: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = index % b;
    index = Math.floor(index / b);
  }
  return out;
}

/**
 * Parses text as exactly n symbols from vocab (whitespace ignored, letters case-insensitive).
 * @param rule the sentence telling what is allowed, e.g. "Type exactly 6 letters, each A, B or C"
 * @param noun what one symbol is called ('letter', 'digit'), for the count message
 * @throws InputError starting with the rule, then what was wrong
 */
export function parseSymbols(
  text: string,
  vocab: readonly string[],
  n: number,
  rule: string,
  noun: string,
): number[] {
  const clean = text.replace(/\s+/g, '').toUpperCase();
  if (clean.length === 0) throw new InputError(`${rule} (got nothing)`);
  const bad = [...clean].find((ch) => !vocab.includes(ch));
  if (bad !== undefined) throw new InputError(`${rule} (got '${clean}': '${bad}' is not allowed)`);
  if (clean.length !== n) {
    const count = `${clean.length} ${noun}${clean.length === 1 ? '' : 's'}`;
    throw new InputError(`${rule} (got '${clean}': ${count})`);
  }
  return [...clean].map((ch) => vocab.indexOf(ch));
}
