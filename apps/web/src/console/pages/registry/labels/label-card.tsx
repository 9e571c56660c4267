// One printed building label: the QR code (an opaque link, nothing personal), the building's name,
// code and address, and what scanning it does.
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TLabel } from '../shared/types.ts';

/** The server's SVG as an image source: an <img> never runs markup, unlike injecting the SVG. */
function svgSource(svg: string): string {
  const standalone = svg.includes('xmlns=')
    ? svg
    : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(standalone)}`;
}

export function LabelCard({ label, isHighlighted }: { label: TLabel; isHighlighted: boolean }) {
  const t = useT();
  return (
    <div
      className={isHighlighted ? 'label-card is-highlighted' : 'label-card'}
      id={`label-${label.buildingId}`}
      data-testid="label"
      data-url={label.url}
    >
      <img className="label-qr" src={svgSource(label.qrSvg)} alt={t('labels.qrAlt', { code: label.code })} />
      <div className="label-name">{label.name}</div>
      <div className="label-code">{label.code}</div>
      <div className="label-address">{label.address}</div>
      <div className="label-instruction">{t('labels.instruction')}</div>
    </div>
  );
}
