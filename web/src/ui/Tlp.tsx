import { useTranslation } from 'react-i18next';
import './tlp.css';

export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

/**
 * A TLP 2.0 label in FIRST's colours on black, as FIRST specifies (those pairs meet WCAG AA).
 * The visible text is the label itself; screen readers also hear what it allows.
 */
export function TlpBadge({ tlp, large }: { tlp: Tlp; large?: boolean }) {
  const { t } = useTranslation();
  const key = tlp === 'AMBER+STRICT' ? 'AMBER_STRICT' : tlp;
  return (
    <span className={`tlp tlp--${key.toLowerCase()}${large ? ' tlp--large' : ''}`}>
      TLP:{tlp}
      <span className="visually-hidden"> – {t(`warnings.tlpMeaning.${key}`)}</span>
    </span>
  );
}
