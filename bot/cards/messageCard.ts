// A short message card: information, a refusal or an error, with optional command buttons.
import { bind, type CardJson } from './bind';
import template from './message.json';

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface MessageCardData {
  title: string;
  text: string;
  tone?: Tone;
  details?: string[];
  /** Buttons that run a bot command, e.g. { title: 'Visa hjälp', command: 'hjälp' }. */
  buttons?: Array<{ title: string; command: string }>;
  /** Buttons that open a page, e.g. the plan's tab. */
  links?: Array<{ title: string; url: string }>;
}

const COLOR: Record<Tone, string> = { info: 'Default', success: 'Good', warning: 'Warning', error: 'Attention' };

export function messageCard(data: MessageCardData): CardJson {
  return bind(template, { title: data.title, text: data.text, color: COLOR[data.tone ?? 'info'], details: data.details ?? [], buttons: data.buttons ?? [], links: data.links ?? [] });
}
