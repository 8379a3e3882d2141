/**
 * The sorting task of minGPT's demo: six letters from {A, B, C}, then the same letters sorted.
 *
 * Dimension legend:
 *   P = 6 prompt letters, A = 6 answer letters, L = 11 model input positions.
 *
 * 3^6 = 729 prompts. Held out: those whose FNV-1a hash is 0 mod 10 (about 73), never trained on;
 * the shipped model is measured on all 729.
 */
import { digitsOf, hashTokens, parseSymbols, type Task } from './task.ts';

const VOCAB = ['A', 'B', 'C'] as const;
/** Letters in a prompt (minGPT's SortDataset length). */
const LENGTH = 6;
/** One prompt in HELD_OUT_MOD is held out. */
const HELD_OUT_MOD = 10;
const RULE = `Type exactly ${LENGTH} letters, each A, B or C`;

export const sortTask: Task = {
  name: 'sort',
  description: 'Sort six letters from {A, B, C} into alphabetical order.',
  vocab: VOCAB,
  promptLength: LENGTH,
  answerLength: LENGTH,
  blockSize: 2 * LENGTH - 1,
  inputRule: RULE,
  exampleInput: 'CABBCA',
  heldOutRule: `prompts whose FNV-1a hash of the token ids is 0 mod ${HELD_OUT_MOD}`,
  promptCount: VOCAB.length ** LENGTH,

  parseInput: (text) => parseSymbols(text, VOCAB, LENGTH, RULE, 'letter'),
  expected: (prompt) => [...prompt].sort((a, b) => a - b),
  check: (prompt, answer) => sortTask.expected(prompt).join() === [...answer].join(),
  format: (tokens) => tokens.map((t) => VOCAB[t] ?? '?').join(''),
  promptAt: (index) => digitsOf(index, VOCAB.length, LENGTH),
  isHeldOut: (prompt) => hashTokens(prompt) % HELD_OUT_MOD === 0,
};
