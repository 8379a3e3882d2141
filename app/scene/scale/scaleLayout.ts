/**
 * Architectures at their true relative scale: one tower per model, one slab per block. Structure
 * only, no values. Pure: configs in, boxes out.
 *
 * World units: one unit is one channel of d_model. A block's slab is C wide (x) and C deep (z)
 * and BLOCK_HEIGHT tall, so its volume, 12·C², grows as its parameters do (12C² + 13C). The token
 * embedding lies under each tower as a plate of volume V·C (C by C by V / C).
 */
import type { ModelConfig } from '../../../engine/model/config.ts';
import type { Box } from '../layout.ts';

/** Height of a block slab: 12 makes its volume 12·C², the block's weight count. */
export const BLOCK_HEIGHT = 12;
/** Space between slabs, as a share of BLOCK_HEIGHT. */
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

/** Places the models left to right, in the order given, all standing on y = 0. */
export function scaleLayout(models: readonly ScaleModel[]): ScaleLayout {
  const blocks: Slab[] = [];
  const embeddings: Slab[] = [];
  const towers: Tower[] = [];
  const step = BLOCK_HEIGHT * (1 + LAYER_GAP);
  let x = 0;
  models.forEach(({ name, config }, m) => {
    const C = config.nEmbd;
    if (m > 0) x += TOWER_GAP * Math.max(C, models[m - 1].config.nEmbd);
    const cx = x + C / 2;
    const plate = Math.max(MIN_PLATE, config.vocabSize / C);
    embeddings.push({ center: [cx, plate / 2, 0], size: [C, plate, C], model: m });
    const base = plate + BLOCK_HEIGHT * LAYER_GAP;
    for (let l = 0; l < config.nLayer; l++) {
      blocks.push({
        center: [cx, base + l * step + BLOCK_HEIGHT / 2, 0],
        size: [C, BLOCK_HEIGHT, C],
        model: m,
      });
    }
    const top = base + config.nLayer * step;
    towers.push({ name, box: { min: [x, 0, -C / 2], max: [x + C, top, C / 2] } });
    x += C;
  });
  const maxC = Math.max(...models.map((m) => m.config.nEmbd));
  const maxTop = Math.max(...towers.map((t) => t.box.max[1]));
  return {
    blocks,
    embeddings,
    towers,
    bounds: { min: [0, 0, -maxC / 2], max: [x, maxTop, maxC / 2] },
  };
}
