// Every feature of the conversation, in the order the router asks them.
import { activitiesFeature } from './activityList';
import { followUpRoundFeature } from './followUpRound';
import type { Feature } from './feature';
import { localFollowUpFeature } from './localFollowUp';
import { localPlanFeature } from './localPlan';
import { measuresFeature } from './measures';
import { meetingBriefFeature } from './meetingBrief';
import { newActivityFeature } from './newActivity';
import { reminderSettingsFeature } from './reminderSettings';
import { revisionFeature } from './revision';
import { staleDigestFeature } from './staleDigest';
import { statusFeature } from './statusOverview';
import { subActivityUpdateFeature } from './subActivityUpdate';

export const conversationFeatures: Feature[] = [statusFeature, activitiesFeature, subActivityUpdateFeature, measuresFeature, newActivityFeature, localPlanFeature, reminderSettingsFeature, staleDigestFeature, localFollowUpFeature, revisionFeature, meetingBriefFeature, followUpRoundFeature];
