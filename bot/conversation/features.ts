// Every feature of the conversation, in the order the router asks them.
import type { Feature } from './feature';

export const conversationFeatures: Feature[] = [];
