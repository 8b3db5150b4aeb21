import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_LOG_HASH_KEY, logRef, stdoutJsonLog } from '../../shared/log.js';

describe('stdoutJsonLog', () => {
  it('writes one JSON line per entry with level, message, time, service and the fields', () => {
    const lines: string[] = [];
    const log = stdoutJsonLog('webhook', { write: (line) => lines.push(line) });
    log.info('meta webhook: accepted', { events: 2 }, { ignored: 1 });
    log.warn('meta webhook: signature missing or wrong', { bytes: 10 });
    expect(lines.every((line) => line.endsWith('}\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    const [accepted, refused] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(accepted).toEqual({
      level: 'INFO',
      message: 'meta webhook: accepted',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'webhook',
      events: 2,
      ignored: 1,
    });
    expect(refused).toMatchObject({ level: 'WARN', bytes: 10 });
  });

  it('writes an error with its name, message and stack', () => {
    const lines: string[] = [];
    stdoutJsonLog('webhook', { write: (line) => lines.push(line) }).error(
      'x webhook: could not enqueue events',
      new TypeError('queue unavailable'),
    );
    const entry = JSON.parse(lines[0] ?? '') as { level: string; error: Record<string, string> };
    expect(entry.level).toBe('ERROR');
    expect(entry.error).toMatchObject({ name: 'TypeError', message: 'queue unavailable' });
    expect(entry.error.stack).toContain('queue unavailable');
  });
});

describe('logRef', () => {
  const conversationId = 'facebook:123456789:dm:6620193847561029';

  it('gives one id the same short hash, without the id in it', () => {
    const ref = logRef(conversationId, 'a-deployment-key-1');
    expect(ref).toMatch(/^[0-9a-f]{12}$/);
    expect(logRef(conversationId, 'a-deployment-key-1')).toBe(ref);
    expect(logRef('facebook:123456789:dm:6620193847561030', 'a-deployment-key-1')).not.toBe(ref);
  });

  it('depends on the key, so a reader of the logs without it cannot test a candidate id', () => {
    expect(logRef(conversationId, 'a-deployment-key-1')).not.toBe(
      logRef(conversationId, 'a-deployment-key-2'),
    );
    expect(logRef(conversationId)).toBe(
      logRef(conversationId, process.env.LOG_HASH_KEY || DEVELOPMENT_LOG_HASH_KEY),
    );
  });
});
