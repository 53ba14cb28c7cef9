// Reminder to the county channel before the plan's yearly follow-up: where the action plan
// (Bilaga 1) stands per strategy, with a link to the tab's follow-up view.
import type { StrategyProgress } from '../domain/overview';
import { strategyRows } from './statusCard';
import { bind, type CardJson } from './bind';
import template from './reminderFollowUp.json';

export interface FollowUpCardData {
  title: string;
  reason: string;
  progress: StrategyProgress[];
  closing: string;
  tabUrl: string;
}

export function reminderFollowUpCard(data: FollowUpCardData): CardJson {
  return bind(template, {
    title: data.title,
    reason: data.reason,
    summaryTitle: 'Läget i handlingsplanen (Bilaga 1)',
    strategies: strategyRows(data.progress, 'försenade: prioriteringsperioden har gått ut'),
    closing: data.closing,
    tabUrl: data.tabUrl,
  });
}
