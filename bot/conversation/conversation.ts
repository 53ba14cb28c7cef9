// The bot's conversation, without botbuilder: text and card actions in, replies and cards out.
// Routing only; each feature module does its own work.
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { isVerb, VERBS } from '../cards/verbs';
import { parseCommand, type Command } from '../domain/commands';
import { resolveArena } from './arenaResolution';
import type { Feature } from './feature';
import { helpFor, notUnderstoodText } from './help';
import { linkByCard, linkByText } from './linking';
import type { Services } from './services';
import { cards, type Reply, type Turn } from './turn';

export class Conversation {
  constructor(
    private readonly services: Services,
    private readonly features: Feature[],
  ) {}

  async message(turn: Turn, text: string): Promise<Reply> {
    return this.run(turn, parseCommand(text));
  }

  async action(turn: Turn, verb: unknown, data: unknown): Promise<CardJson> {
    const fields = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    if (!isVerb(verb) || !fields) return invalidAction();
    if (verb === VERBS.command) {
      const text = typeof fields.command === 'string' ? fields.command.slice(0, 100) : '';
      const reply = await this.run(turn, parseCommand(text));
      return reply.cards[0] ?? invalidAction();
    }
    const view = await this.services.plan.content();
    if (verb === VERBS.link) return linkByCard(turn, this.services, view, fields);
    const handler = this.features.map((f) => f.actions?.[verb]).find((h) => h !== undefined);
    if (!handler) return invalidAction();
    const resolved = await resolveArena(turn, this.services, view);
    if (!resolved.ok) return resolved.reply.cards[0] ?? invalidAction();
    return handler(resolved.at, fields);
  }

  private async run(turn: Turn, command: Command): Promise<Reply> {
    const view = await this.services.plan.content();
    const where = turn.place.kind;
    switch (command.kind) {
      case 'help':
      case 'unknown': {
        const resolved = where === 'groupChat' ? undefined : await resolveArena(turn, this.services, view);
        const help = helpFor(view, resolved?.ok ? resolved.at.arena : undefined, where, this.services.now());
        return command.kind === 'help' ? cards(help) : { text: notUnderstoodText(command.text), cards: [help] };
      }
      case 'link':
        return cards(...(await linkByText(turn, this.services, view, command.arena)));
      default: {
        const resolved = await resolveArena(turn, this.services, view);
        if (!resolved.ok) return resolved.reply;
        const handler = this.features.map((f) => f.commands?.[command.kind]).find((h) => h !== undefined);
        if (!handler) return { text: notUnderstoodText(command.kind), cards: [helpFor(view, resolved.at.arena, where, this.services.now())] };
        return handler(resolved.at, command);
      }
    }
  }
}

function invalidAction(): CardJson {
  return messageCard({
    title: 'Det gick inte att läsa kortet',
    text: 'Kortet innehöll något jag inte känner igen, så ingenting har ändrats. Skriv "hjälp" för att börja om.',
    tone: 'error',
    buttons: [{ title: 'Hjälp', command: 'hjälp' }],
  });
}
