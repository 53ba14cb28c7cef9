// The bot's conversation, without botbuilder: text and card actions in, replies and cards out.
// Routing only; each feature module does its own work.
import { projectLeadersText } from '../domain/projectLeaders';
import { currentProjectLeaders } from '../useCases/projectLeaders';
import type { CardJson } from '../cards/bind';
import { messageCard } from '../cards/messageCard';
import { refreshedByCommand } from '../cards/refresh';
import { isVerb, VERBS } from '../cards/verbs';
import { commandText as textOf, parseCommand, type Command } from '../domain/commands';
import { searchActivities } from './activitySearch';
import { composeQuery, composeSelect, linkPreview, type ComposeAnswer, type ComposeResult } from './composeExtension';
import { resolveArena, resolveSharedItem } from './arenaResolution';
import type { CommandKind, Feature } from './feature';
import { didYouMeanCard, GROUP_CHAT_TEXT, helpFor, thanksText } from './help';
import { linkByCard, linkByText } from './linking';
import { leaderCard, leaderCommand, namingHint } from './projectLeaders';
import type { Services } from './services';
import { cards, type ArenaTurn, type Reply, type Turn } from './turn';

export class Conversation {
  constructor(
    private readonly services: Services,
    private readonly features: Feature[],
  ) {}

  async message(turn: Turn, text: string): Promise<Reply> {
    const leaders = turn.place.kind === 'groupChat' ? undefined : leaderCommand(text);
    if (leaders) return cards(await leaderCard(turn, this.services, leaders));
    return this.run(turn, parseCommand(text, await this.services.plan.content(), this.services.now()));
  }

  /** The compose box's search (composeExtension/query). */
  composeQuery(turn: Turn, text: string, paging: { skip?: number; count?: number }): Promise<ComposeAnswer> {
    return composeQuery(turn, this.services, text, paging);
  }

  /** The compose box's chosen result, as it is now (composeExtension/selectItem). */
  composeSelect(turn: Turn, value: unknown): Promise<ComposeResult | undefined> {
    return composeSelect(turn, this.services, value);
  }

  /** A pasted link's preview (composeExtension/queryLink). */
  linkPreview(url: string): Promise<ComposeResult | undefined> {
    return linkPreview(this.services, url);
  }

  async action(turn: Turn, verb: unknown, data: unknown): Promise<CardJson> {
    const fields = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
    if (!isVerb(verb) || !fields) return invalidAction();
    if (verb === VERBS.command) {
      const text = typeof fields.command === 'string' ? fields.command.slice(0, 100) : '';
      const reply = await this.run(turn, parseCommand(text, await this.services.plan.content(), this.services.now()));
      return reply.cards[0] ?? invalidAction();
    }
    const view = await this.services.plan.content();
    if (verb === VERBS.link) return linkByCard(turn, this.services, view, fields);
    const handler = this.features.map((f) => f.actions?.[verb]).find((h) => h !== undefined);
    if (!handler) return invalidAction();
    // A card shared from the compose box into a chat or meeting acts on its own item's scope.
    const shared = SHARED_ITEM_VERBS.has(verb) ? await resolveSharedItem(turn, this.services, view, fields.scopeId) : undefined;
    const resolved = shared ?? (await resolveArena(turn, this.services, view));
    if (!resolved.ok) return resolved.reply.cards[0] ?? invalidAction();
    return handler(resolved.at, fields);
  }

  private async run(turn: Turn, command: Command): Promise<Reply> {
    const view = await this.services.plan.content();
    const where = turn.place.kind;
    // A group chat has no arena: it gets the help and thanks, and for anything else what works here and how to reach the plan.
    if (where === 'groupChat' && command.kind !== 'help' && command.kind !== 'thanks') return cards(groupChatCard(this.services));
    switch (command.kind) {
      case 'help': {
        const resolved = where === 'groupChat' ? undefined : await resolveArena(turn, this.services, view);
        const current = where === 'groupChat' ? undefined : await currentProjectLeaders(this.services);
        const leaders = current ? `${projectLeadersText(current)}${namingHint(current)}` : '';
        return cards(helpFor(view, resolved?.ok ? resolved.at.arena : undefined, where, this.services.links.tab('guide'), this.services.now(), leaders, this.services.links.tab('om')));
      }
      case 'report':
        return cards(
          messageCard({
            title: command.year ? `Årsrapporten för ${command.year}` : 'Årsrapporten och Excel-exporten',
            text: 'Årsrapporten (Word och Excel) och exporten av hela uppföljningen till Excel finns i fliken Gemensam plan, under Årsrapport. Där väljer du år och laddar ned.',
            links: [{ title: 'Öppna Årsrapport', url: this.services.links.tab('rapport', undefined, command.year ? { ar: String(command.year) } : {}) }],
            buttons: [{ title: 'Uppföljning', command: 'uppföljning' }],
          }),
        );
      case 'whereAmI': {
        const resolved = await resolveArena(turn, this.services, view);
        if (!resolved.ok) return resolved.reply;
        const arena = resolved.at.arena;
        return cards(
          messageCard({
            title: where === 'channel' ? `Den här kanalen följer upp ${arena.name}` : `Du följer ${arena.name} här`,
            text: where === 'channel' ? 'Det som skrivs och sparas här gäller den arenan.' : 'Skriv "koppla" och en annan arenas namn för att byta.',
            buttons: [
              { title: 'Status', command: 'status' },
              { title: 'Aktiviteter', command: 'aktiviteter' },
              { title: 'Hjälp', command: 'hjälp' },
            ],
          }),
        );
      }
      case 'unknown': {
        // In a channel nobody has linked yet, linking it is the first thing to suggest.
        const unlinked = turn.place.kind === 'channel' && !(await this.services.channels.get(turn.place.channelId))?.arenaId;
        const others = command.suggestions.filter((s) => s !== 'koppla' && s !== 'hjälp');
        const suggestions = unlinked ? ['koppla', ...others.slice(0, 1), 'hjälp'] : command.suggestions;
        return cards(didYouMeanCard(command.text, suggestions));
      }
      case 'thanks':
        return { text: thanksText(), cards: [] };
      case 'link':
        return cards(...(await linkByText(turn, this.services, view, command.arena)));
      default: {
        const resolved = await resolveArena(turn, this.services, view);
        if (!resolved.ok) return resolved.reply;
        return this.answer(resolved.at, command);
      }
    }
  }

  /**
   * A command in an arena. The cards that show shared state (status, försenat, aktiviteter, lokalt)
   * refresh themselves by running the same command again when someone looks at them.
   */
  private async answer(at: ArenaTurn, command: Exclude<Command, { kind: 'help' | 'unknown' | 'thanks' | 'link' | 'report' | 'whereAmI' }>): Promise<Reply> {
    const reply = await this.handle(at, command);
    const again = commandText(at, command);
    if (!again || reply.cards.length === 0) return reply;
    return { ...reply, cards: [refreshedByCommand(reply.cards[0]!, again), ...reply.cards.slice(1)] };
  }

  /** A command in an arena: its feature's handler, with the few readings the router does itself. */
  private async handle(at: ArenaTurn, command: Exclude<Command, { kind: 'help' | 'unknown' | 'thanks' | 'link' | 'report' | 'whereAmI' }>): Promise<Reply> {
    const handlerFor = (kind: CommandKind) => this.features.map((f) => f.commands?.[kind]).find((h) => h !== undefined);
    const other = 'arenaId' in command && command.arenaId && command.arenaId !== at.arena.id ? at.view.arenas.find((a) => a.id === command.arenaId) : undefined;
    // Another arena's overdue work or activities: a read-only look at that arena (the origin stays
    // the turn's own, so its cards show no Uppdatera and their buttons show that arena).
    if (other && command.kind === 'activities' && command.search) return { ...(await searchActivities({ ...at, arena: other }, command.search)), text: readOnlyText(other) };
    if (other && (command.kind === 'overdue' || command.kind === 'activities' || (command.kind === 'status' && command.strategy))) {
      const list = handlerFor(command.kind === 'overdue' ? 'overdue' : 'activities');
      const asked: Command = command.kind === 'status' ? { kind: 'activities', strategy: command.strategy! } : { ...command, arenaId: other.id };
      if (list) return { ...(await list({ ...at, arena: other }, asked)), text: readOnlyText(other) };
    }
    // The commands that only show the turn's own arena, asked about another: say so, and offer what shows that one.
    if (other && command.kind !== 'status') {
      const own = commandWord(command.kind);
      return cards(
        messageCard({
          title: `${capitalised(own)} visar jag för ${at.arena.name}, som ${at.turn.place.kind === 'channel' ? 'kanalen' : 'du'} följer`,
          text: `För ${other.name} kan jag visa status, försenat och aktiviteter här. ${readOnlyText(other)}`,
          buttons: [
            { title: `Status ${other.name}`, command: `status ${other.name}` },
            { title: `Försenat ${other.name}`, command: `försenat ${other.name}` },
            { title: `${capitalised(own)} för ${at.arena.name}`, command: own },
          ],
        }),
      );
    }
    // "status kontinuitet" / "hur går det för kontinuitet": that strategy's activities with their status.
    if (command.kind === 'status' && command.strategy) {
      const list = handlerFor('activities');
      if (list) return list(at, { kind: 'activities', strategy: command.strategy });
    }
    // "status Krokom" from another arena's channel: a read-only look at that arena.
    if (command.kind === 'status' && command.arenaId && command.arenaId !== at.arena.id) {
      const other = at.view.arenas.find((a) => a.id === command.arenaId);
      const handler = handlerFor('status');
      if (other && handler) {
        const reply = await handler({ ...at, arena: other }, { kind: 'status' });
        return { ...reply, text: readOnlyText(other) };
      }
    }
    if (command.kind === 'activities' && command.search) return searchActivities(at, command.search);
    const handler = handlerFor(command.kind);
    // A command without its feature (yet): the arena's status says the most, overdue work included.
    if (!handler) {
      const status = handlerFor('status');
      return status ? status(at, { kind: 'status' }) : cards(didYouMeanCard(command.kind, ['aktiviteter', 'hjälp']));
    }
    return handler(at, command);
  }
}

/** The command that shows the same again, for the commands whose cards show shared state. */
function commandText(at: ArenaTurn, command: Command): string | undefined {
  switch (command.kind) {
    case 'status':
      return command.strategy ? textOf({ kind: 'activities', strategy: command.strategy, ...(command.arenaId ? { arenaId: command.arenaId } : {}) }, at.view) : textOf(command, at.view);
    case 'overdue':
    case 'activities':
    case 'localFollowUp':
      return textOf(command, at.view);
    default:
      return undefined;
  }
}

/** The verbs of one sub-activity's card and form: those a card shared from the compose box has. */
const SHARED_ITEM_VERBS: ReadonlySet<string> = new Set([VERBS.editSubActivity, VERBS.saveSubActivity, VERBS.showSubActivity]);

/** Under another arena's card: where its changes are made. */
function readOnlyText(other: { name: string; kind: string }): string {
  return `Så här ser det ut för ${other.name}. Ändringar görs i ${other.kind === 'county' ? 'kanalen för länsgemensam samverkan' : `${other.name}s kanal`}.`;
}

function commandWord(kind: CommandKind): string {
  return textOf({ kind } as Command);
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);

/** A group chat: what works here (the help), where the rest does, and the plan's tab. */
function groupChatCard(services: Services): CardJson {
  return messageCard({
    title: 'Det här gör jag i planens kanaler och i personlig chatt',
    text: GROUP_CHAT_TEXT,
    links: [{ title: 'Öppna planen', url: services.links.tab('oversikt') }],
    buttons: [{ title: 'Hjälp', command: 'hjälp' }],
  });
}

function invalidAction(): CardJson {
  return messageCard({
    title: 'Det gick inte att läsa kortet',
    text: 'Kortet innehöll något jag inte känner igen, så ingenting har ändrats. Skriv "hjälp" för att börja om.',
    tone: 'error',
    buttons: [{ title: 'Hjälp', command: 'hjälp' }],
  });
}
