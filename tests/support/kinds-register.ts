// Seed 003's tertial 2 of 2017 as a register and its answers: Socialnämndens 8 nämndsmål,
// 27 aktiviteter and 4 uppdrag, answered on the tertial scale as the seed's Måluppfyllelse
// table counts them ("Nämndsmål 0, 4 (50 %), 4 (50 %), 8"; "Aktiviteter 1, 25, 1, 27";
// "Uppdrag 1, 3, 0, 4").

import type { AnswerVersion } from '../../bot/domain/answer';
import type { Plan, RegisterContent } from '../../bot/domain/register';

/** Per kind, how many items are on Uppfylld/Klar, Positiv trend/Pågående and Oförändrad …/Ej påbörjad. */
export const SEED_003_COUNTS = {
  nämndsmål: { fulfilled: 0, positive: 4, unchanged: 4 },
  aktivitet: { fulfilled: 1, positive: 25, unchanged: 1 },
  uppdrag: { fulfilled: 1, positive: 3, unchanged: 0 },
} as const;

export interface KindsRegister {
  register: RegisterContent;
  /** Each item's status, in the register's order. */
  statuses: Array<{ planId: string; status: string }>;
}

/** The seed's items, `copies` times over (1 gives the seed's 39), all answered by one officer. */
export function seed003Register(officer = 'kerstin@kalmar.se', copies = 1): KindsRegister {
  const plans: Plan[] = [];
  const statuses: KindsRegister['statuses'] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const [kind, counts] of Object.entries(SEED_003_COUNTS)) {
      for (const [status, count] of Object.entries(counts)) {
        for (let n = 0; n < count; n++) {
          const id = `${kind === 'nämndsmål' ? 'mal' : kind}-${status}-${copy}-${n}`;
          plans.push({ id, title: `${kind} ${status} ${copy}-${n}`, officer, kind });
          statuses.push({ planId: id, status });
        }
      }
    }
  }
  return {
    register: { plans, people: [{ id: officer, name: 'Kerstin Lagerlund', title: 'controller' }], coordinators: [officer] },
    statuses,
  };
}

/** A submitted answer on the tertial template for each item, with its status. */
export function seed003Answers(roundId: string, statuses: KindsRegister['statuses'], at = new Date('2017-09-01T10:00:00Z')): AnswerVersion[] {
  return statuses.map(({ planId, status }) => ({
    roundId,
    planId,
    version: 1,
    state: 'submitted',
    content: { texts: { assessment: 'Samlad bedömning.' }, status },
    answeredBy: 'kerstin@kalmar.se',
    answeredByName: 'Kerstin Lagerlund',
    at,
  }));
}
