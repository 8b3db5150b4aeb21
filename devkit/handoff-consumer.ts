import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  ErasedHandoffSchema,
  HANDOFF_SCHEMA_VERSION,
  type HandoffMessage,
  HandoffMessageSchema,
} from '../shared/handoff/schema.js';
import { formatZodIssues } from '../shared/zod-issues.js';

/**
 * The consumer side of the hand-off contract, for the agent console and helpdesk bridges written
 * in TypeScript. (Other languages: validate against `handoff.schema.json`.)
 */

export type ParsedHandoff =
  | { ok: true; message: HandoffMessage }
  | { ok: false; error: string; schemaVersion?: unknown };

/**
 * Parses a queue body. A newer `schemaVersion` is reported as such, so a consumer that is not
 * upgraded yet can leave the message for one that is (see docs/agents.md on versions).
 */
export function parseHandoff(body: string): ParsedHandoff {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  const schemaVersion = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (schemaVersion !== HANDOFF_SCHEMA_VERSION) {
    return { ok: false, error: `unsupported schemaVersion ${JSON.stringify(schemaVersion)}`, schemaVersion };
  }
  const parsed = HandoffMessageSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: formatZodIssues(parsed.error.issues, '(root)').join('; '),
      schemaVersion,
    };
  }
  return { ok: true, message: parsed.data };
}

/** An `erased` hand-off (type `erased`, see ErasedHandoffSchema). */
export function isErasedHandoff(body: string | undefined): boolean {
  try {
    return ErasedHandoffSchema.safeParse(JSON.parse(body ?? '')).success;
  } catch {
    return false;
  }
}

export interface ReceivedHandoff {
  parsed: ParsedHandoff;
  receiptHandle: string;
  messageId: string;
  /** how often the queue delivered it (it moves to the dead-letter queue after the redrive limit) */
  receiveCount: number;
  sentAt?: string;
}

export class HandoffConsumer {
  constructor(
    private readonly client: SQSClient,
    readonly queueUrl: string,
  ) {}

  /**
   * Long-polls for up to `max` hand-offs. Ask for one at a time when a person works through them:
   * the message stays invisible to other consumers for `visibilitySeconds` while it is shown.
   */
  async receive(options: {
    waitSeconds: number;
    max?: number;
    visibilitySeconds?: number;
  }): Promise<ReceivedHandoff[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(options.max ?? 1, 10),
        WaitTimeSeconds: options.waitSeconds,
        ...(options.visibilitySeconds === undefined ? {} : { VisibilityTimeout: options.visibilitySeconds }),
        // The emulator ignores MessageSystemAttributeNames; 'All' works on both.
        AttributeNames: ['All'],
      }),
    );
    // The console and this consumer keep no copies of cases: an `erased` hand-off has nothing to
    // delete here, so it is acknowledged (a bridge that keeps copies deletes them first).
    const erased = Messages.filter((m) => isErasedHandoff(m.Body));
    for (const m of erased) await this.ack(m.ReceiptHandle as string);
    return Messages.filter((m) => !erased.includes(m)).map((m) => ({
      parsed: parseHandoff(m.Body ?? ''),
      receiptHandle: m.ReceiptHandle as string,
      messageId: m.MessageId as string,
      receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? '1'),
      ...(m.Attributes?.SentTimestamp
        ? { sentAt: new Date(Number(m.Attributes.SentTimestamp)).toISOString() }
        : {}),
    }));
  }

  /** The case is taken (claimed, or copied into a helpdesk): remove it from the queue. */
  async ack(receiptHandle: string): Promise<void> {
    await this.client.send(
      new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle }),
    );
  }

  /** Put it back at once for the next consumer (skipped, or shown without being taken). */
  async returnToQueue(receiptHandle: string): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  }
}
