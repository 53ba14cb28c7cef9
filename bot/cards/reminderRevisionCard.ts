// Reminder to the county channel before the plan's revision date (1.6: "Revidering av planen
// sker var tredje år").
import { bind, type CardJson } from './bind';
import template from './reminderRevision.json';

export interface RevisionCardData {
  title: string;
  /** One paragraph: the plan's own words on revision, when it came into force, when the next revision is. */
  text: string;
  tabUrl: string;
}

export function reminderRevisionCard(data: RevisionCardData): CardJson {
  return bind(template, data);
}
