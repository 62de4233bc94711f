// Where the page runs: inside Teams (an iframe of Teams, Outlook or Microsoft 365, talking to its
// host through @microsoft/teams-js) or in a plain browser (local mode, the browser tests). Teams
// gives the locale, the theme, the round to open (the deep link's subEntityId arrives as
// page.subPageId) and the SSO token; a plain browser gives `?locale=en`, `?theme=dark|contrast`
// and `?round=` in the address. teams-js is loaded only where it has a host to talk to (teams-js's
// own rule: a parent frame, an opener window, or Teams mobile's `window.nativeInterface`), so a
// plain browser never waits for a host that is not there, and in Teams the page waits for Teams
// however slow it is (main.tsx offers a retry once it is slow).

import { localeFrom, type Locale } from '../../bot/domain/locale';

export type ThemeName = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  locale: Locale;
  theme: ThemeName;
  /** The round the page was opened at, if any. */
  roundId?: string;
  /** The Teams SSO token for the API; undefined outside Teams. */
  getToken?: () => Promise<string>;
  /** Teams changed its theme while the tab was open. */
  onThemeChange(listener: (theme: ThemeName) => void): void;
  /** The configuration page: tells Teams the tab's address when the user saves. */
  saveTabConfiguration?: (contentUrl: string) => void;
}

/** How long Teams may take to answer before the page offers to try again (it keeps waiting). */
export const TEAMS_SLOW_MS = 5_000;

export function connectToHost(address: URL): Promise<Host> {
  const plain = plainBrowserHost(address);
  return hasTeamsHost(window) ? teamsHost(plain) : Promise.resolve(plain);
}

/** teams-js's own test (internal/communication.ts): a parent frame or opener, or a native host. */
export function hasTeamsHost(win: Window): boolean {
  return win.parent !== win || !!win.opener || 'nativeInterface' in win;
}

/** The host the address alone gives (the locale and theme to show while Teams answers). */
export function plainBrowserHost(address: URL): Host {
  const query = address.searchParams;
  return {
    inTeams: false,
    locale: localeFrom(query.get('locale') ?? ''),
    theme: themeFrom(query.get('theme') ?? ''),
    roundId: query.get('round') ?? undefined,
    onThemeChange: () => {},
  };
}

async function teamsHost(fallback: Host): Promise<Host> {
  const { app, authentication, pages } = await import('@microsoft/teams-js');
  await app.initialize();
  const context = await app.getContext();
  app.notifySuccess();
  return {
    inTeams: true,
    locale: localeFrom(context.app.locale),
    theme: themeFrom(context.app.theme),
    roundId: context.page.subPageId || fallback.roundId,
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (listener) => app.registerOnThemeChangeHandler((theme) => listener(themeFrom(theme))),
    saveTabConfiguration: (contentUrl) => {
      pages.config.registerOnSaveHandler((save) => {
        pages.config
          .setConfig({ entityId: 'uppfoljning-dashboard', contentUrl, websiteUrl: contentUrl, suggestedDisplayName: 'Uppföljning' })
          .then(() => save.notifySuccess(), (err: unknown) => save.notifyFailure(String(err)));
      });
      pages.config.setValidityState(true);
    },
  };
}

/** Teams says `default`, `dark` or `contrast`; anything else is the light theme. */
export function themeFrom(name: string): ThemeName {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}
