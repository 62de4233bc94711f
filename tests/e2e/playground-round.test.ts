// What a coordinator sees: Alex Wilber (a coordinator in the demo register) opens the Agents
// Playground in headless Chromium, types `ny omgång`, changes the title and puts the due date on
// Kristi himmelsfärdsdag, is told so with the next working day offered, takes it with one click,
// creates the round and sees the confirmation. The round is read back from storage.

import type { Locale } from '../../bot/domain/locale';
import { t } from '../../cards/messages/index';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { testTableStores } from '../support/storage';
import {
  cards,
  clickCardAction,
  fillCardDate,
  fillCardInput,
  launchBrowser,
  openPlayground,
  screenshot,
  sendMessage,
  startPlayground,
  waitForText,
  type LaunchedBrowser,
  type RunningPlayground,
} from './support/playground';
import { startDemoBot } from './support/test-bot';

jest.setTimeout(90_000);

describe('a coordinator creates a round in the Agents Playground', () => {
  let bot: RunningBot;
  let stores: Stores;
  let playground: RunningPlayground;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    stores = await testTableStores();
    bot = await startDemoBot(stores, () => new Date('2026-03-02T08:30:00Z'));
    playground = await startPlayground({ botEndpoint: `${bot.url}/api/messages`, env: { TZ: 'Europe/Stockholm' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  it('fills the form, fixes a due date on a holiday and sees the round created', async () => {
    const { page } = browser;
    await openPlayground(page, playground.url);
    await sendMessage(page, 'ny omgång');
    // Typed commands are answered in the client's language (the playground says en-US).
    const form = await waitForText(page, /Ny uppföljningsomgång|New follow-up round/);
    const locale: Locale = (await form.innerText()).includes('Ny uppföljningsomgång') ? 'sv' : 'en';
    await cards(page).last().scrollIntoViewIfNeeded();

    // The suggestion is there: this year's council round.
    // Alex also owns demo plans: their answer cards may arrive around the form, so look in the form.
    const formCard = () => cards(page).filter({ hasText: t(locale, 'roundFormHeading') }).last();
    const title = formCard().getByLabel(t(locale, 'roundFormTitle'), { exact: true });
    expect(await title.inputValue()).toBe('Uppföljning KF 2026');
    try {
      await fillCardInput(page, t(locale, 'roundFormTitle'), 'Uppföljning KF 2026 – våren');
      await fillCardDate(page, t(locale, 'roundFormOpensDate'), '2026-04-01');
      await fillCardDate(page, t(locale, 'roundFormDueDate'), '2026-05-14'); // Kristi himmelsfärdsdag
      await fillCardDate(page, t(locale, 'roundFormSummaryDate'), '2026-05-18');
    } catch (err) {
      await screenshot(page, 'playground-round-failure');
      const inputs = await page.locator('.ac-adaptiveCard').last().locator('input').evaluateAll((els) => els.map((e) => `${(e as HTMLInputElement).type}:${e.getAttribute('aria-label') ?? ''}`));
      const html = await page.locator('.ac-adaptiveCard').last().locator('input[placeholder="Select a date..."]').first().evaluate((e) => e.parentElement!.parentElement!.parentElement!.outerHTML);
      throw new Error(`${(err as Error).message}\ninputs: ${JSON.stringify(inputs)}\n${html}`);
    }
    await clickCardAction(page, t(locale, 'roundFormCreate'));

    const day = locale === 'sv' ? '14 maj 2026 är Kristi himmelsfärdsdag' : '14 May 2026 is Kristi himmelsfärdsdag';
    await waitForText(page, day);
    // The problems sit above the fields: show the top of the form.
    await formCard().evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'playground-round-1-holiday');
    expect(await stores.rounds.get('uppfoljning-kf-2026-varen')).toBeUndefined();

    const suggestion = locale === 'sv' ? '15 maj 2026' : '15 May 2026';
    await clickCardAction(page, t(locale, 'roundFormUseDate', { date: suggestion, field: t(locale, 'roundFormDueDate').toLowerCase() }));
    // The card is replaced by the form with the date taken and what was typed kept.
    const dueInput = () => formCard().locator('input[role="combobox"]').and(formCard().getByLabel(t(locale, 'roundFormDueDate'), { exact: true }));
    for (let waited = 0; (await dueInput().inputValue()) !== 'May 15, 2026' && waited < 15_000; waited += 100) await page.waitForTimeout(100);
    // The picker shows the date en-US style whatever the card's language.
    expect(await dueInput().inputValue()).toBe('May 15, 2026');
    expect(await title.inputValue()).toBe('Uppföljning KF 2026 – våren');

    await clickCardAction(page, t(locale, 'roundFormCreate'));
    await waitForText(page, t(locale, 'roundCreatedHeading'));
    const due = locale === 'sv' ? 'senast 15 maj 2026' : 'due by 15 May 2026';
    await waitForText(page, due);
    await screenshot(page, 'playground-round-2-created');

    const round = (await stores.rounds.get('uppfoljning-kf-2026-varen'))?.value;
    expect(round).toMatchObject({
      title: 'Uppföljning KF 2026 – våren',
      year: 2026,
      createdBy: 'alexw@example.com',
      opensAt: new Date('2026-04-01T06:00:00Z'),
      dueAt: new Date('2026-05-15T21:59:59.999Z'),
      summaryAt: new Date('2026-05-18T07:00:00Z'),
    });
    expect((await stores.history.recent(5)).find((a) => a.action === 'round.created')).toMatchObject({ actor: 'alexw@example.com', subject: 'round:uppfoljning-kf-2026-varen' });
  });
});
