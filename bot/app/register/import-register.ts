// A coordinator replaces the register of plans from a file. All or nothing: a file with any
// error imports nothing; a good one becomes the next version and the previous one is kept.

import type { Stores } from '../../../storage/ports';
import { ConcurrencyError } from '../../../storage/ports';
import type { FieldError } from '../../domain/errors';
import { countRegister, type Register, type RegisterCounts } from '../../domain/register';
import type { Clock } from '../clock';
import { parseRegisterFile } from './files';

export interface ImportRegisterDeps {
  stores: Pick<Stores, 'registers' | 'audit'>;
  clock: Clock;
}

export interface ImportRegisterInput {
  bytes: Buffer;
  fileName: string;
  /** Who imports: an address, or e.g. `demo` for the demo register. */
  importedBy: string;
  /** The version the file was checked against (a previewed upload): refused onto any other. */
  expectedVersion?: number;
}

export type ImportRegisterResult =
  | { kind: 'imported'; register: Register; counts: RegisterCounts }
  /** The first problems of the file, and how many more there were beyond them. */
  | { kind: 'invalid'; errors: FieldError[]; moreErrors?: number };

export async function importRegister(deps: ImportRegisterDeps, input: ImportRegisterInput): Promise<ImportRegisterResult> {
  const { registers, audit } = deps.stores;
  const now = deps.clock.now();
  // The path may name the coordinator's home folder; the register keeps only the file's name.
  const source = input.fileName.split(/[\\/]/).pop() ?? input.fileName;
  const importedBy = input.importedBy.trim();

  const parsed = await parseRegisterFile(input.bytes, source);
  if (!parsed.content) {
    // A rejected attempt is worth a trace too: someone tried to replace the register.
    await audit.record({
      at: now,
      actor: importedBy,
      action: 'register.import-rejected',
      subject: 'register',
      details: { errors: parsed.errors.length + (parsed.moreErrors ?? 0) },
    });
    return { kind: 'invalid', errors: parsed.errors, ...(parsed.moreErrors ? { moreErrors: parsed.moreErrors } : {}) };
  }

  // A CSV file cannot state the schedule (cadence, follow-up policy), and a JSON file may leave
  // it out: the current one is kept, so that a new list of plans does not stop the cadence.
  let content = parsed.content;
  if (!parsed.statesSchedule) {
    const schedule = (await registers.current())?.schedule;
    content = schedule ? { ...content, schedule } : content;
  }

  let register: Register;
  try {
    register = await registers.saveVersion(content, { importedBy, importedAt: now, source, expectedVersion: input.expectedVersion });
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err;
    // Two imports at once: the other one won. Retrying blindly would silently undo it.
    return {
      kind: 'invalid',
      errors: [{ field: '', message: 'Någon annan importerade registret samtidigt. Kontrollera det aktuella registret och försök igen.' }],
    };
  }

  const counts = countRegister(register);
  await audit.record({
    at: now,
    actor: importedBy,
    action: 'register.imported',
    subject: `register:v${register.version}`,
    details: { version: register.version, ...counts },
  });
  return { kind: 'imported', register, counts };
}

/**
 * A listing for the command line, one error a line: `rad 4, Namn: Personen … saknar namn.`
 * Errors about the file as a whole (empty field) print without a field.
 */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors
    .map((e) => {
      const where = [e.line !== undefined ? `rad ${e.line}` : '', e.field].filter(Boolean).join(', ');
      return where ? `${where}: ${e.message}` : e.message;
    })
    .join('\n');
}
