// Everything a use case may touch, wired once in the composition root (bot/index.ts).

import type { Stores } from '../../storage/ports';
import type { OfficeHours } from '../domain/office-hours';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Directory, Messenger } from './ports';

export interface AppDeps {
  stores: Stores;
  clock: Clock;
  messenger: Messenger;
  directory: Directory;
  log: Logger;
  /** When the bot may send unprompted messages (prompts when a round opens). */
  officeHours: OfficeHours;
  /** How deliveries are sent; the defaults below when not given. */
  sending?: Partial<SendingSettings>;
}

export interface SendingSettings {
  /** Sends in flight at once when a round opens (the pacing keeps the rate). */
  concurrency: number;
  /** A claim not completed within this time was left by a process that died: sent again, once. */
  deliveryLeaseMs: number;
}

export const DEFAULT_SENDING: SendingSettings = { concurrency: 90, deliveryLeaseMs: 300_000 };

export function sendingOf(deps: Pick<AppDeps, 'sending'>): SendingSettings {
  return { ...DEFAULT_SENDING, ...deps.sending };
}
