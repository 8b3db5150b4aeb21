/**
 * Builds an UpdateExpression with its placeholders. Every attribute name goes through `#name`
 * (`status`, `text`, `error` and others are DynamoDB reserved words); a condition refers to the
 * same `#name` and brings its own values.
 */
export interface UpdateSpec {
  set?: Record<string, unknown>;
  /** set only when the attribute has no value yet */
  setIfAbsent?: Record<string, unknown>;
  /** `name = if_not_exists(name, 0) + n` */
  increment?: Record<string, number>;
  remove?: readonly string[];
}

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface UpdateParts {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

export function updateExpression(spec: UpdateSpec, condition?: Condition): UpdateParts {
  const names: Record<string, string> = { ...condition?.names };
  const values: Record<string, unknown> = { ...condition?.values };
  const name = (attribute: string) => {
    names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  };
  const sets: string[] = [];
  for (const [attribute, value] of Object.entries(spec.set ?? {})) {
    sets.push(`${name(attribute)} = :${attribute}`);
    values[`:${attribute}`] = value;
  }
  for (const [attribute, value] of Object.entries(spec.setIfAbsent ?? {})) {
    const n = name(attribute);
    sets.push(`${n} = if_not_exists(${n}, :${attribute}_init)`);
    values[`:${attribute}_init`] = value;
  }
  for (const [attribute, by] of Object.entries(spec.increment ?? {})) {
    const n = name(attribute);
    sets.push(`${n} = if_not_exists(${n}, :zero) + :${attribute}_by`);
    values[':zero'] = 0;
    values[`:${attribute}_by`] = by;
  }
  const removes = (spec.remove ?? []).map(name);
  const clauses = [
    ...(sets.length > 0 ? [`SET ${sets.join(', ')}`] : []),
    ...(removes.length > 0 ? [`REMOVE ${removes.join(', ')}`] : []),
  ];
  return {
    UpdateExpression: clauses.join(' '),
    ...(condition ? { ConditionExpression: condition.expression } : {}),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
