/**
 * How the table is paid for. On demand by default: nothing to size, and bursts are absorbed.
 * `TABLE_BILLING=provisioned` at deploy time suits a stage with a steady base load: the table and
 * its index get provisioned capacity, auto scaled between the bounds of TABLE_WRITE_UNITS and
 * TABLE_READ_UNITS ("min-max", default 5-500) to keep utilisation near 70 %, which costs about
 * 0.26 USD per million writes instead of 0.625 (docs/cost.md). A burst faster than auto scaling
 * is throttled: the responder fails the record and SQS delivers it again, nothing is lost.
 */
export interface TableCapacity {
  billing: 'on-demand' | 'provisioned';
  write: { min: number; max: number };
  read: { min: number; max: number };
}

export function tableCapacity(env: Record<string, string | undefined>): TableCapacity {
  const billing = env.TABLE_BILLING ?? 'on-demand';
  if (billing !== 'on-demand' && billing !== 'provisioned') {
    throw new Error(`TABLE_BILLING must be on-demand or provisioned, not ${billing}`);
  }
  const bounds = (name: string) => {
    const value = env[name] ?? '5-500';
    const match = /^(\d+)-(\d+)$/.exec(value);
    const min = Number(match?.[1]);
    const max = Number(match?.[2]);
    if (!match || min < 1 || max < min)
      throw new Error(`${name} must be "min-max" with 1 <= min <= max, not ${value}`);
    return { min, max };
  };
  return { billing, write: bounds('TABLE_WRITE_UNITS'), read: bounds('TABLE_READ_UNITS') };
}
