// Cards that leave the plan's channels: a sub-activity shared from the compose box (any chat,
// channel or meeting), and the preview of a pasted link to the plan.
import { formatDateTime } from '../domain/format';
import type { Arena } from '../domain/plan';
import type { ActivityView, SubActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import previewTemplate from './linkPreview.json';
import template from './sharedItem.json';
import { subActivityModel } from './subActivityCard';

export interface SharedItemData {
  scope: Arena;
  activity: ActivityView;
  sub: SubActivityView;
  /** The plan's number ("2.3.1"); '' for a local activity. */
  number: string;
  today: Date;
  /** Where "Öppna i planen" leads: the short link on the app's own domain. */
  link: string;
  /** Whether the person who shares it may change it (Uppdatera); pressing it is checked again. */
  mayUpdate: boolean;
}

/** Whose item it is, in one line: "Krokoms uppföljning av Bilaga 1 · 2.3.1". */
export function whoseItem(scope: Arena, sub: SubActivityView, number: string): string {
  const where = scope.kind === 'county' ? 'Länsövergripande (Bilaga 1)' : sub.kind === 'followUp' ? `${scope.name}s uppföljning av Bilaga 1` : `${scope.name}s lokala aktivitet`;
  return [where, number].filter(Boolean).join(' · ');
}

export function sharedItemCard(data: SharedItemData): CardJson {
  const model = subActivityModel({ activity: data.activity, sub: data.sub, today: data.today });
  return bind(template, {
    ...model,
    whose: whoseItem(data.scope, data.sub, data.number),
    // The card is a copy: it says when its status was read, since it does not change by itself.
    shownAt: `Läget ${formatDateTime(data.today.toISOString())}. Öppna i planen för dagens läge.`,
    link: data.link,
    mayUpdate: data.mayUpdate,
  });
}

export interface LinkPreviewData {
  kicker: string;
  title: string;
  text?: string;
  facts?: Array<{ title: string; value: string }>;
  link: string;
  madeAt: Date;
}

/**
 * A pasted link's preview. Teams keeps a preview for up to 30 minutes and renders Adaptive Cards up
 * to 1.3 there, so it says when it was made and uses nothing newer than 1.3.
 */
export function linkPreviewCard(data: LinkPreviewData): CardJson {
  const card = bind(previewTemplate, {
    kicker: data.kicker,
    title: data.title,
    text: data.text ?? '',
    facts: data.facts ?? [],
    link: data.link,
    madeAt: `Förhandsvisningen gjordes ${formatDateTime(data.madeAt.toISOString())}; öppna länken för dagens läge.`,
  });
  return { ...card, version: '1.3' };
}
