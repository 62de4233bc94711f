// Download links for exports: signed with HMAC-SHA256 and expiring, each good for one record
// only. The server checks the signature before it reads anything from storage.

import { createHmac, timingSafeEqual } from 'node:crypto';

export interface DownloadLinks {
  /** A link to one record, valid until `now + lifetime`. */
  create(roundId: string, recordId: string, now: Date): string;
  /** Whether a link's parts are genuine and unexpired. */
  verify(roundId: string, recordId: string, expires: string, signature: string, now: Date): boolean;
}

export function createDownloadLinks(options: { baseUrl: () => string; key: Buffer; lifetimeMs: number }): DownloadLinks {
  const sign = (roundId: string, recordId: string, expires: string) =>
    createHmac('sha256', options.key).update(JSON.stringify([roundId, recordId, expires])).digest('base64url');
  return {
    create(roundId, recordId, now) {
      const expires = String(now.getTime() + options.lifetimeMs);
      const path = `/downloads/${encodeURIComponent(roundId)}/${encodeURIComponent(recordId)}`;
      return `${options.baseUrl()}${path}?e=${expires}&s=${sign(roundId, recordId, expires)}`;
    },
    verify(roundId, recordId, expires, signature, now) {
      if (!/^\d{1,15}$/.test(expires) || Number(expires) < now.getTime()) return false;
      const expected = Buffer.from(sign(roundId, recordId, expires));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
