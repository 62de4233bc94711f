// What the Teams tab shows, in headless Chromium against the real bot (startBot in local mode,
// its own /tab/ page and API, storage in Azurite, the Bot Connector stand-in for what it sends):
// the coordinator's dashboard of a seeded round (filter, search, open a plan, its versions and
// its earlier round, Påminn, an export), an officer's and a manager's view, the English page, the
// dark and high-contrast themes, a walk by keyboard alone, and axe-core on every view. Typed HTML
// and Markdown show as the characters typed. Screenshots go to tests/e2e/artifacts/.

import type { Locator, Page } from 'playwright-core';
import { seedOpenRound } from '../../bench/seed-round';
import type { RunningBot } from '../../bot/main';
import type { Stores } from '../../storage/ports';
import { standInUser, startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { testTableStores } from '../support/storage';
import { NOW, TYPED, answer, saveChatContact, seedTabRounds } from '../support/tab-round';
import { launchBrowser, screenshot, type LaunchedBrowser } from './support/playground';
import { contrastRatio, ensureTabPageBuilt, openTabAs, seriousAccessibilityProblems } from './support/tab-page';
import { startTestBot, stopTestBot } from './support/test-bot';

jest.setTimeout(120_000);

const SARA = 'sara@kalmar.se'; // coordinator
const ANNA = 'anna@kalmar.se'; // officer of drog and vald, in Folkhälsa
const CHEF = 'chef@kalmar.se'; // manager of Anna and Bo

describe('the Teams tab in a browser', () => {
  const anna = standInUser('anna', ANNA);
  const chat = 'a:chat-anna';
  let standIn: ConnectorStandIn;
  let stores: Stores;
  let bot: RunningBot;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const tabPageDir = ensureTabPageBuilt();
    standIn = await startConnectorStandIn([anna]);
    stores = await testTableStores();
    await seedTabRounds(stores);
    await saveChatContact(stores, anna, standIn.url, chat);
    bot = await startTestBot(stores, () => NOW, {}, undefined, { tabPageDir });
    browser = await launchBrowser();
    page = browser.page;
    // A refused inline style or script, or an exception, shows here.
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await stopTestBot(bot, standIn);
  });
  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  const table = () => page.getByTestId('plans-table');
  const rowTitles = async () => (await table().locator('tbody tr td:first-child button').allInnerTexts()).map((t) => t.trim());
  const dialog = () => page.getByRole('dialog');
  const expectAccessible = async () => expect(await seriousAccessibilityProblems(page)).toEqual([]);
  const isFocused = (element: Locator) => element.evaluate((e) => e === document.activeElement);

  it("shows the coordinator the round: counts, charts, every plan, filters and search", async () => {
    await openTabAs(page, bot.url, SARA);
    await page.getByRole('heading', { name: 'Uppföljning KF 2019', level: 2 }).waitFor();
    await expect(page.getByText('2 av 4 besvarade', { exact: true }).isVisible()).resolves.toBe(true);
    // Each chart is an image with its title, and its numbers are in a table beside it.
    await expect(page.getByRole('img', { name: /^Planerna efter status/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /^Inskickade svar per dag/ }).count()).resolves.toBe(1);
    const statusTable = page.getByRole('table', { name: 'Planerna efter status' });
    expect(await statusTable.locator('tbody tr').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Risk för försening\s+1$/), expect.stringMatching(/^I fas\s+1$/)]));
    expect((await rowTitles()).sort()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer', 'God vattenstatus', 'Parkplan']);
    await screenshot(page, 'tab-coordinator-dashboard');
    await expectAccessible();

    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Risk för försening' });
    expect(await rowTitles()).toEqual(['Drogpolitiskt program']);
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Alla' });
    await page.getByRole('combobox', { name: 'Ansvarig' }).selectOption({ label: 'Anna Andersson' });
    expect((await rowTitles()).sort()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer']);
    await page.getByRole('combobox', { name: 'Ansvarig' }).selectOption({ label: 'Alla' });
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: 'Folkhälsa' });
    expect((await rowTitles()).sort()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer']);
    await page.getByRole('combobox', { name: 'Enhet' }).selectOption({ label: 'Alla' });
    await page.getByRole('searchbox', { name: 'Sök' }).fill('vatten');
    await page.getByText('1 av 4 planer').waitFor();
    expect(await rowTitles()).toEqual(['God vattenstatus']);
    await page.getByRole('searchbox', { name: 'Sök' }).fill('');
    await page.getByText('4 av 4 planer').waitFor();

    const byTitle = table().getByRole('button', { name: 'Plan', exact: true });
    await byTitle.click();
    expect(await rowTitles()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer', 'God vattenstatus', 'Parkplan']);
    expect(await table().getByRole('columnheader', { name: 'Plan', exact: true }).getAttribute('aria-sort')).toBe('ascending');
    await byTitle.click();
    expect(await rowTitles()).toEqual(['Parkplan', 'God vattenstatus', 'Förebygga våld i nära relationer', 'Drogpolitiskt program']);
    expect(await table().getByRole('columnheader', { name: 'Plan', exact: true }).getAttribute('aria-sort')).toBe('descending');
  });

  it("opens a plan: its versions exactly as typed, who and when, and the plan's earlier round beside this one", async () => {
    await openTabAs(page, bot.url, SARA);
    await page.getByRole('button', { name: 'Öppna Drogpolitiskt program' }).click();
    await dialog().getByRole('heading', { name: 'Drogpolitiskt program' }).waitFor();
    const versions = dialog().getByTestId('version');
    await versions.first().waitFor();
    expect(await versions.locator('h3').allInnerTexts()).toEqual([
      expect.stringMatching(/^Version 2: inskickad 5 mars 2019 11:00 av Anna Andersson$/),
      expect.stringMatching(/^Version 1: utkast 4 mars 2019 11:00 av Anna Andersson$/),
    ]);
    // The typed HTML and Markdown are text: the same characters, line break kept, no element made.
    const typed = versions.first().getByTestId('typed').first();
    expect(await typed.evaluate((e) => e.textContent)).toBe(TYPED);
    expect(await typed.evaluate((e) => e.children.length)).toBe(0);
    expect(await dialog().locator('img, script, strong, em, a[href^="javascript"]').count()).toBe(0);
    expect(await typed.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-wrap');

    const across = dialog().getByTestId('across-rounds');
    await across.waitFor();
    expect(await across.locator('thead th').allInnerTexts()).toEqual(['Uppföljning KF 2019', 'Uppföljning KF 2018']);
    expect(await across.locator('tbody tr').first().innerText()).toMatch(/^Status\s+Risk för försening\s+I fas$/);
    await expect(across.getByText('Förra året: i fas.').count()).resolves.toBe(1);
    await screenshot(page, 'tab-plan-page');
    await across.scrollIntoViewIfNeeded();
    await screenshot(page, 'tab-plan-across-rounds');
    await expectAccessible();

    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });

    // A plan delegated for the round says to whom.
    await page.getByRole('button', { name: 'Öppna God vattenstatus' }).click();
    const delegated = dialog().getByRole('term').filter({ hasText: 'Delegerad till' });
    await delegated.waitFor();
    expect(await delegated.evaluate((e) => e.nextElementSibling?.textContent)).toBe('Cecilia Ceder');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('reminds the drafts with Påminn by keyboard, keeps the focus on the button, and lists the reminder on the plan', async () => {
    await openTabAs(page, bot.url, SARA);
    await page.getByRole('button', { name: /^Bara utkast \(1\)$/ }).click();
    const remindOne = page.getByRole('button', { name: 'Påminn om Förebygga våld i nära relationer' });
    await remindOne.focus();
    await page.keyboard.press('Enter');
    await page.getByText('1 påminda nu, 0 redan påminda i dag, 0 kunde inte påminnas.').waitFor();
    // The pressed button was busy meanwhile, and kept the focus (WCAG 2.4.3): not <body>.
    expect(await isFocused(remindOne)).toBe(true);
    const remindAll = page.getByRole('button', { name: 'Påminn alla (1)' });
    await remindAll.focus();
    await page.keyboard.press('Enter');
    await page.getByText('0 påminda nu, 1 redan påminda i dag, 0 kunde inte påminnas.').waitFor();
    expect(await isFocused(remindAll)).toBe(true);
    expect(standIn.sentTo(chat).filter((a) => a.attachments?.length)).toHaveLength(1);
    await screenshot(page, 'tab-reminded');
    await expectAccessible();

    await page.getByRole('button', { name: 'Öppna Förebygga våld i nära relationer' }).click();
    const sent = dialog().getByRole('region', { name: 'Skickade kort och påminnelser' }).getByRole('listitem');
    await sent.first().waitFor();
    expect(await sent.allInnerTexts()).toEqual([expect.stringMatching(/^Påminnelse 20 mars 2019 10:00 till /)]);
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
  });

  it('offers no Påminn on the list of those a reminder cannot reach', async () => {
    await openTabAs(page, bot.url, SARA);
    // Parkplan's officer has no chat with the bot: reminding her makes the plan unreachable.
    const unanswered = page.getByRole('button', { name: /^Ej besvarade \(1\)$/ });
    await unanswered.click();
    await page.getByRole('button', { name: 'Påminn om Parkplan' }).click();
    await page.getByText(/ 1 kunde inte påminnas\.$/).waitFor();
    await unanswered.click();
    await page.getByRole('button', { name: /^Kan inte nås \(1\)$/ }).click();
    // Only that list is open: Parkplan shows in it, and no Påminn anywhere.
    await page.getByRole('listitem').filter({ hasText: /^Parkplan/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Påminn/ }).count()).toBe(0);
  });

  it('makes an export and shows its link, which downloads the CSV', async () => {
    await openTabAs(page, bot.url, SARA);
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Tabell (CSV)' }).click();
    await (await popup).close();
    const link = page.getByRole('link', { name: 'Öppna CSV-filen' });
    await link.waitFor();
    const download = await fetch((await link.getAttribute('href'))!);
    expect(download.status).toBe(200);
    expect(await download.text()).toContain('Drogpolitiskt program');
  });

  it('shows an officer their own plans and sends a plan\'s card to their chat', async () => {
    await openTabAs(page, bot.url, ANNA);
    await page.getByRole('heading', { name: 'Dina planer' }).waitFor();
    expect((await rowTitles()).sort()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer']);
    // No coordinator's charts, lists or exports, and no filter that cannot narrow two plans of one officer.
    expect(await page.getByRole('combobox', { name: 'Ansvarig' }).count()).toBe(0);
    expect(await page.getByRole('img').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Påminn/ }).count()).toBe(0);
    // The actions column sorts nothing, so it is no sortable header (no aria-sort, no button).
    const actions = table().getByRole('columnheader', { name: 'Åtgärd' });
    expect(await actions.getAttribute('aria-sort')).toBeNull();
    expect(await actions.getByRole('button').count()).toBe(0);
    const before = standIn.sentTo(chat).length;
    await table().getByRole('row', { name: /Förebygga våld/ }).getByRole('button', { name: 'Skicka kortet i chatten' }).click();
    await page.getByText('Kortet är skickat till din chatt med Uppföljning.').waitFor();
    expect(standIn.sentTo(chat).length).toBe(before + 1);
    await screenshot(page, 'tab-officer');
    await expectAccessible();
  });

  it("shows a manager their people's plans and nobody else's", async () => {
    await openTabAs(page, bot.url, CHEF);
    await page.getByRole('heading', { name: 'Dina medarbetares planer' }).waitFor();
    expect((await rowTitles()).sort()).toEqual(['Drogpolitiskt program', 'Förebygga våld i nära relationer', 'God vattenstatus']);
    await screenshot(page, 'tab-manager');
    await expectAccessible();
  });

  it('offers the card to someone who answers for a plan only by its delegation in the round', async () => {
    // The manager has no plan of his own; Förebygga våld is delegated to him for this round.
    await stores.settings.savePlan({ roundId: 'kf-2019', planId: 'vald', deputy: CHEF, delegatedBy: ANNA, updatedBy: ANNA, updatedAt: NOW }, null);
    await openTabAs(page, bot.url, CHEF);
    await table().waitFor();
    const sendCard = (title: RegExp) => table().getByRole('row', { name: title }).getByRole('button', { name: 'Skicka kortet i chatten' });
    await expect(sendCard(/Förebygga våld/).count()).resolves.toBe(1);
    await expect(sendCard(/Drogpolitiskt/).count()).resolves.toBe(0);
    await expect(sendCard(/God vattenstatus/).count()).resolves.toBe(0);
  });

  it('speaks English to an English-locale user', async () => {
    await page.goto(`${bot.url}/tab/?locale=en`);
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in as' }).waitFor();
    // A coordinator is offered first, so that one press shows the dashboard.
    expect(await page.getByRole('combobox', { name: 'Person' }).inputValue()).toBe(SARA);
    await expectAccessible();
    await openTabAs(page, bot.url, SARA, '?locale=en');
    await page.getByText('2 of 4 answered', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'All plans in the round' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Open Drogpolitiskt program' }).click();
    await dialog().getByText(/^Version 2: submitted on 5 Mar 2019, 11:00 by Anna Andersson$/).waitFor();
    await screenshot(page, 'tab-english-plan');
    await page.keyboard.press('Escape');
    await screenshot(page, 'tab-english');
    await expectAccessible();
  });

  it.each([
    ['default', 'rgb(255, 255, 255)'],
    ['dark', 'rgb(41, 41, 41)'],
    ['contrast', 'rgb(0, 0, 0)'],
  ])('takes the %s theme from the address: readable text, and chart bars that stand out', async (theme, background) => {
    await openTabAs(page, bot.url, SARA, `?theme=${theme}`);
    await table().waitFor();
    const colours = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      const bars = Array.from(document.querySelectorAll('svg rect')).map((bar) => getComputedStyle(bar));
      return {
        background: style('.fui-FluentProvider').backgroundColor,
        tableText: style('[data-testid="plans-table"] tbody td').color,
        tableBackground: style('[data-testid="plans-table"] tbody tr').backgroundColor,
        bars: bars.map((bar) => ({ fill: bar.fill, edge: bar.strokeWidth === '0px' || bar.stroke === 'none' ? undefined : bar.stroke })),
      };
    });
    expect(colours.background).toBe(background);
    // The rows have no background of their own: the table's text stands on the page's.
    expect(colours.tableBackground).toBe('rgba(0, 0, 0, 0)');
    expect(contrastRatio(colours.tableText, colours.background)).toBeGreaterThanOrEqual(4.5);
    // Each bar, by its fill or its 1px edge, reaches 3:1 against the background (WCAG 1.4.11).
    expect(colours.bars.length).toBeGreaterThan(5);
    for (const bar of colours.bars) {
      const best = Math.max(contrastRatio(bar.fill, colours.background), bar.edge ? contrastRatio(bar.edge, colours.background) : 0);
      expect({ ...bar, contrast: best >= 3 }).toEqual({ ...bar, contrast: true });
    }
    await screenshot(page, `tab-theme-${theme}`, { fullPage: true });
    await expectAccessible();
  });

  it('talks to Teams mobile through window.nativeInterface, and waits for a slow Teams with a way to try again', async () => {
    const mobile = await browser.context.newPage();
    try {
      await mobile.clock.install();
      // Teams mobile shows the tab unframed and gives it a native bridge instead of a parent window.
      await mobile.addInitScript(() => {
        const sent: string[] = [];
        Object.assign(window, { sentToTeams: sent, nativeInterface: { framelessPostMessage: (message: string) => sent.push(message) } });
      });
      const initializeSent = () =>
        mobile.waitForFunction(() => (window as unknown as { sentToTeams: string[] }).sentToTeams.some((m) => JSON.parse(m).func === 'initialize'));
      await mobile.goto(`${bot.url}/tab/`);
      await initializeSent();
      await mobile.getByText('Ansluter till Teams …').waitFor();
      await expect(mobile.getByRole('button', { name: 'Försök igen' }).count()).resolves.toBe(0);
      await mobile.clock.runFor(6_000);
      await mobile.getByRole('button', { name: 'Försök igen' }).waitFor();
      // Still waiting for Teams: no plain-browser page ("open the tab in Teams", "sign in as").
      await expect(mobile.getByText('Ansluter till Teams …').isVisible()).resolves.toBe(true);
      await expect(mobile.getByText('Öppna fliken i Teams för att logga in.').count()).resolves.toBe(0);
      await expect(mobile.getByRole('combobox', { name: 'Person' }).count()).resolves.toBe(0);
      await screenshot(mobile, 'tab-teams-slow');
      await mobile.getByRole('button', { name: 'Försök igen' }).click();
      await mobile.waitForURL(`${bot.url}/tab/`);
      await initializeSent();
    } finally {
      await mobile.close();
    }
  });

  it("fits a phone's screen: the page never scrolls sideways, the plans table scrolls in its own box, and the search shows its whole placeholder", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await openTabAs(page, bot.url, SARA);
      await page.getByRole('heading', { name: 'Uppföljning KF 2019', level: 2 }).waitFor();
      const { page: pageWidth, screen } = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
      expect(pageWidth).toBe(screen);
      const box = table().locator('xpath=..');
      const [tableWidth, boxWidth] = await Promise.all([table().evaluate((e) => e.scrollWidth), box.evaluate((e) => e.clientWidth)]);
      expect(tableWidth).toBeGreaterThan(boxWidth);
      expect(await box.evaluate((e) => getComputedStyle(e).overflowX)).toBe('auto');
      // Wide enough for "Plan, ansvarig, ersättare eller enhet": the text, set in the box's font, fits inside it.
      const search = page.getByRole('searchbox', { name: 'Sök' });
      const placeholderFits = await search.evaluate((e: HTMLInputElement) => {
        const probe = document.createElement('span');
        probe.style.cssText = `font: ${getComputedStyle(e).font}; position: absolute; white-space: pre; visibility: hidden`;
        probe.textContent = e.placeholder;
        document.body.append(probe);
        const fits = probe.getBoundingClientRect().width <= e.clientWidth;
        probe.remove();
        return fits;
      });
      expect(placeholderFits).toBe(true);
      await search.scrollIntoViewIfNeeded();
      await screenshot(page, 'tab-phone');
      await expectAccessible();
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  });

  it('opens the round its address names, and the configuration page at /tab/config', async () => {
    await openTabAs(page, bot.url, SARA, '?round=kf-2018');
    await page.getByRole('heading', { name: 'Uppföljning KF 2018', level: 2 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Omgång' }).inputValue()).toBe('kf-2018');
    await page.goto(`${bot.url}/tab/config`);
    await page.getByRole('heading', { name: 'Lägg till Uppföljning i kanalen' }).waitFor();
    await page.getByText('Den här sidan används när fliken läggs till i en kanal i Teams.').waitFor();
    await expectAccessible();
  });

  it("shows a round's dates and times in the round's own time zone, and its plans at risk and delayed first", async () => {
    const elsewhere = await testTableStores();
    await seedTabRounds(elsewhere, 'America/New_York');
    // Parkplan delayed: the last title alphabetically comes second, right after the plan at risk.
    await elsewhere.answers.append(answer('kf-2019', 'park', 1, 'submitted', '2019-03-08T10:00:00Z', 'delayed'), null);
    const elsewhereBot = await startTestBot(elsewhere, () => NOW, {}, undefined, { tabPageDir: ensureTabPageBuilt() });
    try {
      await openTabAs(page, elsewhereBot.url, SARA);
      await table().waitFor();
      expect(await rowTitles()).toEqual(['Drogpolitiskt program', 'Parkplan', 'Förebygga våld i nära relationer', 'God vattenstatus']);
      // Drogpolitiskt program was submitted at 10:00 UTC: 05:00 in New York (11:00 in Stockholm).
      await table().getByRole('row', { name: /Drogpolitiskt program/ }).getByText('5 mars 2019 05:00').waitFor();
      await page.getByRole('button', { name: 'Öppna Drogpolitiskt program' }).click();
      await dialog().getByText(/^Version 2: inskickad 5 mars 2019 05:00 av Anna Andersson$/).waitFor();
      await dialog().getByTestId('across-rounds').getByText('10 mars 2018 05:00').waitFor();
      await page.keyboard.press('Escape');
    } finally {
      await elsewhereBot.stop();
    }
  });

  it('shows a round of 120 plans 50 rows at a time, and a filter starts again from the first page', async () => {
    const large = await testTableStores();
    await seedOpenRound(large, { plans: 120, now: NOW });
    const largeBot = await startTestBot(large, () => NOW, {}, undefined, { tabPageDir: ensureTabPageBuilt() });
    try {
      await openTabAs(page, largeBot.url, 'sara@kalmar.se');
      await page.getByText('Sida 1 av 3', { exact: true }).waitFor();
      expect(await rowTitles()).toHaveLength(50);
      const first = (await rowTitles())[0];
      const next = page.getByRole('button', { name: 'Nästa sida' });
      await next.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Sida 2 av 3', { exact: true }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByText('Sida 3 av 3', { exact: true }).waitFor();
      expect(await rowTitles()).toHaveLength(20);
      // At the last page the button is disabled but keeps the focus (WCAG 2.4.3), and does nothing.
      expect(await next.getAttribute('aria-disabled')).toBe('true');
      expect(await isFocused(next)).toBe(true);
      await page.keyboard.press('Enter');
      await expect(page.getByText('Sida 3 av 3', { exact: true }).isVisible()).resolves.toBe(true);
      await page.getByRole('searchbox', { name: 'Sök' }).fill('folkhälsa');
      await page.getByText('30 av 120 planer', { exact: true }).waitFor();
      expect(await rowTitles()).toHaveLength(30);
      expect(await page.getByRole('navigation').count()).toBe(0);
      await page.getByRole('searchbox', { name: 'Sök' }).fill('');
      await page.getByText('Sida 1 av 3', { exact: true }).waitFor();
      expect((await rowTitles())[0]).toBe(first);
      await screenshot(page, 'tab-many-plans');
    } finally {
      await largeBot.stop();
    }
  });

  it('works by keyboard alone: a filter, a sort, Enter opens a plan, Escape comes back to it, and Påminn', async () => {
    await openTabAs(page, bot.url, SARA);
    await table().waitFor();
    await page.locator('body').focus();
    // What a screen reader would call the focused element: its aria-label, its label, or its text.
    const focusedName = () =>
      page.evaluate(() => {
        const focused = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
        return (focused?.getAttribute('aria-label') ?? focused?.labels?.[0]?.textContent ?? focused?.textContent ?? '').trim();
      });
    const tabTo = async (name: string) => {
      for (let presses = 0; (await focusedName()) !== name && presses < 60; presses += 1) await page.keyboard.press('Tab');
      expect(await focusedName()).toBe(name);
    };
    await tabTo('Status');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.getByText('1 av 4 planer').waitFor();
    expect(await rowTitles()).toEqual(['Drogpolitiskt program']);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.getByText('4 av 4 planer').waitFor();
    await tabTo('Ersättare');
    await page.keyboard.press('Enter');
    expect(await table().getByRole('columnheader', { name: 'Ersättare' }).getAttribute('aria-sort')).toBe('ascending');
    await tabTo('Öppna Drogpolitiskt program');
    // The focus is shown where it is (Fluent's link draws a double underline for it).
    expect(await page.evaluate(() => document.activeElement!.matches(':focus-visible') && getComputedStyle(document.activeElement!).textDecorationStyle === 'double')).toBe(true);
    await page.keyboard.press('Enter');
    await dialog().getByTestId('version').first().waitFor();
    // The dialog holds the focus however often Tab is pressed.
    for (let i = 0; i < 15; i += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    }
    await screenshot(page, 'tab-keyboard-dialog');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await focusedName()).toBe('Öppna Drogpolitiskt program');

    // Back at the top of the page, a list opens and Påminn is pressed, all by keyboard.
    await page.locator('body').focus();
    await tabTo('Bara utkast (1)');
    await page.keyboard.press('Enter');
    await tabTo('Påminn om Förebygga våld i nära relationer');
    await page.keyboard.press('Enter');
    await page.getByText(/påminda nu, .* redan påminda i dag, .* kunde inte påminnas\.$/).waitFor();
    expect(await focusedName()).toBe('Påminn om Förebygga våld i nära relationer');
  });
});
