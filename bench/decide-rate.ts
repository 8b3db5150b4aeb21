import { readFileSync } from 'node:fs';
import { ChannelSchema, PlatformSchema } from '../shared/events.js';
import { decide, freshConversation } from '../shared/policy/index.js';
import { brandAccount, eventFromText, loadDefaultBrand } from '../shared/policy/offline.js';

/**
 * Used only while bench/triage.ts (the policy owners' measurement) is absent: decide() over
 * every item of the labelled set, repeated for about a second after a warm-up pass.
 */
export function measureDecisionsPerSec(file = 'test/policy/labelled-set.jsonl'): { decisionsPerSec: number } {
  const { brand } = loadDefaultBrand();
  const now = new Date();
  const inputs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const item = JSON.parse(line) as { id?: string; text: string; platform?: string; channel?: string };
      const platform = PlatformSchema.parse(item.platform ?? 'facebook');
      const event = eventFromText(
        {
          text: item.text,
          platform,
          channel: ChannelSchema.parse(item.channel ?? 'comment'),
          id: item.id ?? `item-${i}`,
        },
        brand,
        now.getTime(),
      );
      return { event, brand, account: brandAccount(brand, platform), now };
    });
  const pass = () => {
    for (const input of inputs) decide({ ...input, conversation: freshConversation() });
  };
  pass();
  let decisions = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    pass();
    decisions += inputs.length;
  }
  return { decisionsPerSec: Math.round((1000 * decisions) / (performance.now() - started)) };
}
