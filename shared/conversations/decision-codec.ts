import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Decision } from '../policy/decision.js';

/**
 * The decision an event's claim keeps for a resumed attempt, stored compressed (`decisionZ`, binary).
 * A decision's JSON runs to over 1 KB with two replies and its reasons; compressed it keeps the
 * claim within one write unit. A claim written as a plain map (`decision`, by earlier code) is
 * still read.
 */
export interface StoredDecision {
  decision?: Decision;
  decisionZ?: Uint8Array;
}

function packDecision(decision: Decision): { decisionZ: Uint8Array } {
  return { decisionZ: deflateRawSync(JSON.stringify(decision)) };
}

export function unpackDecision(item: StoredDecision): Decision | undefined {
  if (item.decisionZ) return JSON.parse(inflateRawSync(item.decisionZ).toString('utf8')) as Decision;
  return item.decision;
}

/** A stored claim with its decision unpacked, as an attempt reads it. */
export function unpacked<T extends StoredDecision>(item: T): Omit<T, 'decisionZ'> {
  const { decisionZ: _packed, ...rest } = item;
  const decision = unpackDecision(item);
  return decision ? { ...rest, decision } : rest;
}

/** A record as it is stored: its decision, if any, packed in place of the plain one. */
export function packedRecord<T extends StoredDecision>(record: T): Omit<T, 'decision'> & StoredDecision {
  const { decision, ...rest } = record;
  return decision ? { ...rest, ...packDecision(decision) } : rest;
}
