import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queueBodyBytes, serialiseQueueBody } from '../../shared/aws/queue-body.js';
import { HandoffMessageSchema } from '../../shared/handoff/schema.js';
import { capHandoffSize } from '../../shared/handoff/size-cap.js';

const example = HandoffMessageSchema.parse(
  JSON.parse(readFileSync(new URL('../../shared/handoff/handoff.example.json', import.meta.url), 'utf8')),
);
const bytes = (value: unknown) => queueBodyBytes(serialiseQueueBody(value));

describe('capHandoffSize', () => {
  it('leaves a hand-off that fits as it is', () => {
    expect(capHandoffSize(example)).toBe(example);
  });

  it('cuts the text of a single message too large on its own, and says so', () => {
    const [first] = example.transcript;
    if (!first) throw new Error('the example has a transcript');
    const huge = { ...example, transcript: [{ ...first, text: '\uFFFF'.repeat(20_000) }] };
    const capped = capHandoffSize(huge, 50_000);
    expect(bytes(capped)).toBeLessThanOrEqual(50_000);
    expect(capped.transcript).toHaveLength(1);
    expect(capped.transcript[0]).toMatchObject({ textTruncated: true, messageId: first.messageId });
    expect(capped.transcript[0]?.text.endsWith('[…]')).toBe(true);
    expect(capped.transcriptOmitted).toBeUndefined();
  });
});
