import { createDownloadLinks } from '../../../../../bot/app/coordinator/exports/download-links';

describe('download links', () => {
  const links = createDownloadLinks({ baseUrl: () => 'https://bot.kalmar.se', key: Buffer.from('k'.repeat(32)), lifetimeMs: 3600_000 });
  const now = new Date('2019-04-02T08:00:00Z');
  const parts = (url: string) => {
    const u = new URL(url);
    const [, , round, record] = u.pathname.split('/').map(decodeURIComponent);
    return { round, record, e: u.searchParams.get('e')!, s: u.searchParams.get('s')! };
  };

  it('lets a fresh link through for its own record only', () => {
    const p = parts(links.create('kf-2019', 'export-1', now));
    expect(links.verify(p.round, p.record, p.e, p.s, now)).toBe(true);
    expect(links.verify(p.round, 'export-2', p.e, p.s, now)).toBe(false);
    expect(links.verify('kf-2020', p.record, p.e, p.s, now)).toBe(false);
  });

  it('refuses an expired link and a link whose expiry or signature was changed', () => {
    const p = parts(links.create('kf-2019', 'export-1', now));
    expect(links.verify(p.round, p.record, p.e, p.s, new Date(now.getTime() + 3600_001))).toBe(false);
    expect(links.verify(p.round, p.record, String(Number(p.e) + 3600_000), p.s, now)).toBe(false);
    expect(links.verify(p.round, p.record, p.e, p.s.slice(0, -1) + (p.s.endsWith('A') ? 'B' : 'A'), now)).toBe(false);
    expect(links.verify(p.round, p.record, 'soon', p.s, now)).toBe(false);
  });

  it('refuses a link signed with another key', () => {
    const other = createDownloadLinks({ baseUrl: () => 'https://bot.kalmar.se', key: Buffer.from('x'.repeat(32)), lifetimeMs: 3600_000 });
    const p = parts(other.create('kf-2019', 'export-1', now));
    expect(links.verify(p.round, p.record, p.e, p.s, now)).toBe(false);
  });
});
