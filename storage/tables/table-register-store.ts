// The register in Table Storage, as immutable numbered versions.
//
// Layout:
// - partition `register`: row `head` ({version, partition}: what is current) and one row
//   `version:{0000000007}` per committed version pointing at its partition;
// - partition `v{0000000007}-{token}` per version: row `meta`, rows `plan:{index}`,
//   `person:{index}`, `coordinator:{index}` (index keeps the imported order; ids stay
//   properties, so long ids never meet the 1 KiB key limit).
//
// An import writes its partition first (transactions of ≤ 100 rows; a large register needs
// several, so it is not atomic), then commits by updating `head` with its ETag and creating
// the `version:` row in ONE transaction. Until that commit the new rows are unreachable, so a
// half-written import never becomes current and the previous version stays readable. The random
// token keeps an import that died half-way (or lost the race) from mixing its rows with the
// next attempt at the same number; its orphaned rows are left alone, as nothing is deleted.

import { randomBytes } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Person, Plan, Register, RegisterContent } from '../../bot/domain/register';
import { paddedNumber } from '../keys';
import { ConcurrencyError, type RegisterStore } from '../ports';
import {
  checkStorable,
  defined,
  entity,
  getOptional,
  getJson,
  getString,
  listAll,
  putDate,
  putJson,
  putNumber,
  putString,
  requireDate,
  requireNumber,
  requireString,
  statusOf,
  submitInChunks,
  type Entity,
  type Props,
} from './entity';
import { deepFreeze, SingleFlight } from './single-flight';

const INDEX = 'register';
const HEAD = 'head';
const META = 'meta';

function versionRow(version: number): string {
  return `version:${paddedNumber(version)}`;
}

export class TableRegisterStore implements RegisterStore {
  /** The version last read or written, frozen: every caller shares it. */
  private kept?: { partition: string; register: Register };
  private readonly reads = new SingleFlight<string, Register | undefined>();

  constructor(private readonly client: TableClient) {}

  current(): Promise<Register | undefined> {
    return this.reads.run(HEAD, async () => {
      const head = await getOptional(this.client, INDEX, HEAD);
      return head && this.readVersion(requireString(head, 'partition'));
    });
  }

  private async readVersion(partition: string): Promise<Register> {
    if (this.kept?.partition === partition) return this.kept.register;
    const register = deepFreeze(await this.readPartition(partition));
    this.kept = { partition, register };
    return register;
  }

  async version(version: number): Promise<Register | undefined> {
    if (!Number.isSafeInteger(version) || version < 1) return undefined;
    const pointer = await getOptional(this.client, INDEX, versionRow(version));
    return pointer && this.readPartition(requireString(pointer, 'partition'));
  }

  async saveVersion(
    content: RegisterContent,
    meta: { importedBy: string; importedAt: Date; source: string; expectedVersion?: number },
  ): Promise<Register> {
    const head = await getOptional(this.client, INDEX, HEAD);
    const currentVersion = head ? requireNumber(head, 'version') : 0;
    // The head is committed below with the ETag read here, so this check holds until the commit.
    if (meta.expectedVersion !== undefined && meta.expectedVersion !== currentVersion) {
      throw new ConcurrencyError(`The register is at version ${currentVersion}, not ${meta.expectedVersion}`);
    }
    const version = currentVersion + 1;
    const partition = `v${paddedNumber(version)}-${randomBytes(4).toString('hex')}`;
    const register: Register = {
      plans: content.plans.map((p) => defined({ ...p })),
      people: content.people.map((p) => defined({ ...p })),
      coordinators: [...content.coordinators],
      ...(content.schedule ? { schedule: JSON.parse(JSON.stringify(content.schedule)) as Register['schedule'] } : {}),
      version,
      importedAt: new Date(meta.importedAt.getTime()),
      importedBy: meta.importedBy,
      source: meta.source,
    };

    await submitInChunks(
      this.client,
      versionEntities(partition, register).map((e): TransactionAction => ['create', e]),
    );

    const pointer = entity(INDEX, HEAD);
    putNumber(pointer, 'version', version);
    putString(pointer, 'partition', partition);
    const index = entity(INDEX, versionRow(version));
    putNumber(index, 'version', version);
    putString(index, 'partition', partition);
    // The head moves only if nobody committed since we read it: create when there was none,
    // otherwise replace with the ETag we read (an update without one is If-Match: *).
    const commit: TransactionAction[] = [
      head ? ['update', pointer, 'Replace', { etag: head.etag }] : ['create', pointer],
      ['create', index],
    ];
    try {
      await this.client.submitTransaction(commit);
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) {
        throw new ConcurrencyError('Another register import became current meanwhile');
      }
      throw err;
    } finally {
      this.reads.forget(HEAD);
    }
    this.kept = { partition, register: deepFreeze(copyRegister(register)) };
    return copyRegister(register);
  }

  private async readPartition(partition: string): Promise<Register> {
    const rows = await listAll(this.client, odata`PartitionKey eq ${partition}`);
    const meta = rows.find((r) => r.rowKey === META);
    if (!meta) throw new Error(`Register partition ${partition} has no meta row`);
    // Rows come back in key order, and the padded index keeps the imported order.
    const plans = rows.filter((r) => String(r.rowKey).startsWith('plan:')).map(toPlan);
    const people = rows.filter((r) => String(r.rowKey).startsWith('person:')).map(toPerson);
    const coordinators = rows.filter((r) => String(r.rowKey).startsWith('coordinator:')).map(readCoordinator);
    if (
      plans.length !== requireNumber(meta, 'plans') ||
      people.length !== requireNumber(meta, 'people') ||
      coordinators.length !== requireNumber(meta, 'coordinators')
    ) {
      throw new Error(`Register partition ${partition} is incomplete`);
    }
    return { plans, people, coordinators, ...readMeta(meta) };
  }
}

function readMeta(meta: Props): Omit<Register, 'plans' | 'people' | 'coordinators'> {
  const schedule = getJson<Register['schedule']>(meta, 'schedule');
  return {
    ...(schedule ? { schedule } : {}),
    version: requireNumber(meta, 'version'),
    importedAt: requireDate(meta, 'importedAt'),
    importedBy: requireString(meta, 'importedBy'),
    source: requireString(meta, 'source'),
  };
}

function readCoordinator(e: Props): string {
  return requireString(e, 'address');
}

function versionEntities(partition: string, register: Register): Entity[] {
  const meta = entity(partition, META);
  putNumber(meta, 'version', register.version);
  putDate(meta, 'importedAt', register.importedAt);
  putString(meta, 'importedBy', register.importedBy);
  putString(meta, 'source', register.source);
  putNumber(meta, 'plans', register.plans.length);
  putNumber(meta, 'people', register.people.length);
  putNumber(meta, 'coordinators', register.coordinators.length);
  // The schedule (cadence, follow-up policy) is small and read as a whole: one JSON property.
  putJson(meta, 'schedule', register.schedule);

  const plans = register.plans.map((p, i) => {
    const e = entity(partition, `plan:${paddedNumber(i)}`);
    putString(e, 'id', p.id);
    putString(e, 'title', p.title);
    putString(e, 'period', p.period);
    putString(e, 'note', p.note);
    putString(e, 'officer', p.officer);
    putString(e, 'deputy', p.deputy);
    putString(e, 'excludedReason', p.excludedReason);
    return e;
  });
  const people = register.people.map((p, i) => {
    const e = entity(partition, `person:${paddedNumber(i)}`);
    putString(e, 'id', p.id);
    putString(e, 'name', p.name);
    putString(e, 'title', p.title);
    putString(e, 'unit', p.unit);
    putString(e, 'manager', p.manager);
    return e;
  });
  const coordinators = register.coordinators.map((address, i) => {
    const e = entity(partition, `coordinator:${paddedNumber(i)}`);
    putString(e, 'address', address);
    return e;
  });
  return [
    checkStorable(meta, readMeta),
    ...plans.map((e) => checkStorable(e, toPlan)),
    ...people.map((e) => checkStorable(e, toPerson)),
    ...coordinators.map((e) => checkStorable(e, readCoordinator)),
  ];
}

function toPlan(e: Props): Plan {
  return defined<Plan>({
    id: requireString(e, 'id'),
    title: requireString(e, 'title'),
    period: getString(e, 'period'),
    note: getString(e, 'note'),
    officer: getString(e, 'officer'),
    deputy: getString(e, 'deputy'),
    excludedReason: getString(e, 'excludedReason'),
  });
}

function toPerson(e: Props): Person {
  return defined<Person>({
    id: requireString(e, 'id'),
    name: requireString(e, 'name'),
    title: getString(e, 'title'),
    unit: getString(e, 'unit'),
    manager: getString(e, 'manager'),
  });
}

function copyRegister(r: Register): Register {
  return {
    ...r,
    plans: r.plans.map((p) => ({ ...p })),
    people: r.people.map((p) => ({ ...p })),
    coordinators: [...r.coordinators],
    ...(r.schedule ? { schedule: JSON.parse(JSON.stringify(r.schedule)) as Register['schedule'] } : {}),
    importedAt: new Date(r.importedAt.getTime()),
  };
}
