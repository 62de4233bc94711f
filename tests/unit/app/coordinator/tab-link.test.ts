// The address the overview card's button opens: Teams' deep link to the personal tab at the
// round (the round as the sub-entity the page reads), or the tab's page on this server in local mode.

import { TAB_ENTITY_ID, tabLinkFor } from '../../../../bot/app/coordinator/tab-link';

describe('the link to the tab at a round', () => {
  it('is a deep link to the personal tab in Teams, the round id as the sub-entity in URL-encoded JSON', () => {
    const link = tabLinkFor('5c7a9e1e-0000-4000-8000-000000000001', () => 'https://uppfoljning.kommun.se')('uppfoljning-kf-2019');
    expect(link).toBe(
      'https://teams.microsoft.com/l/entity/5c7a9e1e-0000-4000-8000-000000000001/dashboard?context=%7B%22subEntityId%22%3A%22uppfoljning-kf-2019%22%7D',
    );
    const url = new URL(link);
    expect(url.pathname.split('/').at(-1)).toBe(TAB_ENTITY_ID);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'uppfoljning-kf-2019' });
  });

  it("is the tab's page on the bot's own address in local mode, known once the server listens", () => {
    let base = '';
    const link = tabLinkFor(undefined, () => base);
    base = 'http://127.0.0.1:41234';
    expect(link('uppfoljning-kf-2019')).toBe('http://127.0.0.1:41234/tab/?round=uppfoljning-kf-2019');
  });
});
