// Conversation feature (issue #3), being built.
import type { Feature } from './feature';

export const measuresFeature: Feature = {};
