import { readFileSync } from 'node:fs';

/** A regular expression written in source code, found without running the code. */
export interface RegexLiteral {
  /** where it is written: `file:line` */
  name: string;
  source: string;
  flags: string;
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}

/** Reads a regular expression literal starting at the `/` at `start`; returns it and where it ends. */
function readRegex(text: string, start: number): { source: string; flags: string; end: number } {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else {
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) break;
      else if (ch === '\n') throw new Error(`unterminated regular expression at offset ${start}`);
      i++;
    }
  }
  const source = text.slice(start + 1, i);
  let end = i + 1;
  while (end < text.length && /[a-z]/.test(text[end] as string)) end++;
  return { source, flags: text.slice(i + 1, end), end };
}

/** Skips a quoted string (' or ") starting at `start`; returns the index after it. */
function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * Every regular expression literal (`/.../flags`) in TypeScript source. A small scanner: it skips
 * comments, strings and template text (reading the code inside `${}`), and takes a `/` for a
 * regular expression where an expression may start (not after a name, a number or a closing
 * bracket). `new RegExp(...)` built from strings is not found here: its callers check those.
 */
export function regexLiterals(text: string, file: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  // template nesting: for each open template, the brace depth its `${` was opened at
  const templates: number[] = [];
  let depth = 0;
  let previous = ''; // the last significant code character, or the last word
  let i = 0;
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '/' && next === '/') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (ch === '/' && next === '*') i = text.indexOf('*/', i + 2) + 2;
    else if (ch === "'" || ch === '"') {
      i = skipString(text, i);
      previous = 'x';
    } else if (ch === '`' || (ch === '}' && templates.at(-1) === depth)) {
      if (ch === '}') templates.pop();
      else i++;
      // template text up to its end or the next `${`
      while (i < text.length && text[i] !== '`' && !(text[i] === '$' && text[i + 1] === '{'))
        i += text[i] === '\\' ? 2 : 1;
      if (text[i] === '$') {
        templates.push(++depth);
        i += 2;
        previous = '(';
      } else {
        i++;
        previous = 'x';
      }
    } else if (ch === '/') {
      const expression = !isWordChar(previous.at(-1)) || KEYWORDS_BEFORE_EXPRESSION.has(previous);
      if (expression && !')]'.includes(previous)) {
        const literal = readRegex(text, i);
        found.push({ name: `${file}:${lineOf(i)}`, source: literal.source, flags: literal.flags });
        i = literal.end;
        previous = 'x';
      } else {
        i++;
        previous = '/';
      }
    } else if (isWordChar(ch)) {
      let end = i;
      while (isWordChar(text[end])) end++;
      previous = text.slice(i, end);
      i = end;
    } else {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
      if (!/\s/.test(ch)) previous = ch;
      i++;
    }
  }
  return found;
}

export function regexLiteralsInFile(path: string, name = path): RegexLiteral[] {
  return regexLiterals(readFileSync(path, 'utf8'), name);
}
