// Every feature of the conversation, in the order the router asks them.
import type { Feature } from './feature';
import { measuresFeature } from './measures';
import { newActivityFeature } from './newActivity';
import { reminderSettingsFeature } from './reminderSettings';

export const conversationFeatures: Feature[] = [measuresFeature, newActivityFeature, reminderSettingsFeature];
