// The configurable tab's configuration page (/tab/config): Teams shows it when a coordinator adds
// the tab to a channel; saving gives Teams the dashboard's address.

import { Body1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Host } from './host';
import type { Translate } from './messages';

const useStyles = makeStyles({ main: { padding: tokens.spacingHorizontalXXL, display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '40rem' } });

export function ConfigPage({ host, t }: { host: Host; t: Translate }) {
  const styles = useStyles();
  useEffect(() => host.saveTabConfiguration?.(new URL('/tab/', window.location.origin).href), [host]);
  return (
    <main className={styles.main}>
      <Title2 as="h1">{t('configHeading')}</Title2>
      <Body1 as="p">{t('configIntro')}</Body1>
      {!host.inTeams && <Body1 as="p">{t('configOutsideTeams')}</Body1>}
    </main>
  );
}
