// Reminder: the effect measures (effektmått) whose value for the period ending is not reported
// yet; "Rapportera värden" runs the bot's "mått" command, where each value is reported.
import { bind, type CardJson } from './bind';
import template from './reminderMeasures.json';

export interface MeasuresReminderCardData {
  title: string;
  reason: string;
  measures: Array<{ title: string; periodText: string; target: string; followUp: string }>;
}

export function reminderMeasuresCard(data: MeasuresReminderCardData): CardJson {
  return bind(template, data);
}
