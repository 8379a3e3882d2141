/**
 * Architectures at their true relative scale: one tower per model, one slab per block. Structure
 * only, no values. Pure: configs in, boxes out.
 *
 * World units: one unit is one channel of d_model. A block is a square plate facing the camera,
 * C wide (x) and C tall (y), BLOCK_DEPTH thick, so its volume, 12·C², grows as its parameters do
 * (12C² + 13C). Blocks stack one behind the other (-z) in the order data flows; the token
 * embedding stands in front as a plate of volume V·C (C by C by V / C).
 */
import type { ModelConfig } from '../../../engine/model/config.ts';
import type { Box } from '../layout.ts';

/** Thickness of a block plate: 12 makes its volume 12·C², the block's weight count. */
export const BLOCK_DEPTH = 12;
/** Space between plates, as a share of BLOCK_DEPTH. */
const LAYER_GAP = 0.5;
/** Space between towers, as a share of the wider neighbour's width. */
const TOWER_GAP = 0.35;
/** Thinnest embedding plate drawn, so a tiny vocabulary still shows. */
const MIN_PLATE = 0.5;

export interface ScaleModel {
  readonly name: string;
  readonly config: ModelConfig;
}

/** A box by its centre and size. */
export interface Slab {
  readonly center: readonly [number, number, number];
  readonly size: readonly [number, number, number];
  /** Index of the model it belongs to. */
  readonly model: number;
}

export interface Tower {
  readonly name: string;
  readonly box: Box;
}

export interface ScaleLayout {
  readonly blocks: readonly Slab[];
  readonly embeddings: readonly Slab[];
  readonly towers: readonly Tower[];
  readonly bounds: Box;
}

/** Places the models left to right, in the order given, all standing on y = 0, fronts at z = 0. */
export function scaleLayout(models: readonly ScaleModel[]): ScaleLayout {
  const blocks: Slab[] = [];
  const embeddings: Slab[] = [];
  const towers: Tower[] = [];
  const step = BLOCK_DEPTH * (1 + LAYER_GAP);
  let x = 0;
  models.forEach(({ name, config }, m) => {
    const C = config.nEmbd;
    if (m > 0) x += TOWER_GAP * Math.max(C, models[m - 1].config.nEmbd);
    const [cx, cy] = [x + C / 2, C / 2];
    const plate = Math.max(MIN_PLATE, config.vocabSize / C);
    embeddings.push({ center: [cx, cy, -plate / 2], size: [C, C, plate], model: m });
    const front = plate + BLOCK_DEPTH * LAYER_GAP;
    for (let l = 0; l < config.nLayer; l++) {
      const z = -(front + l * step + BLOCK_DEPTH / 2);
      blocks.push({ center: [cx, cy, z], size: [C, C, BLOCK_DEPTH], model: m });
    }
    const back = front + config.nLayer * step;
    towers.push({ name, box: { min: [x, 0, -back], max: [x + C, C, 0] } });
    x += C;
  });
  const maxC = Math.max(...models.map((m) => m.config.nEmbd));
  const maxBack = Math.max(...towers.map((t) => -t.box.min[2]));
  return { blocks, embeddings, towers, bounds: { min: [0, 0, -maxBack], max: [x, maxC, 0] } };
}
