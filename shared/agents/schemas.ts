import * as z from 'zod';
import type { ConversationStatus } from '../conversations/model.js';

export const CONVERSATION_STATUSES = [
  'new',
  'acknowledged',
  'handed_off',
  'claimed',
  'answered',
  'closed',
] as const satisfies readonly ConversationStatus[];

export const ConversationStatusSchema = z.enum(CONVERSATION_STATUSES);
