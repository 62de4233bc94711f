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

/** Sends a second to the whole tenant unless configured (RATE_LIMIT_PER_SECOND). */
export const DEFAULT_TENANT_RATE = 30;
/** How long a delivery's claim holds unless configured (DELIVERY_LEASE_SECONDS). */
export const DEFAULT_DELIVERY_LEASE_SECONDS = 300;

/** Sends in flight at a tenant rate: enough waiting for their slot that the round trip never holds the rate down. */
export function sendConcurrencyFor(tenantRate: number): number {
  return 3 * tenantRate;
}

/** The settings configuration gives when nothing is set (see bot/config.ts). */
export const DEFAULT_SENDING: SendingSettings = {
  concurrency: sendConcurrencyFor(DEFAULT_TENANT_RATE),
  deliveryLeaseMs: DEFAULT_DELIVERY_LEASE_SECONDS * 1000,
};

export function sendingOf(deps: Pick<AppDeps, 'sending'>): SendingSettings {
  return { ...DEFAULT_SENDING, ...deps.sending };
}
