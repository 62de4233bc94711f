// The tab's page: finds out where it runs (Teams or a plain browser), then shows the dashboard,
// or the configuration page at /tab/config, in Fluent 2's Teams theme of the host.

import { Button, FluentProvider, Spinner, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ConfigPage } from './config-page';
import { formatsFor } from './format';
import { connectToHost, plainBrowserHost, TEAMS_SLOW_MS, type Host, type ThemeName } from './host';
import { translator } from './messages';
import './page.css';

const THEMES: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

function Root({ host }: { host: Host }) {
  const [theme, setTheme] = useState(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  const t = useMemo(() => translator(host.locale), [host.locale]);
  const formats = useMemo(() => formatsFor(host.locale), [host.locale]);
  const isConfig = /\/tab\/config\/?$/.test(window.location.pathname);
  return (
    <FluentProvider theme={THEMES[theme]} className="page" data-theme={theme}>
      {isConfig ? <ConfigPage host={host} t={t} /> : <App host={host} t={t} formats={formats} />}
    </FluentProvider>
  );
}

/** While Teams answers: the spinner, and once it is slow a way to try again (a fresh start). */
function Connecting({ host }: { host: Host }) {
  const t = translator(host.locale);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), TEAMS_SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <FluentProvider theme={THEMES[host.theme]} className="page" data-theme={host.theme}>
      <main className="connecting">
        <Spinner size="small" label={t('connecting')} />
        {slow && (
          <p>
            {t('teamsSlow')} <Button onClick={() => window.location.reload()}>{t('tryAgain')}</Button>
          </p>
        )}
      </main>
    </FluentProvider>
  );
}

function show(host: Host, connecting: boolean): void {
  document.documentElement.lang = host.locale;
  document.title = translator(host.locale)('appName');
  root.render(<StrictMode>{connecting ? <Connecting host={host} /> : <Root host={host} />}</StrictMode>);
}

const address = new URL(window.location.href);
const root = createRoot(document.getElementById('root')!);
show(plainBrowserHost(address), true);
connectToHost(address).then((host) => show(host, false));
