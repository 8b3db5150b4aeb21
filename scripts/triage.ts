/**
 * npm run triage: reads JSON lines {"text","channel","platform"} on stdin and prints one JSON
 * decision per line, made by the responder's decide() with a fresh conversation and the default
 * brand (BRANDS_DIR / DEFAULT_BRAND as for the responder).
 */
import { createInterface } from 'node:readline';
import { brandAccount, eventFromText, loadDefaultBrand } from '../devkit/offline-policy.js';
import { ChannelSchema, PlatformSchema } from '../shared/events.js';
import { decide, freshConversation, loadTrigramModel } from '../shared/policy/index.js';

const { brand } = loadDefaultBrand();
await loadTrigramModel();
let line = 0;
let failures = 0;

for await (const raw of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  line++;
  if (raw.trim() === '') continue;
  try {
    const input = JSON.parse(raw) as Record<string, unknown>;
    if (typeof input.text !== 'string') throw new Error('"text" must be a string');
    const platform = PlatformSchema.parse(input.platform ?? 'facebook');
    const channel = ChannelSchema.parse(input.channel ?? 'comment');
    const now = new Date();
    const event = eventFromText(
      {
        text: input.text,
        platform,
        channel,
        id: typeof input.id === 'string' ? input.id : `stdin-${line}`,
        ...(typeof input.followers === 'number' ? { followers: input.followers } : {}),
        ...(typeof input.name === 'string' ? { name: input.name } : {}),
      },
      brand,
      now.getTime(),
    );
    const decision = decide({
      event,
      conversation: freshConversation(),
      brand,
      account: brandAccount(brand, platform),
      now,
    });
    process.stdout.write(`${JSON.stringify(decision)}\n`);
  } catch (error) {
    failures++;
    process.stderr.write(`line ${line}: ${(error as Error).message}\n`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
