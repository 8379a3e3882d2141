/**
 * Forward-pass benchmark (`npm run bench`): median time of a fully recorded forward pass and the
 * memory its trace holds, for the minGPT sort model and a GPT-2-small-shaped random model.
 *
 * Dimension legend: T tokens per pass; every figure is for one sequence (batch 1).
 */
import os from 'node:os';
import { PRESETS } from '../model/config.ts';
import { forward } from '../model/gpt.ts';
import { buildModel, randomModel, type Model } from '../model/weights.ts';
import { makeRng } from '../random.ts';
import type { Trace } from '../trace.ts';
import { hasReference, loadReferenceModel } from './reference.ts';

/** Tokens per GPT-2 pass, as the issue asks. */
const GPT2_TOKENS = 64;
/** Timed runs (after WARMUP_RUNS untimed ones) per case. */
const SORT_RUNS = 200;
const GPT2_RUNS = 5;
const WARMUP_RUNS = 2;
/** Seeds for the random weights and the random GPT-2 input. */
const WEIGHT_SEED = 1;
const INPUT_SEED = 2;
const BYTES_PER_MB = 1024 * 1024;
const MICROSECONDS_PER_MS = 1000;
/** minGPT sort input row 0 of the reference partials: 0 0 2 1 0 1 0 0 0 0 0. */
const SORT_INPUT = [0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const traceBytes = (trace: Trace): number =>
  trace.steps.reduce((sum, s) => sum + s.output.data.byteLength, 0);

function bench(label: string, model: Model, ids: number[], runs: number): void {
  for (let i = 0; i < WARMUP_RUNS; i++) forward(model, ids);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let trace: Trace | null = null;
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    trace = forward(model, ids).trace;
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / MICROSECONDS_PER_MS);
  }
  const mb = traceBytes(trace!) / BYTES_PER_MB;
  console.log(
    `${label}: T=${ids.length}, median ${median(times).toFixed(2)} ms over ${runs} runs ` +
      `(min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)}; ` +
      `CPU time median ${median(cpuTimes).toFixed(2)} ms), ` +
      `trace ${trace!.steps.length} steps, ${mb.toFixed(2)} MB`,
  );
}

const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, node ${process.version}, ` +
    `${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(2)}`,
);

// minGPT sort model: the PyTorch reference weights when present.
const sortModel = hasReference()
  ? (() => {
      const { config, tensors } = loadReferenceModel();
      return buildModel(config, tensors);
    })()
  : randomModel(PRESETS.mingptSort, WEIGHT_SEED);
const sortLabel = `minGPT sort (${hasReference() ? 'reference' : 'random'} weights)`;
bench(sortLabel, sortModel, SORT_INPUT, SORT_RUNS);

// GPT-2 small shape, random weights.
const t0 = performance.now();
const gpt2 = randomModel(PRESETS.gpt2, WEIGHT_SEED);
const nParams = [...gpt2.weights]
  .filter(([n]) => n !== 'lm_head.weight')
  .reduce((s, [, t]) => s + t.data.length, 0);
console.log(
  `GPT-2 small random model: ${(nParams / 1e6).toFixed(1)}M parameters built in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const rng = makeRng(INPUT_SEED);
const gpt2Ids = Array.from({ length: GPT2_TOKENS }, () => rng.int(PRESETS.gpt2.vocabSize));
bench('GPT-2 small (random weights)', gpt2, gpt2Ids, GPT2_RUNS);
