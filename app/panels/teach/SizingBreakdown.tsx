/**
 * One model's parameters and forward FLOPs by component, each with its share of the total.
 */
import { fill } from '../../run/texts.ts';
import { formatNumber } from '../../chapters/template.ts';
import type { SizedModel } from './sizingModels.ts';

export interface SizingBreakdownProps {
  model: SizedModel;
  t: Readonly<Record<string, string>>;
}

const pct = (share: number) => `${(share * 100).toFixed(share < 0.001 ? 3 : 1)}%`;

export function SizingBreakdown({ model, t }: SizingBreakdownProps) {
  const { params: p, flops: f, config } = model.sizing;
  const L = config.nLayer;
  const totalP = p.total.count;
  const totalF = f.forward.count;
  const paramRows = [
    [t.embedding, p.wte.count],
    [t.positions, p.wpe.count],
    [t.attention, p.attn.count * L],
    [t.mlpAll, p.mlp.count * L],
    [t.norms, (p.ln1.count + p.ln2.count) * L + p.lnF.count],
    [t.head, p.lmHead.count],
  ] as const;
  const flopRows = [
    [t.attnFlops, f.attn.count * L],
    [t.mlpFlops, f.mlp.count * L],
    [t.headFlops, f.lmHead.count],
  ] as const;

  return (
    <table className="breakdown" data-testid="sizing-breakdown">
      <caption>{model.name}</caption>
      <thead>
        <tr>
          <th>{t.component}</th>
          <th>{t.params}</th>
          <th>{t.share}</th>
        </tr>
      </thead>
      <tbody>
        {paramRows.map(([label, n]) => (
          <tr key={label}>
            <td>{label}</td>
            <td>{formatNumber(n)}</td>
            <td>{pct(n / totalP)}</td>
          </tr>
        ))}
        <tr className="total">
          <td />
          <td>{formatNumber(totalP)}</td>
          <td>100%</td>
        </tr>
      </tbody>
      <thead>
        <tr>
          <th>{t.component}</th>
          <th>{fill(t.tokens, { t: model.sizing.nTokens })}</th>
          <th>{t.share}</th>
        </tr>
      </thead>
      <tbody>
        {flopRows.map(([label, n]) => (
          <tr key={label}>
            <td>{label}</td>
            <td>{formatNumber(n)}</td>
            <td>{pct(n / totalF)}</td>
          </tr>
        ))}
        <tr className="total">
          <td />
          <td>{formatNumber(totalF)}</td>
          <td>100%</td>
        </tr>
      </tbody>
    </table>
  );
}
