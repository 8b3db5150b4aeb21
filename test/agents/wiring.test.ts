import { describe, expect, it } from 'vitest';
import { createAgentService } from '../../shared/agents/deps.js';
import { buildConfig } from '../../shared/config.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/handoff.fifo';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the agent API wiring', () => {
  it('reads no brand files: it starts even where none are', () => {
    const config = buildConfig('agent', {
      TABLE_NAME: 't',
      HANDOFF_QUEUE_URL: QUEUE,
      INBOUND_QUEUE_URL: QUEUE,
      BRANDS_FILE: '/no/such/validated-brands.json',
    });
    expect(() => createAgentService(config, quiet, () => undefined)).not.toThrow();
  });
});
