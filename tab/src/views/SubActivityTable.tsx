// The rows of one activity's sub-activities: title and details, measure, target, status (and
// overdue), note, answer and last change, with Uppdatera for those who may change the scope and
// one line saying why for those who may not. Below 960 px each row is a card (ui.stack).
// An arena's follow-up of a Bilaga 1 item (kind "followUp") shows the county's status beside the
// arena's own: the arena updates its own, never the county's.
import { answerText } from '../../../bot/domain/measureQuestions';
import { Button } from '@fluentui/react-button';
import { Text } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { formatDateTime } from '../../../bot/domain/format';
import { isOverdue } from '../../../bot/domain/overview';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import { OverdueBadge, useLayout, SubStatus } from '../ui';

// Here rather than in ui.tsx: only the lazy views show it, so it stays out of the first load.
const useCountyStyles = makeStyles({
  line: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center', marginTop: tokens.spacingVerticalXS },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/**
 * The county's own status of a Bilaga 1 item, beside an arena's follow-up of it (plan 7.3): told as
 * honestly as any status (not followed up since the plan was adopted, until someone has).
 */
export function CountyStatusLine({ sub }: { sub: Pick<SubActivityView, 'county' | 'statusAsWritten'> }) {
  const styles = useCountyStyles();
  if (!sub.county) return null;
  return (
    <span className={styles.line} data-county-status="">
      <span className={styles.label}>Länets status:</span>
      <SubStatus sub={{ ...sub.county, kind: 'own', statusAsWritten: sub.statusAsWritten }} />
    </span>
  );
}

export interface EditProps {
  mayChange: (scopeId: string) => boolean;
  /** Why the person may not change the scope (one line), when they may not. */
  whyNot: (scopeId: string) => string | undefined;
  onEdit: (activity: ActivityView, sub: SubActivityView, opener: HTMLElement) => void;
  today: Date;
}

export function SubActivityTable({ activity, subs, mayChange, whyNot, onEdit, today }: EditProps & { activity: ActivityView; subs: SubActivityView[] }) {
  const ui = useLayout();
  const editable = mayChange(activity.scopeId);
  const reason = editable ? undefined : whyNot(activity.scopeId);
  return (
    <div className={ui.stack}>
      {reason && <Text size={200} className={ui.muted} data-why-not="">{reason}</Text>}
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Delaktivitet</th>
            <th scope="col">Mått</th>
            {/* Soft hyphens: a header may break at its Swedish joint rather than widen the table (1024 px). */}
            <th scope="col">{'Mål\u00ADvärde'}</th>
            <th scope="col">Status</th>
            <th scope="col">{'Status\u00ADanteckning'}</th>
            <th scope="col">Svar på mått</th>
            <th scope="col">Senast ändrad</th>
            {editable && <th scope="col"><span className="visually-hidden">Åtgärd</span></th>}
          </tr>
        </thead>
        <tbody>
          {subs.map((d) => (
            <tr key={d.id} data-sub={d.id}>
              <td data-first="">
                <Text weight="semibold">{d.title}</Text>
                {d.details.length > 0 && (
                  <ul className={ui.details}>
                    {d.details.map((x) => <li key={x}>{x}</li>)}
                  </ul>
                )}
              </td>
              <td data-label={d.measure ? 'Mått' : undefined}>{d.measure}</td>
              <td data-label={d.target ? 'Målvärde' : undefined}>{d.target}</td>
              <td data-inline="">
                <span className={ui.badges}>
                  <SubStatus sub={d} />
                  {isOverdue(activity, d, today) && <OverdueBadge />}
                </span>
                {d.county && <CountyStatusLine sub={d} />}
              </td>
              <td data-label={d.statusNote ? 'Statusanteckning' : undefined}>{d.statusNote}</td>
              <td data-label={answerText(d) ? 'Svar på mått' : undefined}>{answerText(d)}</td>
              <td data-label="Senast ändrad">{d.updatedAt ? `${formatDateTime(d.updatedAt)}, ${d.updatedBy ?? ''}` : 'Enligt planen'}</td>
              {editable && (
                <td data-inline="">
                  <Button size="small" onClick={(e) => onEdit(activity, d, e.currentTarget)} aria-label={`Uppdatera ${d.title} (${activity.title})`}>Uppdatera</Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
