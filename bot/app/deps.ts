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
}
