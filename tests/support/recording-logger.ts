// A Logger that keeps every event it is given, so a test can see what the bot logged: above all
// a turn that failed, which the user only sees as a sentence and the HTTP caller as a 200.

import type { LogFields, Logger, LogLevel } from '../../bot/app/logger';

export interface LoggedEvent {
  level: LogLevel;
  event: string;
  fields: LogFields;
}

/** Events that mean a turn failed inside the bot: the turn handler's catch or CloudAdapter's onTurnError. */
export const TURN_FAILURES = ['turn.failed', 'turn.unhandled'];

export interface RecordingLogger extends Logger {
  readonly events: LoggedEvent[];
  /** The turn failures logged since `from` (an index into `events`). */
  turnFailures(from?: number): LoggedEvent[];
}

export function createRecordingLogger(): RecordingLogger {
  const events: LoggedEvent[] = [];
  const at = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    events.push({ level, event, fields });
  };
  return {
    events,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    turnFailures: (from = 0) => events.slice(from).filter((e) => TURN_FAILURES.includes(e.event)),
  };
}
