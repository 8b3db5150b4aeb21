/**
 * `npm run schema`: writes shared/handoff/handoff.schema.json from the zod schema, and checks the
 * example message against it. `--check` fails when the committed file is out of date (for CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { handoffJsonSchema } from '../devkit/handoff-json-schema.js';
import { HandoffMessageSchema } from '../shared/handoff/schema.js';

const SCHEMA_FILE = 'shared/handoff/handoff.schema.json';
const EXAMPLE_FILE = 'shared/handoff/handoff.example.json';

const { values: args } = parseArgs({ options: { check: { type: 'boolean' } } });

const text = `${JSON.stringify(handoffJsonSchema(), null, 2)}\n`;
const example = HandoffMessageSchema.safeParse(JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')));
if (!example.success) {
  console.error(`${EXAMPLE_FILE} does not match the schema:\n${example.error.message}`);
  process.exit(1);
}
if (args.check) {
  let committed = '';
  try {
    committed = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (committed !== text) {
    console.error(`${SCHEMA_FILE} is out of date: run npm run schema and commit it`);
    process.exit(1);
  }
  console.log(`${SCHEMA_FILE} is up to date; ${EXAMPLE_FILE} matches it`);
} else {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}; ${EXAMPLE_FILE} matches it`);
}
