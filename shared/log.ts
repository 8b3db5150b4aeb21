/** The logging surface domain code needs; Powertools' Logger and the console both satisfy it. */
export interface Log {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
  error(message: string, ...extra: [Error] | Array<Record<string, unknown>>): void;
}
