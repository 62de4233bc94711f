// The Teams tab's JSON API (the routes are listed in bot/domain/tab-views.ts). Every request is
// signed in (tab-auth.ts) and checked against what the user may see, per request, on the server
// (tabViewerOf); a refusal is 401 or 403, logged and audited. Answers are JSON only, never
// cached. The views come from the read models in bot/app/dashboard; Påminn, the exports and the
// answer card go through the same use cases as the chat's commands.

import restify from 'restify';
import type { Server, Request, Response, RequestHandler } from 'restify';
import { auditRefusal, tabRefused, tabViewerOf, type TabViewer } from '../app/access';
import type { DownloadLinks } from '../app/coordinator/exports/download-links';
import { exportRound, type DocumentSettings, type ExportFormat } from '../app/coordinator/exports/export-round';
import { planAcrossRounds, planIn, planPage } from '../app/dashboard/plan-page';
import { roundDashboard } from '../app/dashboard/round-dashboard';
import { roundList } from '../app/dashboard/round-list';
import { openDelegations, signInChoices, tabUserView } from '../app/dashboard/tab-user';
import type { AppDeps } from '../app/deps';
import { findContact } from '../app/contacts/contact-book';
import { remindUnsubmitted } from '../app/reminders/remind-unsubmitted';
import { sendAnswerCard } from '../app/sending/answer-card';
import { errorMessage } from '../domain/errors';
import { localeFrom, type Locale } from '../domain/locale';
import { personIdOf } from '../domain/permissions';
import type { Plan } from '../domain/register';
import { acceptsAnswers, roundPhase, type Round } from '../domain/round';
import { EMPTY_REGISTER } from '../domain/summary';
import type { TabExportLink, TabRemindResult } from '../domain/tab-views';
import { localDateOf } from '../domain/time';
import type { SignIn, SignInHeaders } from './tab-auth';

export interface TabApiOptions {
  deps: AppDeps;
  /** Signs a request in: Teams SSO tokens, or in local mode `X-Sign-In-As`. */
  signIn: (headers: SignInHeaders) => Promise<SignIn>;
  /** Local mode: `GET /api/tab/people` lists the register's people to sign in as. */
  local: boolean;
  links: DownloadLinks;
  linkMinutes: number;
  document: DocumentSettings;
  maxBodyBytes: number;
}

/** What a route answers: a status and a JSON body. */
type Answer = { status: number; body: unknown };

/** A signed-in request, with what the user may see. */
interface TabRequest {
  req: Request;
  /** Who asks, with the register version their rights were decided by (viewer.register). */
  viewer: TabViewer;
  locale: Locale;
}

const EXPORT_FORMATS: Record<TabExportLink['format'], ExportFormat> = { docx: 'word', csv: 'csv', json: 'json' };
/** Ids as the register and the rounds allow them in storage keys; anything else names nothing. */
const ID = /^[^/\\#?\u0000-\u001f\u007f]{1,200}$/;

/** Where a request that was not signed in is logged and audited. */
const TAB_UNAUTHENTICATED = { action: 'tab.unauthenticated', subject: 'tab' };

const ok = (body: unknown): Answer => ({ status: 200, body });
const notFound = (): Answer => ({ status: 404, body: { error: 'not found' } });

export function mountTabApi(server: Server, options: TabApiOptions): void {
  const { deps } = options;
  const { log } = deps;

  /** Answers JSON, never cached, never sniffed as anything else. */
  const send = (res: Response, { status, body }: Answer) => {
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.send(status, body);
  };

  /** A 403, logged and audited under `tab.refused` with what was asked for. */
  const refuse = async (viewer: TabViewer, subject: string): Promise<Answer> => {
    await auditRefusal(deps, viewer.actor.aadObjectId, tabRefused(subject));
    return { status: 403, body: { error: 'forbidden' } };
  };

  /**
   * A 401, logged and audited: the actor is 'unauthenticated', as nothing of the token was
   * verified; the directory id it claims is kept in the details only, cut short.
   */
  const auditUnauthenticated = ({ problem, who }: Extract<SignIn, { kind: 'refused' }>) =>
    auditRefusal(deps, 'unauthenticated', TAB_UNAUTHENTICATED, { reason: problem, ...(who ? { claimedOid: who.slice(0, 64) } : {}) });

  const signedIn =
    (handler: (request: TabRequest) => Promise<Answer>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const signIn = await options.signIn({ authorization: req.headers.authorization, signInAs: headerOf(req, 'x-sign-in-as') });
        if (signIn.kind === 'refused') {
          const unavailable = signIn.problem === 'keys-unavailable';
          if (unavailable) log.error('tab.sign-in-unavailable', { path: req.path() });
          else await auditUnauthenticated(signIn);
          send(res, unavailable ? { status: 503, body: { error: 'try again later' } } : { status: 401, body: { error: 'unauthorized' } });
          return;
        }
        const register = (await deps.stores.registers.current()) ?? EMPTY_REGISTER;
        const locale = localeFrom(new URL(req.url ?? '', 'http://local').searchParams.get('locale') ?? req.headers['accept-language']);
        send(res, await handler({ req, viewer: tabViewerOf(register, signIn.actor), locale }));
      } catch (err) {
        log.error('tab.failed', { path: req.path(), error: errorMessage(err) });
        if (!res.headersSent) send(res, { status: 500, body: { error: 'internal error' } });
      }
    };

  /** The round named in the path, or a 404. */
  const withRound =
    (handler: (request: TabRequest, round: Round) => Promise<Answer>) =>
    signedIn(async (request) => {
      const { roundId } = request.req.params as { roundId: string };
      const round = ID.test(roundId) ? (await deps.stores.rounds.get(roundId))?.value : undefined;
      return round ? handler(request, round) : notFound();
    });

  /** Only for coordinators: anyone else is refused (403, audited). */
  const coordinatorsOnly =
    (what: string, handler: (request: TabRequest, round: Round) => Promise<Answer>) =>
    withRound(async (request, round) => (request.viewer.coordinator ? handler(request, round) : refuse(request.viewer, `round:${round.id}/${what}`)));

  // Only plain JSON is read (a form from another site cannot send it without asking first).
  const onlyJson: RequestHandler = (req, res, next) => {
    if ((req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/json') return next();
    send(res, { status: 415, body: { error: 'send application/json' } });
    return next(false);
  };
  const readJson: RequestHandler[] = [
    onlyJson,
    restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }),
    restify.plugins.jsonBodyParser({ mapParams: false }),
  ].flat();

  server.get('/api/tab/people', async (req: Request, res: Response) => {
    if (!options.local) return send(res, notFound());
    const register = (await deps.stores.registers.current()) ?? EMPTY_REGISTER;
    send(res, ok(signInChoices(register, await openDelegations(deps))));
  });

  server.get(
    '/api/tab/me',
    signedIn(async ({ viewer, locale }) => ok(tabUserView(viewer.register, viewer.actor, locale, options.local, await openDelegations(deps)))),
  );

  server.get('/api/tab/rounds', signedIn(async ({ viewer }) => ok(await roundList(deps, viewer))));

  server.get(
    '/api/tab/rounds/:roundId',
    withRound(async ({ viewer, locale }, round) => {
      const view = await roundDashboard(deps, round, viewer, locale);
      return view ? ok(view) : refuse(viewer, `round:${round.id}`);
    }),
  );

  server.get(
    '/api/tab/rounds/:roundId/plans/:planId',
    withRound(async ({ req, viewer, locale }, round) => {
      const { planId } = req.params as { planId: string };
      if (!ID.test(planId)) return notFound();
      const view = await planPage(deps, round, planId, viewer, locale);
      if (!('kind' in view)) return ok(view);
      return view.kind === 'refused' ? refuse(viewer, `round:${round.id}/plan:${planId}`) : notFound();
    }),
  );

  server.get(
    '/api/tab/plans/:planId/rounds',
    signedIn(async ({ req, viewer, locale }) => {
      const { planId } = req.params as { planId: string };
      if (!ID.test(planId)) return notFound();
      const view = await planAcrossRounds(deps, planId, viewer, locale);
      if (!('kind' in view)) return ok(view);
      return view.kind === 'refused' ? refuse(viewer, `plan:${planId}`) : notFound();
    }),
  );

  server.post(
    '/api/tab/rounds/:roundId/remind',
    ...readJson,
    coordinatorsOnly('remind', async ({ req, viewer }, round) => {
      const body = (req.body ?? {}) as { planIds?: unknown; all?: unknown };
      const planIds = Array.isArray(body.planIds) && body.planIds.every((id) => typeof id === 'string') ? (body.planIds as string[]) : undefined;
      if (body.all !== true && !planIds) return { status: 400, body: { error: 'give planIds or all: true' } };
      // As the chat's `påminn`: a round not yet open, or closed, reminds nobody.
      if (roundPhase(round, deps.clock.now()) !== 'open') return { status: 409, body: { error: 'the round is not open' } };
      // One reminder per plan and day from the tab: a second press the same day reminds nobody twice.
      const requestId = `tab-${localDateOf(deps.clock.now(), round.timeZone)}`;
      const counts = await remindUnsubmitted(deps, round, personIdOf(viewer.actor), requestId, body.all === true ? {} : { planIds });
      const asked = body.all === true ? counts.sent + counts.alreadyReminded + counts.unreachable : new Set(planIds).size;
      const result: TabRemindResult = { reminded: counts.sent, alreadyReminded: counts.alreadyReminded, skipped: asked - counts.sent - counts.alreadyReminded };
      return ok(result);
    }),
  );

  server.post(
    '/api/tab/rounds/:roundId/exports',
    ...readJson,
    coordinatorsOnly('exports', async ({ req, viewer }, round) => {
      const format = (req.body as { format?: unknown } | undefined)?.format;
      if (typeof format !== 'string' || !Object.hasOwn(EXPORT_FORMATS, format)) return { status: 400, body: { error: 'format must be docx, csv or json' } };
      const now = deps.clock.now();
      const record = await exportRound(deps, round, EXPORT_FORMATS[format as TabExportLink['format']], personIdOf(viewer.actor), options.document);
      const link: TabExportLink = {
        format: format as TabExportLink['format'],
        url: options.links.create(round.id, record.id, now),
        expiresAt: new Date(now.getTime() + options.linkMinutes * 60_000).toISOString(),
      };
      return ok(link);
    }),
  );

  server.post(
    '/api/tab/rounds/:roundId/plans/:planId/card',
    ...readJson,
    withRound(async ({ req, viewer }, round) => {
      const { planId } = req.params as { planId: string };
      const plan = planIn(viewer.register, round, planId);
      if (!plan) return notFound();
      const delegation = (await deps.stores.settings.getPlan(round.id, plan.id))?.value;
      if (!viewer.answersFor(plan, delegation)) {
        return refuse(viewer, `round:${round.id}/plan:${plan.id}/card`);
      }
      return ok({ sent: acceptsAnswers(round, deps.clock.now()) && (await sendCardToAsker(deps, round, plan, viewer)) });
    }),
  );

  // Anything else under the API is a JSON 404 too, never cached (and never the page).
  const unknown = async (_req: Request, res: Response) => send(res, notFound());
  server.get('/api/tab/*', unknown);
  server.post('/api/tab/*', unknown);
}

/**
 * The plan's answer card 1:1 to whoever asked (its officer or deputy), as the chat's `svara`
 * would show it. A press within the same minute is one delivery: a double click sends one card.
 */
async function sendCardToAsker(deps: AppDeps, round: Round, plan: Plan, viewer: TabViewer): Promise<boolean> {
  const contact = (await deps.stores.contacts.get(viewer.actor.aadObjectId)) ?? (await findContact(deps, viewer.actor.addresses[0]));
  if (!contact || contact.stale || !contact.conversation) return false;
  const minute = Math.floor(deps.clock.now().getTime() / 60_000);
  const { outcome } = await sendAnswerCard(deps, round, plan, contact, { id: `card:${plan.id}:${contact.aadObjectId}:${minute}`, kind: 'prompt' });
  return outcome === 'sent' || outcome === 'claimed-elsewhere';
}

function headerOf(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
