// "påminnelser": the channel's reminder settings, which the reminder engine (bot/reminders)
// follows. The command shows them as a form; Spara validates the form, checks who may change
// them and stores them with the channel's ETag: a card that is out of date is refused with the
// settings that hold now, and the person's own choice is named so that it can be made again.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { describeSettings, remindersCard } from '../cards/remindersCard';
import { mayChange } from '../domain/authorization';
import { arenaInText } from '../domain/format';
import type { Arena } from '../domain/plan';
import { reportsMeasuresHere } from '../domain/measureValues';
import { effectiveSettings, parseReminderForm, type RuleScope } from '../domain/reminderRules';
import type { Feature } from './feature';
import { cards, type ArenaTurn, type Reply } from './turn';

export const reminderSettingsFeature: Feature = {
  commands: { reminders: showSettings },
  actions: { saveReminders: saveSettings },
};

async function showSettings(at: ArenaTurn): Promise<Reply> {
  const place = at.turn.place;
  if (place.kind !== 'channel') return cards(perChannel(at.arena));
  const channel = await at.services.channels.get(place.channelId);
  if (!channel) return cards(perChannel(at.arena));
  const settings = effectiveSettings(channel.reminders, at.arena.kind);
  const { reportsMeasures } = scopeOf(at);
  const decision = mayChange(at.origin, at.arena);
  if (!decision.allowed) {
    return cards(remindersCard({ arena: at.arena, reportsMeasures, settings, mode: { kind: 'readOnly' }, notice: { tone: 'warning', text: decision.reason } }));
  }
  return cards(remindersCard({ arena: at.arena, reportsMeasures, settings, mode: { kind: 'form', etag: channel.etag } }));
}

async function saveSettings(at: ArenaTurn, data: Record<string, unknown>): Promise<CardJson> {
  const place = at.turn.place;
  if (place.kind !== 'channel') return perChannel(at.arena);
  const decision = mayChange(at.origin, at.arena);
  if (!decision.allowed) return messageCard({ title: 'Du kan inte ändra påminnelserna här', text: decision.reason, tone: 'warning' });

  const scope = scopeOf(at);
  const form = parseReminderForm(data, scope);
  if (!form.ok) {
    return messageCard({
      title: 'Påminnelserna sparades inte',
      text: 'Kortet innehöll något jag inte kan spara, så ingenting har ändrats:',
      tone: 'error',
      details: form.errors,
      buttons: [{ title: 'Visa påminnelserna', command: 'påminnelser' }],
    });
  }

  const channels = at.services.channels;
  const saved = await channels.setReminders(place.channelId, form.settings, form.etag, { by: at.turn.actor.name, summary: describeSettings(form.settings, scope) });
  if (!saved) {
    // Someone changed the channel (its settings, or its link) since the card was shown.
    const current = await channels.get(place.channelId);
    if (!current) return perChannel(at.arena);
    return remindersCard({
      arena: at.arena,
      reportsMeasures: scope.reportsMeasures,
      settings: effectiveSettings(current.reminders, at.arena.kind),
      mode: { kind: 'form', etag: current.etag },
      notice: {
        tone: 'warning',
        text: 'Någon annan ändrade påminnelserna medan du hade kortet öppet, så din ändring sparades inte. Så här är de inställda nu; gör din ändring igen och spara.',
        details: [`Din ändring: ${describeSettings(form.settings, scope)}`],
      },
    });
  }
  at.services.log.info({ channelId: place.channelId, arenaId: at.arena.id, enabled: form.settings.enabled, rules: form.settings.rules }, 'Reminder settings saved');
  return remindersCard({
    arena: at.arena,
    reportsMeasures: scope.reportsMeasures,
    settings: effectiveSettings(saved.reminders, at.arena.kind),
    mode: { kind: 'readOnly' },
    notice: { tone: 'success', text: `Påminnelserna är sparade av ${at.turn.actor.name}.` },
  });
}

/** What the channel's form offers depends on its arena's kind and on whether it reports effect measures. */
function scopeOf(at: ArenaTurn): RuleScope {
  return { kind: at.arena.kind, reportsMeasures: reportsMeasuresHere(at.view, at.arena) };
}

/** In personal chat: the settings belong to the arena's channel. */
function perChannel(arena: Arena): CardJson {
  const where = arena.kind === 'county' ? `kanalen för ${arenaInText(arena)}` : `${arena.name}s kanal`;
  return messageCard({
    title: 'Påminnelser ställs in per kanal',
    text: `Påminnelserna om uppföljningen skickas till arenornas kanaler i planens team, och varje kanal väljer själv sina. Skriv "påminnelser" till mig i ${where} för att se och ändra dem.`,
  });
}
