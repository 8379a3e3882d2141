/**
 * Scene layout: one block per tensor of a forward pass, placed in the order data flows.
 * Pure: a trace and the model's weight shapes in, placed blocks out (no three, no React).
 *
 * World units: one cell is 1 unit. Layers flow top to bottom (-y), each sublayer (attention,
 * MLP) one row read left to right (+x). Every row opens with the residual stream it reads, so
 * the residual blocks form a spine down the left edge (x from 0 to their width). A row is a
 * line of stacks; a stack is blocks one above the other (a weight above the output it makes,
 * so that their columns line up); the stacks of a row share one bottom line. Blocks are thin
 * slabs in the x-y plane facing +z, each with its label just above it.
 */
import type { Axis } from '../../engine/tensor.ts';
import type { Trace } from '../../engine/trace.ts';
import { INPUT_IDS, recordedName } from '../../engine/trace.ts';
import { gridFor, type CellGrid } from './grid.ts';

/** Weights, the input token ids, or activations written by a step. */
export type BlockRole = 'input' | 'weight' | 'activation';

/** An axis-aligned box in world units. */
export interface Box {
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
}

/** A label's rectangle in the z = 0 plane. */
export interface LabelRect {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SceneBlock {
  /** Step name, state_dict weight name, or `input_ids`. */
  readonly id: string;
  readonly role: BlockRole;
  readonly layer: number | null;
  /** Index of the step that writes it; null for weights and input ids. */
  readonly step: number | null;
  readonly shape: readonly number[];
  readonly grid: CellGrid;
  readonly box: Box;
  readonly label: LabelRect;
  /** Index of the layout row (along the flow) that holds the block. */
  readonly row: number;
}

/** What a row of the layout holds, for its title. */
export type RowKind = 'embedding' | 'attention' | 'mlp' | 'output';

/**
 * A row's title, left of the row on its bottom line, ending at `right`. The text is the app's
 * (UI text files), so only its line height and place are laid out here; the bounds leave room
 * for TITLE_CHARS characters.
 */
export interface RowTitle {
  readonly kind: RowKind;
  readonly layer: number | null;
  /** Where the title line ends (it is right-aligned). */
  readonly right: number;
  /** Bottom of the title line. */
  readonly y: number;
  readonly height: number;
}

/** Characters of the longest row title the bounds make room for ("Block 11 · attention"). */
export const TITLE_CHARS = 20;

export interface SceneLayout {
  readonly blocks: readonly SceneBlock[];
  readonly byId: ReadonlyMap<string, SceneBlock>;
  /** Names that share another block's tensor (a tied `lm_head.weight` → `transformer.wte.weight`). */
  readonly aliases: ReadonlyMap<string, string>;
  /** One title per row: the embeddings, each block's attention and MLP, the output. */
  readonly titles: readonly RowTitle[];
  /** The residual stream: a bar through the centres of the spine blocks. */
  readonly spine: { readonly x: number; readonly top: number; readonly bottom: number };
  readonly bounds: Box;
  /** Height of a label line; gaps scale with it. */
  readonly unit: number;
}

/** Thickness of a slab, in cells. */
export const SLAB_DEPTH = 1;
/** Width of a monospace glyph as a share of the line height (the label font's advance). */
export const GLYPH_ASPECT = 0.6;
/** Label line height as a share of the residual stream width (2 cells at least). */
const LABEL_SHARE = 1 / 20;
const MIN_LABEL_HEIGHT = 2;
/** Smallest label of a narrow block, as a share of the label line. */
const MIN_LABEL_SCALE = 0.5;
/**
 * Row titles are this many times taller than block labels, so that they read when the whole
 * model is in view (a block label then is a pixel or two high).
 */
const TITLE_SCALE = 8;

/** What the layout needs to know of one tensor. */
interface TensorInfo {
  readonly shape: readonly number[];
  readonly axes: readonly Axis[];
}

interface Pending {
  id: string;
  role: BlockRole;
  layer: number | null;
  step: number | null;
  info: TensorInfo;
  grid: CellGrid;
  text: string;
}

/** Names of a block's weights in the state_dict. */
const hw = (l: number, name: string): string => `transformer.h.${l}.${name}`;

/**
 * The rows of stacks, top to bottom; ids absent from the model (biases, wpe) drop out.
 * Each sublayer is one row read left to right, opening with the residual stream it reads.
 */
function plan(
  nLayer: number,
  tied: boolean,
): { kind: RowKind; layer: number | null; stacks: string[][] }[] {
  const ln = (b: string, w: string): string[][] => [
    [`${b}.hook_mean`],
    [`${b}.hook_scale`],
    [`${b}.hook_normalized`],
    [`${w}.weight`, `${w}.bias`, `${b}.hook_out`],
  ];
  const rows: { kind: RowKind; layer: number | null; stacks: string[][] }[] = [
    {
      kind: 'embedding',
      layer: null,
      stacks: [
        [INPUT_IDS],
        ['transformer.wte.weight', 'hook_embed'],
        ['transformer.wpe.weight', 'hook_pos_embed'],
      ],
    },
  ];
  let resid = 'blocks.0.hook_resid_pre';
  for (let l = 0; l < nLayer; l++) {
    const b = `blocks.${l}`;
    const a = `${b}.attn`;
    rows.push(
      {
        kind: 'attention',
        layer: l,
        stacks: [
          [resid],
          ...ln(`${b}.ln1`, hw(l, 'ln_1')),
          [hw(l, 'attn.c_attn.weight'), hw(l, 'attn.c_attn.bias'), `${a}.hook_qkv`],
          [`${a}.hook_q`],
          [`${a}.hook_k`],
          [`${a}.hook_v`],
          [`${a}.hook_attn_scores_raw`],
          [`${a}.hook_attn_scores`],
          [`${a}.hook_pattern`],
          [`${a}.hook_z`],
          [hw(l, 'attn.c_proj.weight')],
          [`${a}.hook_result`],
          [hw(l, 'attn.c_proj.bias'), `${b}.hook_attn_out`],
        ],
      },
      {
        kind: 'mlp',
        layer: l,
        stacks: [
          [`${b}.hook_resid_mid`],
          ...ln(`${b}.ln2`, hw(l, 'ln_2')),
          [hw(l, 'mlp.c_fc.weight'), hw(l, 'mlp.c_fc.bias'), `${b}.mlp.hook_pre`],
          [`${b}.mlp.hook_post`],
          [hw(l, 'mlp.c_proj.weight'), hw(l, 'mlp.c_proj.bias'), `${b}.hook_mlp_out`],
        ],
      },
    );
    resid = `${b}.hook_resid_post`;
  }
  rows.push({
    kind: 'output',
    layer: null,
    stacks: [
      [resid],
      ...ln('ln_final', 'transformer.ln_f'),
      [...(tied ? [] : ['lm_head.weight']), 'hook_logits'],
      ['hook_probs'],
    ],
  });
  return rows;
}

/** A block's label: its name without the layer prefix, and the shape it shows. */
function labelText(id: string, info: TensorInfo, grid: CellGrid, sharedWith?: string): string {
  const name = id.replace(/^blocks\.\d+\./, '').replace(/^transformer\.(h\.\d+\.)?/, '');
  const dims = grid.transposed ? [...info.shape].reverse() : info.shape;
  const shared = sharedWith ? ` = ${sharedWith}` : '';
  return `${name}${grid.transposed ? 'ᵀ' : ''}${shared}  ${dims.join('×')}`;
}

/**
 * Places every tensor of a forward pass: the input ids, each weight, each recorded step.
 * @param trace the forward pass (its config fixes the structure, its steps the shapes)
 * @param weights the model's weights by state_dict name (shapes and axes are read)
 * @throws Error when a step of the trace has no place in the plan (a name the scene does not know).
 */
export function layoutScene(
  trace: Pick<Trace, 'config' | 'steps' | 'tokens'>,
  weights: ReadonlyMap<string, TensorInfo>,
): SceneLayout {
  const { config, steps } = trace;
  const tied = config.tiedLmHead;
  const aliases = new Map<string, string>();
  if (tied) aliases.set('lm_head.weight', 'transformer.wte.weight');
  // TransformerLens names a block's input after block 0; the engine records it once
  for (let l = 1; l < config.nLayer; l++) {
    const name = `blocks.${l}.hook_resid_pre`;
    aliases.set(name, recordedName(name));
  }

  // Every tensor the plan may name, with its role and grid
  const pending = new Map<string, Pending>();
  const add = (id: string, p: Omit<Pending, 'grid' | 'text' | 'id'>, transpose: boolean) => {
    const grid = gridFor(p.info.shape, p.info.axes, transpose);
    const shared = tied && id === 'transformer.wte.weight' ? 'lm_head' : undefined;
    pending.set(id, { ...p, id, grid, text: labelText(id, p.info, grid, shared) });
  };
  const ids: TensorInfo = { shape: [trace.tokens.length], axes: ['pos'] };
  add(INPUT_IDS, { role: 'input', layer: null, step: null, info: ids }, false);
  for (const [name, info] of weights) {
    const layer = /^transformer\.h\.(\d+)\./.exec(name);
    const isTable = name === 'transformer.wte.weight' || name === 'transformer.wpe.weight';
    // The MLP's down-projection (C, 4C) stays as stored: transposed it would stand 4C cells
    // tall and make the MLP row several times taller than the others
    const isDown = name.endsWith('.mlp.c_proj.weight');
    const p = { role: 'weight' as const, layer: layer ? Number(layer[1]) : null, step: null, info };
    add(name, p, info.shape.length === 2 && !isTable && !isDown);
  }
  for (const s of steps) {
    const p = { role: 'activation' as const, layer: s.layer, step: s.index, info: s.output };
    add(s.name, p, false);
  }

  // Sizes that scale with the model: label line, gaps between blocks, rows and the spine
  const residWidth = pending.get('blocks.0.hook_resid_pre')?.grid.width ?? config.nEmbd;
  const unit = Math.max(MIN_LABEL_HEIGHT, residWidth * LABEL_SHARE);
  const labelGap = unit * 0.4;
  const stackGap = unit * 0.8;
  const itemGap = unit * 1.25;
  const rowGap = unit * 3;
  const titleHeight = unit * TITLE_SCALE;
  const titleGap = unit * 3;

  const blocks: SceneBlock[] = [];
  const placed = new Set<string>();
  const titles: RowTitle[] = [];
  let y = 0;
  let row = 0;
  const minX = -titleGap - TITLE_CHARS * GLYPH_ASPECT * titleHeight;
  let maxX = residWidth;

  for (const r of plan(config.nLayer, tied)) {
    const stacks = r.stacks
      .map((s) => s.map((id) => pending.get(id)).filter((p): p is Pending => p !== undefined))
      .filter((s) => s.length > 0);
    if (stacks.length === 0) continue;
    // A label over a narrow block shrinks towards the block's width (to MIN_LABEL_SCALE of a
    // line), so that long names do not spread the row
    const labelH = (p: Pending) =>
      Math.min(
        unit,
        Math.max(unit * MIN_LABEL_SCALE, p.grid.width / (p.text.length * GLYPH_ASPECT)),
      );
    const labelW = (p: Pending) => p.text.length * GLYPH_ASPECT * labelH(p);
    const footW = (p: Pending) => Math.max(p.grid.width, labelW(p));
    const footH = (p: Pending) => p.grid.height + labelGap + unit;
    const stackH = (s: Pending[]) =>
      s.reduce((h, p) => h + footH(p), 0) + (s.length - 1) * stackGap;
    const rowH = Math.max(...stacks.map(stackH));
    const bottom = y - rowH;
    titles.push({ kind: r.kind, layer: r.layer, right: -titleGap, y: bottom, height: titleHeight });
    let x = 0;
    for (const s of stacks) {
      let top = bottom + stackH(s);
      for (const p of s) {
        const blockTop = top - unit - labelGap;
        const blockBottom = blockTop - p.grid.height;
        const d = SLAB_DEPTH / 2;
        blocks.push({
          id: p.id,
          role: p.role,
          layer: p.layer,
          step: p.step,
          shape: p.info.shape,
          grid: p.grid,
          box: { min: [x, blockBottom, -d], max: [x + p.grid.width, blockTop, d] },
          label: {
            text: p.text,
            x,
            y: top - unit,
            width: labelW(p),
            height: labelH(p),
          },
          row,
        });
        placed.add(p.id);
        top = blockBottom - stackGap;
      }
      x += Math.max(...s.map(footW)) + itemGap;
    }
    maxX = Math.max(maxX, x - itemGap);
    y = bottom - rowGap;
    row++;
  }

  for (const s of steps) {
    if (!placed.has(s.name)) throw new Error(`scene: step '${s.name}' has no place in the layout`);
  }

  const resid = blocks.filter((b) => /resid_(pre|mid|post)$/.test(b.id));
  const spine = {
    x: residWidth / 2,
    top: resid.length ? resid[0].box.max[1] : 0,
    bottom: resid.length ? resid[resid.length - 1].box.min[1] : 0,
  };
  const d = SLAB_DEPTH / 2;
  return {
    blocks,
    byId: new Map(blocks.map((b) => [b.id, b])),
    aliases,
    titles,
    spine,
    bounds: { min: [minX, y + rowGap, -d], max: [maxX, 0, d] },
    unit,
  };
}

/** The block that holds a tensor, following aliases (a tied lm_head is drawn as wte). */
export function blockOf(layout: SceneLayout, name: string): SceneBlock | undefined {
  return layout.byId.get(layout.aliases.get(name) ?? name);
}

/** Whether two boxes overlap (touching faces do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  for (let i = 0; i < 3; i++) {
    if (a.max[i] <= b.min[i] || b.max[i] <= a.min[i]) return false;
  }
  return true;
}
