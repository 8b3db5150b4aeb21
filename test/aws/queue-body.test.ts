import { describe, expect, it } from 'vitest';
import { serialiseQueueBody } from '../../shared/aws/queue-body.js';

/** SQS's allowed characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
function sqsAccepts(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function onlyAllowedCharacters(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const code = body.codePointAt(i) ?? 0;
    if (!sqsAccepts(code)) return false;
    if (code > 0xffff) i++;
  }
  return true;
}

/** Every UTF-16 code unit SQS refuses on its own: C0 controls, lone surrogates, U+FFFE, U+FFFF. */
const FORBIDDEN = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => !sqsAccepts(code));

describe('serialiseQueueBody', () => {
  it('covers the whole forbidden set', () => {
    expect(FORBIDDEN).toHaveLength(0x20 - 3 + 0x800 + 2);
  });

  it.each([
    ['a C0 control', 0x1],
    ['U+FFFE', 0xfffe],
    ['U+FFFF', 0xffff],
    ['a lone high surrogate', 0xd800],
    ['a lone low surrogate', 0xdfff],
  ])('writes %s as an escape that reads back unchanged', (_, code) => {
    const text = `vor ${String.fromCharCode(code)} nach`;
    const body = serialiseQueueBody({ text });
    expect(onlyAllowedCharacters(body)).toBe(true);
    expect(JSON.parse(body)).toEqual({ text });
  });

  it('leaves only characters SQS accepts for every forbidden character, each text intact', () => {
    const texts = FORBIDDEN.map((code) => `x${String.fromCharCode(code)}y`);
    const body = serialiseQueueBody({ texts });
    expect(onlyAllowedCharacters(body)).toBe(true);
    expect(JSON.parse(body)).toEqual({ texts });
  });

  it('keeps allowed text as it is, astral characters and U+FFFD included', () => {
    const text = 'Paket 📦 weg \uFFFD \uE000 tab\there';
    expect(serialiseQueueBody({ text })).toBe(JSON.stringify({ text }));
  });
});
