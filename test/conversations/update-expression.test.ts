import { describe, expect, it } from 'vitest';
import { keys, padTime } from '../../shared/conversations/keys.js';
import { updateExpression } from '../../shared/conversations/update-expression.js';

describe('update expressions', () => {
  it('names every attribute through a placeholder and keeps a condition’s own values', () => {
    expect(
      updateExpression(
        {
          set: { status: 'sent', error: 'x' },
          setIfAbsent: { createdAt: 't' },
          increment: { attempts: 1 },
          remove: ['dueBy'],
        },
        { expression: '#status = :retry', values: { ':retry': 'retry' } },
      ),
    ).toEqual({
      UpdateExpression:
        'SET #status = :status, #error = :error, #createdAt = if_not_exists(#createdAt, :createdAt_init), #attempts = if_not_exists(#attempts, :zero) + :attempts_by REMOVE #dueBy',
      ConditionExpression: '#status = :retry',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#error': 'error',
        '#createdAt': 'createdAt',
        '#attempts': 'attempts',
        '#dueBy': 'dueBy',
      },
      ExpressionAttributeValues: {
        ':retry': 'retry',
        ':status': 'sent',
        ':error': 'x',
        ':createdAt_init': 't',
        ':zero': 0,
        ':attempts_by': 1,
      },
    });
  });

  it('leaves out the values of an update that only removes', () => {
    expect(updateExpression({ remove: ['flaggedAt'] })).toEqual({
      UpdateExpression: 'REMOVE #flaggedAt',
      ExpressionAttributeNames: { '#flaggedAt': 'flaggedAt' },
    });
  });
});

describe('keys', () => {
  it('sorts messages by time as strings', () => {
    expect(padTime(42)).toBe('000000000000042');
    expect(keys.messageSk(999, 'b') < keys.messageSk(1000, 'a')).toBe(true);
  });

  it('puts a conversation’s items in one partition and everything else in its own', () => {
    const partition = keys.conversation('c1').pk;
    expect(keys.reply('c1', 'r').pk).toBe(partition);
    expect(keys.automatedAudit('c1', 'e', 'a').pk).toBe(partition);
    expect(
      new Set([keys.event('c1').pk, keys.messagePointer('x', 'c1').pk, keys.account('x', 'c1').pk, partition])
        .size,
    ).toBe(4);
  });
});
