import { readFileSync } from 'node:fs';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHandoff } from '../../devkit/handoff-consumer.js';
import { handoffJsonSchema } from '../../devkit/handoff-json-schema.js';
import { facebookCommentDelivery } from '../../devkit/payloads.js';
import { fifoId } from '../../shared/aws/sqs.js';
import { HandoffMessageSchema } from '../../shared/handoff/schema.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

const example = readFileSync('shared/handoff/handoff.example.json', 'utf8');

describe('the published hand-off contract', () => {
  it('commits the JSON Schema generated from the zod schema, and an example that matches it', () => {
    expect(JSON.parse(readFileSync('shared/handoff/handoff.schema.json', 'utf8'))).toEqual(
      handoffJsonSchema(),
    );
    expect(HandoffMessageSchema.safeParse(JSON.parse(example)).success).toBe(true);
    const schema = handoffJsonSchema() as { anyOf: Array<{ required: string[] }> };
    const [cases, erased] = schema.anyOf;
    expect(cases?.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'handoffId', 'caseId', 'conversationId']),
    );
    expect(erased?.required).toEqual(
      expect.arrayContaining([
        'schemaVersion',
        'handoffId',
        'type',
        'erasureId',
        'caseIds',
        'conversationIds',
      ]),
    );
    // Consumers must accept fields added later: the schema leaves additional properties open.
    expect(JSON.stringify(schema)).not.toContain('additionalProperties');
  });

  it('accepts added fields, and tells a newer schemaVersion apart from a broken message', () => {
    const withExtra = parseHandoff(JSON.stringify({ ...JSON.parse(example), sentiment: 'negative' }));
    expect(withExtra.ok).toBe(true);
    expect(parseHandoff(JSON.stringify({ ...JSON.parse(example), schemaVersion: 2 }))).toEqual({
      ok: false,
      error: 'unsupported schemaVersion 2',
      schemaVersion: 2,
    });
    const broken = parseHandoff(JSON.stringify({ ...JSON.parse(example), escalation: 'L9' }));
    expect(broken).toMatchObject({ ok: false, schemaVersion: 1 });
    expect(parseHandoff('not json')).toEqual({ ok: false, error: 'the body is not JSON' });
  });
});

describe('on the queue', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('groups hand-offs by conversation and deduplicates them by hand-off id', async () => {
    const commentId = `515_${Date.now()}`;
    await system.postMeta(
      JSON.stringify(
        facebookCommentDelivery({
          pageId: '123456789',
          commentId,
          text: 'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!',
        }),
      ),
    );
    await system.drainInbound();
    const sqs = new SQSClient({});
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: system.stack.handoffQueueUrl,
        MaxNumberOfMessages: 1,
        AttributeNames: ['All'],
      }),
    );
    sqs.destroy();
    expect(Messages).toHaveLength(1);
    const message = HandoffMessageSchema.parse(JSON.parse(Messages[0]?.Body ?? ''));
    expect(message.conversationId).toBe(`facebook:123456789:comment:${commentId}`);
    expect(Messages[0]?.Attributes).toMatchObject({
      MessageGroupId: fifoId(message.conversationId),
      MessageDeduplicationId: fifoId(message.handoffId),
    });
  });
});
