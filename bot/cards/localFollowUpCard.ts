// The county's matrix in the channel: each Bilaga 1 sub-activity with the arenas' own follow-up
// and a summary per row, a page at a time.
import { cellsText, localSummary, type LocalCell } from '../domain/localFollowUp';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import template from './localFollowUp.json';
import { WORDS } from '../domain/glossary';

/** Sub-activities per card: each carries a line per arena. */
export const LOCAL_PAGE_SIZE = 6;

export interface LocalFollowUpRow {
  activity: ActivityView;
  sub: SubActivityView;
  cells: LocalCell[];
}

export function localFollowUpCard(rows: LocalFollowUpRow[], page: number, tabUrl: string): CardJson {
  const pages = Math.max(1, Math.ceil(rows.length / LOCAL_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const shown = rows.slice((current - 1) * LOCAL_PAGE_SIZE, current * LOCAL_PAGE_SIZE);
  return bind(template, {
    subtitle: `Varje kommuns egen uppföljning av ${WORDS.bilaga1Definite} (planens avsnitt 7.3).${pages > 1 ? ` Sida ${current} av ${pages}.` : ''}`,
    items: shown.map((r, i) => ({
      activityTitle: i === 0 || shown[i - 1]!.activity.id !== r.activity.id ? r.activity.title : '',
      title: r.sub.title,
      summary: localSummary(r.sub, r.cells).text,
      ...cellsText(r.cells),
    })),
    hasPrevious: current > 1,
    hasNext: current < pages,
    previous: `lokalt ${current - 1}`,
    next: `lokalt ${current + 1}`,
    tabUrl,
  });
}
