import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

/** The exact bytes of a fixture (signatures are computed over bytes, never over re-serialised JSON). */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}.json`);
}

export function fixtureText(name: string): string {
  return fixtureBytes(name).toString('utf8');
}

/**
 * Ids for the placeholders of Meta's documentation examples (`"<PAGE_ID>"`, `"USER_ID"`...).
 * Meta never sends such ids and the webhook refuses them; tests of what an example means read
 * it with ids of the real shape instead.
 */
export const PLACEHOLDER_IDS: Readonly<Record<string, string>> = {
  '<PAGE_ID>': '100000000000001',
  '<OTHER_PAGE_ID>': '100000000000002',
  PAGE_ID: '100000000000003',
  USER_ID: '100000000000004',
  '<YOUR_APP_USERS_INSTAGRAM_ACCOUNT_ID>': '178414000000001',
  '<YOUR_APP_USERS_IG_USER_ID>': '178414000000002',
  '<YOUR_APP_USERS_INSTAGRAM_SCOPED_ID>': '178414000000003',
  '<INSTAGRAM_SCOPED_ID>': '178414000000004',
  '<COMMENT_ID>': '178414000000005',
  '<MEDIA_ID>': '178414000000006',
  '<MESSAGE_ID>': 'm_placeholder_message_id',
};

/** A fixture's text with its placeholder ids replaced by ids of the real shape. */
export function fixtureTextWithRealIds(name: string): string {
  return fixtureText(name).replace(/"([^"]+)"/g, (quoted, value: string) => {
    const id = PLACEHOLDER_IDS[value];
    return id === undefined ? quoted : `"${id}"`;
  });
}
