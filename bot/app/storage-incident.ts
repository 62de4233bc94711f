// Telling the coordinators about the bot's own storage (it stopped and was started again, a row
// could not be read): once per incident, 1:1 to each coordinator of the register, each a claimed
// delivery (so a second process or a repeated call does not tell anyone twice), in the
// coordinator's language.

import type { Locale } from '../domain/locale';
import { t } from '../../cards/messages/index';
import { formatDateTime } from '../domain/time';
import { ContactBook } from './contacts/contact-book';
import { sendTextDelivery } from './sending/deliveries';
import type { AppDeps } from './deps';

/** Deliveries about the bot itself rather than a round are kept under this partition. */
export const SYSTEM_DELIVERIES = 'system';

export interface StorageRestart {
  /** The incident's id (the instant it stopped, ISO): the same incident is told once. */
  id: string;
  stoppedAt: Date;
  restartedAt: Date;
}

export async function tellCoordinatorsOfStorageRestart(
  deps: AppDeps,
  incident: StorageRestart,
  timeZone: string,
): Promise<{ told: number; unreachable: number }> {
  const result = await tellCoordinators(deps, `storage-restarted:${incident.id}`, (locale) =>
    t(locale, 'storageRestartedNotice', {
      stopped: formatDateTime(incident.stoppedAt, timeZone, locale),
      restarted: formatDateTime(incident.restartedAt, timeZone, locale),
    }),
  );
  deps.log.info('storage.restart-told', { incident: incident.id, ...result });
  return result;
}

/**
 * Tells each coordinator of the register a notice about the bot itself, once per notice id and
 * coordinator (a claimed delivery under SYSTEM_DELIVERIES).
 */
export async function tellCoordinators(
  deps: AppDeps,
  noticeId: string,
  text: (locale: Locale) => string,
): Promise<{ told: number; unreachable: number }> {
  const register = await deps.stores.registers.current();
  const coordinators = register?.coordinators ?? [];
  const contacts = await ContactBook.open(deps);
  await contacts.lookUp(coordinators);
  let told = 0;
  let unreachable = 0;
  for (const address of coordinators) {
    const contact = contacts.get(address);
    if (!contact) {
      unreachable++;
      continue;
    }
    const notice = {
      roundId: SYSTEM_DELIVERIES,
      id: `${noticeId}:${address.toLowerCase()}`,
      kind: 'notice' as const,
      planId: '',
      recipient: address.toLowerCase(),
    };
    const { outcome } = await sendTextDelivery(deps, notice, contact, text);
    if (outcome === 'sent') told++;
    if (outcome === 'failed' || outcome === 'unreachable') unreachable++;
  }
  return { told, unreachable };
}
