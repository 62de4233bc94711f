// Everything a use case may touch, wired once in the composition root (bot/index.ts).

import type { Stores } from '../../storage/ports';
import type { OfficeHours } from '../domain/office-hours';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { DEFAULT_SUMMARY_SETTINGS, type SummarySettings } from './coordinator/summary-settings';
import type { Directory, Messenger } from './ports';
import { DEFAULT_SENDING, type SendingSettings } from './sending/defaults';

export interface AppDeps {
  stores: Stores;
  clock: Clock;
  messenger: Messenger;
  directory: Directory;
  log: Logger;
  /** When the bot may send unprompted messages (prompts when a round opens). */
  officeHours: OfficeHours;
  /** How deliveries are sent; the defaults (sending/defaults.ts) when not given. */
  sending?: Partial<SendingSettings>;
  /** When plan cards follow the overview, how often it is updated, the tab's address; defaults when not given. */
  summary?: Partial<SummarySettings>;
}

/** The sending settings given, the defaults for the rest. */
export function sendingOf(deps: Pick<AppDeps, 'sending'>): SendingSettings {
  return { ...DEFAULT_SENDING, ...deps.sending };
}

/** The summary's settings given, the defaults for the rest. */
export function summarySettingsOf(deps: Pick<AppDeps, 'summary'>): SummarySettings {
  return { ...DEFAULT_SUMMARY_SETTINGS, ...deps.summary };
}
