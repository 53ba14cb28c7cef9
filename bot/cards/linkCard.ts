// Which arena does this channel (or personal chat) follow up? And: re-link, are you sure?
import type { Arena } from '../domain/plan';
import { bind, type CardJson } from './bind';
import template from './link.json';
import confirmTemplate from './linkConfirm.json';

export function linkCard(arenas: Arena[], where: 'channel' | 'personal', selected?: string): CardJson {
  return bind(template, {
    title: where === 'channel' ? 'Vilken arena hör kanalen till?' : 'Vilken arena vill du följa?',
    text:
      where === 'channel'
        ? 'Koppla kanalen till sin lokala samverkansarena, eller till länsgemensam samverkan. Då visar jag arenans aktiviteter här och skickar påminnelser hit.'
        : 'Välj den arena du vill se och följa upp här i den personliga chatten.',
    arenas,
    selected: selected ?? '',
    buttonTitle: where === 'channel' ? 'Koppla kanalen' : 'Välj arena',
  });
}

export function linkConfirmCard(current: Arena, next: Arena, etag: string): CardJson {
  return bind(confirmTemplate, {
    text: `Kanalen är kopplad till ${current.name}. Vill du koppla den till ${next.name} i stället? Historiken finns kvar hos ${current.name}.`,
    currentArenaName: current.name,
    currentArenaId: current.id,
    newArenaName: next.name,
    newArenaId: next.id,
    etag,
  });
}
