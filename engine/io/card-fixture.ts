/** Test fixtures: a complete model card and a way to break one field of it. */
import type { ModelCard } from './model-card.ts';

/** A complete card for the minGPT sort config (vocab A, B, C). */
export function sortCard(): ModelCard {
  return {
    id: 'sort-nano',
    name: 'Sorter (nano)',
    description: 'Sorts six letters from A, B and C.',
    config: {
      n_layer: 3,
      n_head: 3,
      n_embd: 48,
      vocab_size: 3,
      block_size: 11,
      bias: true,
      activation: 'gelu_tanh',
      pos_encoding: 'learned',
      tied_lm_head: false,
    },
    task: { name: 'sort', vocab: ['A', 'B', 'C'], length: 6 },
    training: {
      steps: 2000,
      batch_size: 64,
      learning_rate: 5e-4,
      weight_decay: 0.1,
      warmup_steps: 100,
      grad_clip: 1,
      seed: 1337,
    },
    results: {
      final_train_loss: 0.0123,
      final_val_loss: 0.0131,
      exact_match: { accuracy: 0.998, evaluated_on: '1000 held-out random lists', n: 1000 },
      training_seconds: 95.5,
      machine: '2-core CPU, Node 20',
    },
    date: '2025-12-03',
  };
}

/** The card with one dotted field replaced (undefined deletes it). */
export function withField(pathText: string, value: unknown): Record<string, unknown> {
  const card = structuredClone(sortCard()) as unknown as Record<string, unknown>;
  const keys = pathText.split('.');
  let at = card;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  if (value === undefined) delete at[keys[keys.length - 1]];
  else at[keys[keys.length - 1]] = value;
  return card;
}
