/**
 * The reversal task: six digits, then the same digits in reverse order. Each answer position
 * must read one fixed prompt position (the mirror image), so attention learns an anti-diagonal
 * pattern instead of sort's counting.
 *
 * Dimension legend:
 *   P = 6 prompt digits, A = 6 answer digits, L = 11 model input positions.
 *
 * 10^6 prompts. Held out: those whose FNV-1a hash is 0 mod 10 (about 100,000), never trained on.
 */
import { digitsOf, hashTokens, parseSymbols, type Task } from './task.ts';

const VOCAB = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
/** Digits in a prompt. */
const LENGTH = 6;
/** One prompt in HELD_OUT_MOD is held out. */
const HELD_OUT_MOD = 10;
const RULE = `Type exactly ${LENGTH} digits, each 0 to 9`;

export const reverseTask: Task = {
  name: 'reverse',
  description: 'Write six digits in reverse order.',
  vocab: VOCAB,
  promptLength: LENGTH,
  answerLength: LENGTH,
  blockSize: 2 * LENGTH - 1,
  inputRule: RULE,
  exampleInput: '207318',
  heldOutRule: `prompts whose FNV-1a hash of the token ids is 0 mod ${HELD_OUT_MOD}`,
  promptCount: VOCAB.length ** LENGTH,

  parseInput: (text) => parseSymbols(text, VOCAB, LENGTH, RULE, 'digit'),
  expected: (prompt) => [...prompt].reverse(),
  check: (prompt, answer) => reverseTask.expected(prompt).join() === [...answer].join(),
  format: (tokens) => tokens.map((t) => VOCAB[t] ?? '?').join(''),
  promptAt: (index) => digitsOf(index, VOCAB.length, LENGTH),
  isHeldOut: (prompt) => hashTokens(prompt) % HELD_OUT_MOD === 0,
};
