// The tab's API (bot/domain/tab-views.ts names its routes and answers), as the page calls it:
// with the Teams SSO token as a Bearer token, or in local mode the chosen person's id in
// X-Sign-In-As. A refused call becomes an ApiError with its status, which the page words.

import type {
  TabExportLink,
  TabPersonView,
  TabPlanAcrossRounds,
  TabPlanPage,
  TabRemindResult,
  TabRoundDashboard,
  TabRoundListItem,
  TabUserView,
} from '../../bot/domain/tab-views';
import type { Locale } from '../../bot/domain/locale';

export class ApiError extends Error {
  constructor(readonly status: number) {
    super(`the API answered ${status}`);
    this.name = 'ApiError';
  }
}

/** Who the page asks as: a token source in Teams, a chosen person in local mode, nobody yet. */
export type Credentials = { kind: 'token'; getToken: () => Promise<string> } | { kind: 'local'; personId: string } | { kind: 'none' };

export type ExportFormat = TabExportLink['format'];
export type RemindWhom = { planIds: string[] } | { all: true };

export interface TabApi {
  me(): Promise<TabUserView>;
  /** Local mode's people to sign in as; undefined when the server is not in local mode (404). */
  people(): Promise<TabPersonView[] | undefined>;
  rounds(): Promise<TabRoundListItem[]>;
  dashboard(roundId: string): Promise<TabRoundDashboard>;
  plan(roundId: string, planId: string): Promise<TabPlanPage>;
  planAcrossRounds(planId: string): Promise<TabPlanAcrossRounds>;
  remind(roundId: string, whom: RemindWhom): Promise<TabRemindResult>;
  exportRound(roundId: string, format: ExportFormat): Promise<TabExportLink>;
  sendCard(roundId: string, planId: string): Promise<{ sent: boolean }>;
}

/** `locale` is the page's language: the server words the statuses and the template's questions in it. */
export function createTabApi(credentials: Credentials, locale: Locale, base = '/api/tab'): TabApi {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale, ...(await authorization(credentials)) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
    if (!res.ok) throw new ApiError(res.status);
    return (await res.json()) as T;
  };
  const round = (roundId: string) => `/rounds/${encodeURIComponent(roundId)}`;
  return {
    me: () => call('GET', '/me'),
    people: async () => {
      try {
        return await call<TabPersonView[]>('GET', '/people');
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return undefined;
        throw err;
      }
    },
    rounds: () => call('GET', '/rounds'),
    dashboard: (roundId) => call('GET', round(roundId)),
    plan: (roundId, planId) => call('GET', `${round(roundId)}/plans/${encodeURIComponent(planId)}`),
    planAcrossRounds: (planId) => call('GET', `/plans/${encodeURIComponent(planId)}/rounds`),
    remind: (roundId, whom) => call('POST', `${round(roundId)}/remind`, whom),
    exportRound: (roundId, format) => call('POST', `${round(roundId)}/exports`, { format }),
    sendCard: (roundId, planId) => call('POST', `${round(roundId)}/plans/${encodeURIComponent(planId)}/card`, {}),
  };
}

async function authorization(credentials: Credentials): Promise<Record<string, string>> {
  if (credentials.kind === 'token') return { authorization: `Bearer ${await credentials.getToken()}` };
  if (credentials.kind === 'local') return { 'x-sign-in-as': credentials.personId };
  return {};
}
