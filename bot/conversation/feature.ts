// A feature of the conversation: the commands it answers and the card verbs it handles.
import type { CardJson } from '../cards/bind';
import type { Verb } from '../cards/verbs';
import type { Command } from '../domain/commands';
import type { ArenaTurn, Reply } from './turn';

export type CommandKind = Exclude<Command['kind'], 'help' | 'link' | 'unknown' | 'thanks'>;

export interface Feature {
  commands?: Partial<Record<CommandKind, (at: ArenaTurn, command: Command) => Promise<Reply>>>;
  actions?: Partial<Record<Verb, (at: ArenaTurn, data: Record<string, unknown>) => Promise<CardJson>>>;
}
