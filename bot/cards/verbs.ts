// Every Action.Execute verb, in one place: the templates' buttons and the router read these,
// so one string ties a button to its handler.
export const VERBS = {
  /** Run a command from a button, data: { command: string } */
  command: 'command',
  /** Link the channel (or the personal chat) to an arena, data: { arenaId, confirm? } */
  link: 'link',
  /** Show a page of the arena's activities, data: { strategyId?, page } */
  listActivities: 'listActivities',
  /** Open the edit form of a sub-activity, data: { scopeId, subActivityId, from? } (from: the list card it leads back to, { card: 'round', roundId, page } or { card: 'digest', digest }) */
  editSubActivity: 'editSubActivity',
  /** Save the edit form, data: { scopeId, subActivityId, etag } + form inputs */
  saveSubActivity: 'saveSubActivity',
  /** Save the inline form of a stale-activity reminder, data: { scopeId, subActivityId, etag, version } + inputs status-<id>, comment-<id> */
  saveFromDigest: 'saveFromDigest',
  /** Save the edit form opened from the activity list, and show the list at its page with what changed, data: { list, strategyId, page, search, number, scopeId, subActivityId, etag, version } + form inputs */
  listSaveForm: 'listSaveForm',
  /** Close the edit form without saving, data: { scopeId, subActivityId } */
  showSubActivity: 'showSubActivity',
  /** Save the edit form opened from the stale digest, and show the post again, data: { digest, scopeId, subActivityId, etag, version } + form inputs */
  saveFormFromDigest: 'saveFormFromDigest',
  /** Close the edit form opened from the stale digest: the post again, data: { digest } (the post's parts, '' for the stale reminder alone) */
  showDigest: 'showDigest',
  /** Effect measures: open the report form, data: { measureId, arenaId?, periodId? } */
  editMeasureValue: 'editMeasureValue',
  /** Effect measures: save a reported value, data: { measureId, periodId, arenaId, etag } + inputs value_0…value_n, comment */
  saveMeasureValue: 'saveMeasureValue',
  /** Adopt one of the plan's recommended local activities, data: { recommendationId } + inputs */
  adoptRecommendation: 'adoptRecommendation',
  /** "ny aktivitet", step 2: one strategy's recommendations, data: { strategyId } */
  chooseNewActivityStrategy: 'chooseNewActivityStrategy',
  /** "ny aktivitet": the own-activity form, data: { strategyId? } */
  ownActivityForm: 'ownActivityForm',
  /** Add the arena's own activity, data: {} + inputs */
  createOwnActivity: 'createOwnActivity',
  /** The arena's local plan: the form that changes a local activity, data: { scopeId, subActivityId } */
  editLocalActivity: 'editLocalActivity',
  /** Save the local activity's form, data: { scopeId, subActivityId, etag, version } + inputs strategyId, title, description, periodFrom, periodTo, measure, target, comment */
  saveLocalActivity: 'saveLocalActivity',
  /** End a local activity ("Avslutad lokalt"), data: { scopeId, subActivityId, etag, version } + input endReason */
  endLocalActivity: 'endLocalActivity',
  /** Take an ended local activity up again, data: { scopeId, subActivityId, etag, version } */
  resumeLocalActivity: 'resumeLocalActivity',
  /** The form that says a Bilaga 1 item is not done locally, data: { scopeId, subActivityId } */
  notApplicableForm: 'notApplicableForm',
  /** Save "Ej aktuellt lokalt", data: { scopeId, subActivityId, etag, version } + input notApplicableReason */
  saveNotApplicable: 'saveNotApplicable',
  /** Undo "Ej aktuellt lokalt", data: { scopeId, subActivityId, etag, version } */
  applyAgain: 'applyAgain',
  /** Save the channel's reminder settings, data: { etag } + inputs */
  saveReminders: 'saveReminders',
  /** The revision (county): open it, data: {} + input lastDay */
  revisionOpen: 'revisionOpen',
  /** The revision (county): change the last day or close it, data: { etag, close? } + input lastDay */
  revisionChange: 'revisionChange',
  /** The revision: choose the item to propose about, data: {} + input strategyId */
  revisionPickItem: 'revisionPickItem',
  /** The revision: open the proposal form, data: { strategyId } + input itemId ("new": a new activity) */
  revisionEditProposal: 'revisionEditProposal',
  /** The revision: save a proposal, data: { itemId, strategyId, isNew, etag } + inputs */
  revisionSaveProposal: 'revisionSaveProposal',
  /** The revision (county): open the decision-step form, data: {} */
  revisionEditStep: 'revisionEditStep',
  /** The revision (county): record a decision step, data: { etags } + inputs stepId, done, date, dateTo, body, minutesUrl */
  revisionSaveStep: 'revisionSaveStep',
  /** The revision (an arena): the form that records its local plan as revised, data: {} */
  localRevisionForm: 'localRevisionForm',
  /** The revision (an arena): save its local revision, data: { etag } + inputs date, reference, changes */
  saveLocalRevision: 'saveLocalRevision',
  /** The follow-up round (county): open it, data: {} + inputs roundName, roundFrom, roundLastDay (the period runs until closing) */
  roundOpen: 'roundOpen',
  /** The follow-up round (county): leave the opening form without opening, data: {} */
  roundCancel: 'roundCancel',
  /** The follow-up round: the channel's round card again (the county's progress, an arena's items), data: {} */
  roundShow: 'roundShow',
  /** The follow-up round (county): change the last day, data: { roundId, etag } + input roundLastDay */
  roundChange: 'roundChange',
  /** The follow-up round (county): ask before closing, data: { roundId, etag } */
  roundCloseAsk: 'roundCloseAsk',
  /** The follow-up round (county): close and freeze it, data: { roundId, etag } */
  roundClose: 'roundClose',
  /** The follow-up round (arena): another page of the arena's items (also Avbryt on the edit form opened from it), data: { roundId, page } */
  roundPage: 'roundPage',
  /** The follow-up round (arena): save an item's inline form, data: { roundId, page, scopeId, subActivityId, etag, version } + inputs status-<id>, comment-<id> */
  roundSaveItem: 'roundSaveItem',
  /** The follow-up round (arena): save the edit form opened from the round card, and show the card at its page, data: { roundId, page, scopeId, subActivityId, etag, version } + form inputs */
  roundSaveForm: 'roundSaveForm',
  /** The follow-up round (arena): submit (lämna in), data: { roundId, page } + input roundComment */
  roundSubmit: 'roundSubmit',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (Object.values(VERBS) as string[]).includes(value);
}
