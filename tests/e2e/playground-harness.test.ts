/**
 * Proves the Agents Playground harness (tests/e2e/support/playground.ts) against a tiny in-test
 * bot: echo, an Adaptive Card with multi-line inputs, a compact and an expanded ChoiceSet,
 * Action.Submit and Action.Execute (the invoke response replaces the card), a proactive message,
 * and the playground's connector answering member look-ups from .m365agentsplayground.yml.
 */
import * as path from 'path';
import * as restify from 'restify';
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import {
  chooseCardOption,
  clickCardAction,
  fillCardInput,
  launchBrowser,
  openChat,
  openPlayground,
  screenshot,
  sendMessage,
  startPlayground,
  waitForText,
  type LaunchedBrowser,
  type RunningPlayground,
} from './support/playground';

jest.setTimeout(60_000);

const CONFIG = path.resolve(__dirname, '..', '..', '.m365agentsplayground.yml');
const STATUS = [
  { title: 'I fas', value: 'on_track' },
  { title: 'Risk för försening', value: 'at_risk' },
  { title: 'Försenad/avvaktar', value: 'delayed' },
];

function testCard() {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Uppföljning – testkort', weight: 'Bolder', wrap: true },
      { type: 'Input.Text', id: 'a1', label: 'Vad har gjorts?', placeholder: 'Beskriv arbetet', isMultiline: true },
      { type: 'Input.Text', id: 'a2', label: 'Vad återstår?', isMultiline: true },
      { type: 'Input.ChoiceSet', id: 'status', label: 'Status', style: 'compact', placeholder: 'Välj status', choices: STATUS },
      { type: 'Input.ChoiceSet', id: 'trend', label: 'Trend', style: 'expanded', choices: STATUS },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: 'Skicka in',
        verb: 'submit',
        data: { kind: 'report' },
        fallback: { type: 'Action.Submit', title: 'Skicka in', data: { kind: 'report', verb: 'submit' } },
      },
      { type: 'Action.Submit', title: 'Spara utkast', data: { kind: 'draft' } },
    ],
  };
}

const THANKS = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Tack! Sparat.', wrap: true }] };

describe('Agents Playground harness', () => {
  const received: Partial<Activity>[] = [];
  let reference: Partial<ConversationReference> | undefined;
  let adapter: CloudAdapter;
  let server: restify.Server;
  let pg: RunningPlayground | undefined;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    adapter.onTurnError = async (_ctx, err) => {
      received.push({ type: 'turnError', text: String(err) } as Partial<Activity>);
    };
    server = restify.createServer();
    server.use(restify.plugins.bodyParser());
    server.post('/api/messages', async (req, res) => {
      await adapter.process(req, res, async (ctx) => {
        const a = ctx.activity;
        received.push(a);
        if (a.type === ActivityTypes.Message) {
          reference = TurnContext.getConversationReference(a);
          if (a.value) await ctx.sendActivity(`Utkast sparat: ${JSON.stringify(a.value)}`);
          else if (a.text?.trim() === 'card') await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(testCard())] });
          else await ctx.sendActivity(`Eko: ${TurnContext.removeRecipientMention(a)?.trim()}`);
        } else if (a.type === ActivityTypes.Invoke && a.name === 'adaptiveCard/action') {
          await ctx.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: THANKS } },
          });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const botPort = (server.address() as { port: number }).port;
    pg = await startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, configPath: CONFIG });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await pg?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('opens the playground, echoes, fills and submits a card, and takes a proactive message', async () => {
    const page = browser!.page;
    await openPlayground(page, pg!.url);

    // Opening the page greets the bot as a freshly installed personal app.
    await waitUntil(() => received.some((a) => a.type === ActivityTypes.ConversationUpdate));
    const update = received.find((a) => a.type === ActivityTypes.ConversationUpdate)!;
    expect(update.conversation?.id).toBe('personal-chat-alexw');
    expect(update.membersAdded?.map((m) => m.id)).toContain('user-id-0');
    expect(received.some((a) => a.type === 'installationUpdate' && a.action === 'add')).toBe(true);

    await sendMessage(page, 'hej');
    await waitForText(page, 'Eko: hej');
    const hej = received.find((a) => a.type === ActivityTypes.Message && a.text === 'hej')!;
    expect(hej.from).toMatchObject({ id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020' });
    expect(hej.channelData?.tenant?.id).toBe('00000000-0000-0000-0000-000000000001');
    expect(hej.serviceUrl).toBe(pg!.serviceUrl);

    await sendMessage(page, 'rad ett\nrad två');
    await waitForText(page, 'Eko: rad ett');
    expect(received.some((a) => a.text === 'rad ett\nrad två')).toBe(true);

    // Action.Submit: a message activity whose value carries the inputs.
    await sendMessage(page, 'card');
    await fillCardInput(page, 'Vad har gjorts?', 'Utkast');
    await clickCardAction(page, 'Spara utkast');
    await waitForText(page, 'Utkast sparat');
    expect(received.find((a) => a.type === ActivityTypes.Message && a.value)?.value).toMatchObject({ kind: 'draft', a1: 'Utkast' });

    // Action.Execute: an adaptiveCard/action invoke; its card response replaces the card.
    await sendMessage(page, 'card');
    await fillCardInput(page, 'Vad har gjorts?', 'Rad ett\nRad två');
    await fillCardInput(page, 'Vad återstår?', 'Inget');
    await chooseCardOption(page, 'Status', 'Risk för försening');
    await chooseCardOption(page, 'Trend', 'I fas');
    await clickCardAction(page, 'Skicka in');
    const replaced = await waitForText(page, 'Tack! Sparat.');
    await expect(replaced.getByRole('button', { name: 'Skicka in' }).count()).resolves.toBe(0);
    const invoke = received.find((a) => a.type === ActivityTypes.Invoke)!;
    expect(invoke.name).toBe('adaptiveCard/action');
    expect(invoke.value).toMatchObject({
      action: { type: 'Action.Execute', verb: 'submit', data: { kind: 'report', a1: 'Rad ett\nRad två', a2: 'Inget', status: 'at_risk', trend: 'on_track' } },
    });

    // Proactive message through the stored reference shows up in the open page.
    await adapter.continueConversationAsync('', reference!, async (ctx) => {
      await ctx.sendActivity('Påminnelse: dags att rapportera');
    });
    await waitForText(page, 'Påminnelse: dags att rapportera');
    await screenshot(page, 'playground-harness');

    // In Group Chat (and channels) the bot only hears messages that @mention it.
    await openChat(page, 'Group Chat');
    await sendMessage(page, 'hej gruppen', { mention: 'Uppföljning' });
    await waitForText(page, 'Eko: hej gruppen');
    const group = received.find((a) => a.type === ActivityTypes.Message && a.conversation?.conversationType === 'groupChat')!;
    expect(group.conversation?.id).toBe('group-chat-1');
    expect(group.entities?.some((e) => e.type === 'mention')).toBe(true);

    // The playground's connector knows the configured people.
    const res = await fetch(`http://127.0.0.1:${pg!.port}/_connector/v3/conversations/team-id/pagedmembers`);
    const body = (await res.json()) as { members: { email: string; aadObjectId: string }[] };
    expect(body.members.map((m) => m.email).sort()).toEqual(
      ['adelev', 'alexw', 'isaiahl', 'lynner', 'meganb', 'pattif'].map((u) => `${u}@example.com`),
    );
    expect(received.filter((a) => a.type === 'turnError')).toEqual([]);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
