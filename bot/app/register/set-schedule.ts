// A coordinator sets how often rounds are created by themselves. The schedule is part of the
// register, so a change is a new register version (the plans unchanged); the follow-up policy
// stays as it is.

import { ConcurrencyError, type Stores } from '../../../storage/ports';
import { checkCadence, type Cadence } from '../../domain/cadence';
import type { Register, RegisterContent } from '../../domain/register';
import type { RegisterSchedule } from '../../domain/schedule';
import type { Clock } from '../clock';

export type SetScheduleResult =
  | { kind: 'saved'; register: Register; changed: boolean }
  | { kind: 'invalid'; errors: Array<{ field: string; message: string }> };

/** Sets the cadence (undefined: rounds are created by hand only). */
export async function setCadence(
  deps: { stores: Pick<Stores, 'registers' | 'audit'>; clock: Clock },
  cadence: Cadence | undefined,
  by: string,
): Promise<SetScheduleResult> {
  const { registers, audit } = deps.stores;
  const current = await registers.current();
  if (!current) {
    return { kind: 'invalid', errors: [{ field: '', message: 'Det finns inget register ännu. Läs in registret först (import-register).' }] };
  }
  if (cadence) {
    const problems = checkCadence(cadence);
    if (problems.length > 0) return { kind: 'invalid', errors: problems.map((p) => ({ field: p.path, message: p.message })) };
  }
  const schedule: RegisterSchedule = { ...current.schedule };
  if (cadence) schedule.cadence = cadence;
  else delete schedule.cadence;
  if (JSON.stringify(schedule) === JSON.stringify(current.schedule ?? {})) return { kind: 'saved', register: current, changed: false };

  const content: RegisterContent = {
    plans: current.plans,
    people: current.people,
    coordinators: current.coordinators,
    ...(schedule.cadence || schedule.policy ? { schedule } : {}),
  };
  const now = deps.clock.now();
  let register: Register;
  try {
    // The plans still come from the file last imported: the version keeps its name.
    register = await registers.saveVersion(content, { importedBy: by, importedAt: now, source: current.source });
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    return {
      kind: 'invalid',
      errors: [{ field: '', message: 'Registret ändrades samtidigt av någon annan. Kontrollera det aktuella registret och försök igen.' }],
    };
  }
  await audit.record({
    at: now,
    actor: by,
    action: 'register.schedule-set',
    subject: `register:v${register.version}`,
    details: { version: register.version, cadence: cadence?.kind ?? 'none' },
  });
  return { kind: 'saved', register, changed: true };
}
