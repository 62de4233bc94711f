// The round most unit tests speak of: Uppföljning KF 2019, open in March, due by the end of
// 1 April (Stockholm), closing a month later.

import type { Round } from '../../bot/domain/round';

export function kf2019(overrides: Partial<Round> = {}): Round {
  return {
    id: 'uppfoljning-kf-2019',
    title: 'Uppföljning KF 2019',
    year: 2019,
    timeZone: 'Europe/Stockholm',
    opensAt: new Date('2019-03-01T07:00:00Z'),
    dueAt: new Date('2019-04-01T21:59:59Z'),
    closesAt: new Date('2019-05-01T21:59:59Z'),
    createdBy: 'samordnare@kommun.se',
    createdAt: new Date('2019-02-01T00:00:00Z'),
    ...overrides,
  };
}
