// The channel's reminder settings (`påminnelser`): a form (on/off, weekday, hour, one switch per
// rule that applies to the arena) with Spara, or the read-only card once they are saved. A
// notice on top tells of a save, a conflict with someone else's change, or a refusal.
import type { ReminderSettings } from '../domain/channels';
import type { Arena } from '../domain/plan';
import { FORM_HOURS, hourLabel, ruleInputId, rulesOffered, WEEKDAY_NAMES, weekdayName, type RuleScope } from '../domain/reminderRules';
import { bind, type CardJson } from './bind';
import template from './reminders.json';

export type NoticeTone = 'success' | 'warning' | 'error';

export interface RemindersCardInput {
  arena: Arena;
  /** Whether the channel reports any effect measure's values (else the form does not offer that reminder). */
  reportsMeasures: boolean;
  /** The settings to show (the channel's effective settings). */
  settings: ReminderSettings;
  /** A form with Spara (carrying the channel's ETag), or the read-only card. */
  mode: { kind: 'form'; etag: string } | { kind: 'readOnly' };
  notice?: { tone: NoticeTone; text: string; details?: string[] };
}

// The notice's container style carries the tone; its text keeps the theme's own colour, which
// reads well on those backgrounds in the light, dark and high-contrast themes.
const NOTICE_STYLE: Record<NoticeTone, string> = { success: 'good', warning: 'warning', error: 'attention' };

/** "Varje måndag kl. 09:00" and the like, for cards and notices. */
export function describeSettings(settings: ReminderSettings, scope: RuleScope): string {
  const labels = rulesOffered(scope).filter((r) => settings.rules.includes(r.id)).map((r) => r.label.toLowerCase());
  const when = `varje ${weekdayName(settings.weekday)} kl. ${hourLabel(settings.hour)}`;
  if (!settings.enabled) return `av (${when}: ${labels.length ? labels.join(', ') : 'inga påminnelser valda'})`;
  return `på, ${when}: ${labels.length ? labels.join(', ') : 'inga påminnelser valda'}`;
}

export function remindersCard(input: RemindersCardInput): CardJson {
  const { arena, settings, mode, notice } = input;
  const rules = rulesOffered({ kind: arena.kind, reportsMeasures: input.reportsMeasures });
  const hours: number[] = [];
  for (let h = FORM_HOURS.first; h <= FORM_HOURS.last; h++) hours.push(h);
  // A stored hour outside the form's range (set by an operator) is still shown as it is.
  if (!hours.includes(settings.hour)) hours.push(settings.hour);
  hours.sort((a, b) => a - b);

  return bind(template, {
    notice: notice
      ? { shown: true, text: notice.text, details: notice.details ?? [], style: NOTICE_STYLE[notice.tone] }
      : { shown: false, text: '', details: [], style: 'default' },
    title: 'Påminnelser i kanalen',
    subtitle: `Kanalen följer upp ${arena.name}. Påminnelserna om uppföljningen kommer hit, på den dag och tid ni väljer (svensk tid).`,
    editable: mode.kind === 'form',
    etag: mode.kind === 'form' ? mode.etag : '',
    intro: 'Jag påminner er om uppföljningen i planens rytm. Välj om och när påminnelserna ska komma, och vilka som ska komma hit.',
    enabledValue: settings.enabled ? 'true' : 'false',
    weekdayValue: String(settings.weekday),
    weekdays: WEEKDAY_NAMES.slice(0, 5).map((name, i) => ({ title: capitalize(name), value: String(i + 1) })),
    hourValue: String(settings.hour),
    hours: hours.map((h) => ({ title: hourLabel(h), value: String(h) })),
    rules: rules.map((r) => ({ inputId: ruleInputId(r.id), label: r.label, explanation: r.explanation, value: settings.rules.includes(r.id) ? 'true' : 'false' })),
    enabledText: settings.enabled ? 'På' : 'Av: inga påminnelser skickas till kanalen',
    weekdayText: `Varje ${weekdayName(settings.weekday)}`,
    hourText: `Kl. ${hourLabel(settings.hour)} (svensk tid)`,
    chosenRules: rules.filter((r) => settings.rules.includes(r.id)).map((r) => r.label),
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
