import type { BurstCounter } from '../conversations/bursts.js';
import type { Conversation, EventRecord, ReplyStatus } from '../conversations/model.js';
import type { ClaimSite, ConversationStore } from '../conversations/store.js';
import type { Platform } from '../events.js';
import type { HandoffMessage } from '../handoff/schema.js';
import type { Log } from '../log.js';
import type { PlatformClient } from '../platforms/client.js';
import type { BrandDirectory } from '../policy/brands.js';
import type { Decision } from '../policy/decision.js';
import type { RetryPolicy } from '../replies/retry-budget.js';

/** Where a customer message's claim is (or is to be opened), and what an earlier attempt left in it. */
export interface EarlierClaim {
  site: ClaimSite;
  record: EventRecord | undefined;
}

export interface ResponderDeps {
  store: ConversationStore;
  bursts: BurstCounter;
  brands: BrandDirectory;
  clients: Record<Platform, PlatformClient>;
  publishHandoff(message: HandoffMessage): Promise<void>;
  clock: () => Date;
  log: Log;
  /** how replies that failed certainly undone are retried (default: DEFAULT_RETRY_POLICY) */
  retryPolicy?: RetryPolicy;
  /** runs an erasure job from the inbound queue (shared/privacy/erasures.ts); loaded when one comes */
  runErasure?(job: unknown): Promise<Record<string, number>>;
  /** hides a queue record for a while: a retry after a backoff instead of the queue's fixed timeout */
  delayRecord?(receiptHandle: string, delayMs: number): Promise<void>;
}

export interface ReplyOutcome {
  kind: 'public' | 'private';
  status: ReplyStatus;
  text: string;
  templateId: string;
  platformId?: string;
  errorClass?: string;
  /** why a person gets the case, in plain words (a reply in doubt, a retry budget used up) */
  note?: string;
}

export interface HandoffOutcome {
  handoffId: string;
  caseId: string;
  type: HandoffMessage['type'];
}

export interface EventOutcome {
  eventId: string;
  /** the event was handled completely before: nothing was done again */
  duplicate: boolean;
  conversationId?: string;
  decision?: Decision;
  /** the conversation as this event left it (absent when nothing was written to it) */
  conversation?: Conversation;
  replies: ReplyOutcome[];
  handoff?: HandoffOutcome;
  /** the customer's comment was to be hidden: what became of it */
  hidden?: HideOutcome;
}

/** What became of hiding a comment: a person sees a failure and hides it by hand. */
export interface HideOutcome {
  status: 'hidden' | 'dry_run' | 'failed';
  errorClass?: string;
  /** why it failed, as the platform said */
  note?: string;
}

/** The hex prefix that hand-off and case ids are made of. */
