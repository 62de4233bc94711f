// The tab's page: finds out where it runs (Teams or a plain browser), then shows the dashboard,
// or the configuration page at /tab/config, in Fluent 2's Teams theme of the host.

import { FluentProvider, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ConfigPage } from './config-page';
import { formatsFor } from './format';
import { connectToHost, type Host, type ThemeName } from './host';
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

connectToHost(new URL(window.location.href)).then((host) => {
  document.documentElement.lang = host.locale;
  document.title = translator(host.locale)('appName');
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root host={host} />
    </StrictMode>,
  );
});
