// The revision's cards: one builder per template (revision*.json), each the only code that expands it.
import { bind, type CardJson } from './bind';
import localTemplate from './localRevision.json';
import inviteTemplate from './revisionInvite.json';
import pickTemplate from './revisionPick.json';
import proposalTemplate from './revisionProposal.json';
import statusTemplate from './revisionStatus.json';
import stepTemplate from './revisionStep.json';

export interface RevisionStatusCardData {
  title: string;
  stateText: string;
  stateColor: 'Default' | 'Good' | 'Warning';
  /** A line on top after a change ("Sista dagen är ändrad …"), or "". */
  notice: string;
  hasRevision: boolean;
  proposalsText: string;
  proposalsByArena: Array<{ arena: string; text: string }>;
  steps: Array<{ label: string; text: string }>;
  /** "2 av 8 arenor har reviderat sin lokala plan", and each that has. */
  localText: string;
  localRevisions: Array<{ arena: string; text: string }>;
  /** An arena's own channel while the revision is open: record (or correct) its local revision. */
  mayReviseLocal: boolean;
  localButton: string;
  /** Proposals can be made here now: the strategy choice and "Välj aktivitet". */
  proposalsOpen: boolean;
  strategies: Array<{ title: string; value: string }>;
  mayManage: boolean;
  mayOpen: boolean;
  mayChange: boolean;
  mayRecord: boolean;
  lastDay: string;
  lastDayLabel: string;
  etag: string;
  tabUrl: string;
}

export function revisionStatusCard(data: RevisionStatusCardData): CardJson {
  return bind(statusTemplate, { ...data, firstStrategy: data.strategies[0]?.value ?? '' });
}

export interface RevisionPickCardData {
  title: string;
  text: string;
  strategyId: string;
  items: Array<{ title: string; value: string }>;
}

export function revisionPickCard(data: RevisionPickCardData): CardJson {
  return bind(pickTemplate, { ...data, firstItem: data.items[0]?.value ?? '' });
}

export interface RevisionProposalCardData {
  heading: string;
  itemTitle: string;
  itemFacts: string;
  seenText: string;
  errorTitle: string;
  errors: string[];
  isNew: boolean;
  itemId: string;
  strategyId: string;
  etag: string;
  kind: string;
  titleLabel: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  measure: string;
  target: string;
  reason: string;
  motivation: string;
}

export function revisionProposalCard(data: RevisionProposalCardData): CardJson {
  return bind(proposalTemplate, { ...data, isNewText: data.isNew ? 'true' : 'false' });
}

export interface RevisionStepCardData {
  errorTitle: string;
  errors: string[];
  stepId: string;
  steps: Array<{ title: string; value: string }>;
  done: boolean;
  date: string;
  dateTo: string;
  body: string;
  minutesUrl: string;
  /** The ETag of every step as the person saw it, by step id. */
  etags: Record<string, string>;
}

export function revisionStepCard(data: RevisionStepCardData): CardJson {
  return bind(stepTemplate, { ...data, doneValue: data.done ? 'true' : 'false', etagsJson: JSON.stringify(data.etags) });
}

export function revisionInviteCard(data: { title: string; text: string }): CardJson {
  return bind(inviteTemplate, data);
}

export interface LocalRevisionCardData {
  title: string;
  intro: string;
  seenText: string;
  errorTitle: string;
  errors: string[];
  date: string;
  reference: string;
  changes: string;
  referenceMax: number;
  changesMax: number;
  etag: string;
}

export function localRevisionCard(data: LocalRevisionCardData): CardJson {
  return bind(localTemplate, data);
}
