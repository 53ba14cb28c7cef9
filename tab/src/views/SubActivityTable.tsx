// The rows of one activity's sub-activities: title and details, measure, target, status, note,
// answer and last change, with Uppdatera for those who may change the scope.
import { Button } from '@fluentui/react-components';
import { formatDateTime } from '../../../bot/domain/format';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import { StatusBadge, useLayout } from '../ui';

export interface EditProps {
  mayChange: (scopeId: string) => boolean;
  onEdit: (activity: ActivityView, sub: SubActivityView) => void;
}

export function SubActivityTable({ activity, subs, mayChange, onEdit }: EditProps & { activity: ActivityView; subs: SubActivityView[] }) {
  const ui = useLayout();
  const editable = mayChange(activity.scopeId);
  return (
    <div className={ui.scroll}>
      <table className={ui.table}>
        <thead>
          <tr>
            <th scope="col">Delaktivitet</th>
            <th scope="col">Mått</th>
            <th scope="col">Målvärde</th>
            <th scope="col">Status</th>
            <th scope="col">Statusanteckning</th>
            <th scope="col">Svar på mått</th>
            <th scope="col">Senast ändrad</th>
            {editable && <th scope="col"><span className="visually-hidden">Åtgärd</span></th>}
          </tr>
        </thead>
        <tbody>
          {subs.map((d) => (
            <tr key={d.id} data-sub={d.id}>
              <td>
                {d.title}
                {d.details.length > 0 && (
                  <ul className={ui.details}>
                    {d.details.map((x) => <li key={x}>{x}</li>)}
                  </ul>
                )}
              </td>
              <td>{d.measure}</td>
              <td>{d.target}</td>
              <td><StatusBadge status={d.status} /></td>
              <td>{d.statusNote}</td>
              <td>{d.measureAnswer}</td>
              <td>{d.updatedAt ? `${formatDateTime(d.updatedAt)}, ${d.updatedBy ?? ''}` : 'Enligt planen'}</td>
              {editable && (
                <td>
                  <Button size="small" onClick={() => onEdit(activity, d)} aria-label={`Uppdatera ${d.title}`}>Uppdatera</Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
