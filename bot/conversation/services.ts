// The stores and settings the conversation layer uses.
import type { Logger } from '../log';
import type { ActivityStore } from '../storage/activityStore';
import type { ChannelStore } from '../storage/channelStore';
import type { LocalActivityStore } from '../storage/localActivityStore';
import type { MeasureStore } from '../storage/measureStore';
import type { MeetingBriefStore } from '../storage/meetingBriefStore';
import type { PlanStore } from '../storage/planStore';
import type { RevisionStore } from '../storage/revisionStore';
import type { RoundStore } from '../storage/roundStore';
import type { ProactiveSender } from '../useCases/proactiveSender';
import type { TabLinks } from '../domain/deepLinks';

export interface Services {
  plan: PlanStore;
  activities: ActivityStore;
  channels: ChannelStore;
  measures: MeasureStore;
  localActivities: LocalActivityStore;
  links: TabLinks;
  /** Teams team ids the plan is followed up in (PLAN_TEAM_IDS); empty: the first linked team. */
  planTeamIds: string[];
  /** Who may link channels to arenas (PROJECT_LEADER_IDS); empty: anyone in the plan's team. */
  projectLeaderIds: string[];
  /** The plan's revision: proposals and decisions (bot/useCases/revision.ts). */
  revisions: RevisionStore;
  /** The yearly follow-up rounds (bot/useCases/followUpRound.ts). */
  rounds: RoundStore;
  /** Proactive cards into channels (the reminders' sender): the revision asks the arenas for proposals. */
  sender: ProactiveSender;
  /** When each channel last got a meeting brief (mötesunderlag). */
  briefs: MeetingBriefStore;
  now: () => Date;
  log: Logger;
}
