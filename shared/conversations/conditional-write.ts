import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * Runs a conditional write whose refusal is an answer, not an error (the item is there already,
 * another attempt came first): the write's result, or undefined when its condition did not hold.
 */
export async function conditionalWrite<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return undefined;
  }
}
