// Structured logs: one JSON line per event, ids and outcomes only (no answer text, no personal
// data beyond ids).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createJsonLogger(
  level: LogLevel,
  write: (line: string) => void,
  now: () => Date,
): Logger {
  const at = (l: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (ORDER[l] < ORDER[level]) return;
    write(JSON.stringify({ time: now().toISOString(), level: l, event, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
