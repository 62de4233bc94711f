// Structured logs: one JSON line per event, ids and outcomes only (no answer text, no personal
// data beyond ids). Every text in a line is cut to a bounded length here, once, since some come
// from outside (a Host header, a token's claims, an error quoting what it could not read).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The longest text a log field keeps; the rest is counted, not written. */
export const MAX_LOGGED_TEXT = 300;

/** A text cut to MAX_LOGGED_TEXT characters, saying how many were left out. */
export function boundedText(text: string): string {
  if (text.length <= MAX_LOGGED_TEXT) return text;
  return `${text.slice(0, MAX_LOGGED_TEXT)}… (${text.length - MAX_LOGGED_TEXT} more characters)`;
}

function boundedFields(fields: LogFields): LogFields {
  const bounded: LogFields = {};
  for (const [key, value] of Object.entries(fields)) bounded[boundedText(key)] = typeof value === 'string' ? boundedText(value) : value;
  return bounded;
}

export function createJsonLogger(
  level: LogLevel,
  write: (line: string) => void,
  now: () => Date,
): Logger {
  const at = (l: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (ORDER[l] < ORDER[level]) return;
    write(JSON.stringify({ time: now().toISOString(), level: l, event: boundedText(event), ...boundedFields(fields) }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
