import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format.ts';
import type { Deadline } from './model.ts';
import '../../ui/tlp.css';

/** The reporting deadlines with their state in words (not colour alone). */
export function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {deadlines.map((d) => (
        <li key={d.kind} className={`deadline deadline--${d.state}`}>
          {t(`incidents.kinds.${d.kind}`)}: {t('incidents.dueAt', { date: formatDateTime(d.dueAt) })} –{' '}
          {t(`incidents.deadlineStates.${d.state}`)}
          {d.metAt ? ` (${formatDateTime(d.metAt)}${d.late ? `, ${t('incidents.late')}` : ''})` : ''}
        </li>
      ))}
    </ul>
  );
}
