// Everything a use case may touch, wired once in the composition root (bot/index.ts).

import type { Stores } from '../../storage/ports';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Directory, Messenger } from './ports';

export interface AppDeps {
  stores: Stores;
  clock: Clock;
  messenger: Messenger;
  directory: Directory;
  log: Logger;
}
