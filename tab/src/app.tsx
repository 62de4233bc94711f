// Who is asking: in Teams the SSO token; in local mode a person chosen from the register ("Logga
// in som"), kept for the browser tab's session. Then the rounds this user may see.

import { Body1, Button, Caption1, Field, MessageBar, MessageBarBody, Select, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { TabPersonView } from '../../bot/domain/tab-views';
import { createTabApi, type Credentials } from './api';
import { Page, usePage } from './context';
import type { Formats } from './format';
import type { Host } from './host';
import { useLoad } from './load';
import type { MessageKey, Translate } from './messages';
import { NotReady } from './problem';
import { RoundsView } from './rounds-view';

const SIGNED_IN_AS = 'uppfoljning.signInAs';

const useStyles = makeStyles({
  main: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalL, maxWidth: '90rem', margin: '0 auto' },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalL },
  grow: { flexGrow: 1 },
  signIn: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
});

export function App({ host, t, formats }: { host: Host; t: Translate; formats: Formats }) {
  const styles = useStyles();
  const [personId, setPersonId] = useState(() => sessionStorage.getItem(SIGNED_IN_AS) ?? undefined);
  const credentials: Credentials = host.getToken ? { kind: 'token', getToken: host.getToken } : personId ? { kind: 'local', personId } : { kind: 'none' };
  // A new client only when who signs in changes (credentials is a new object each render).
  const api = useMemo(() => createTabApi(credentials, host.locale), [host, personId]);
  const page = useMemo(() => ({ t, formats, api }), [t, formats, api]);
  const signIn = (id: string | undefined) => {
    if (id) sessionStorage.setItem(SIGNED_IN_AS, id);
    else sessionStorage.removeItem(SIGNED_IN_AS);
    setPersonId(id);
  };
  return (
    <Page.Provider value={page}>
      <main className={styles.main}>
        {credentials.kind === 'none' ? <SignIn onSignIn={signIn} /> : <SignedIn askedRound={host.roundId} localSignOut={host.inTeams ? undefined : () => signIn(undefined)} />}
      </main>
    </Page.Provider>
  );
}

function SignedIn({ askedRound, localSignOut }: { askedRound?: string; localSignOut?: () => void }) {
  const styles = useStyles();
  const page = usePage();
  const me = useLoad(() => page.api.me(), [page.api]);
  const { t } = page;
  return (
    <>
      <header className={styles.header}>
        <Title2 as="h1" className={styles.grow}>
          {t('appName')}
        </Title2>
        {me.state === 'ready' && <Body1>{t('signedInAs', { name: me.value.name })}</Body1>}
        {localSignOut && <Button onClick={localSignOut}>{t('signOut')}</Button>}
      </header>
      {me.state === 'ready' ? <RoundsView me={me.value} askedRound={askedRound} /> : <NotReady loaded={me} />}
    </>
  );
}

function SignIn({ onSignIn }: { onSignIn: (personId: string) => void }) {
  const styles = useStyles();
  const { t, api } = usePage();
  const people = useLoad(() => api.people(), [api]);
  const [chosen, setChosen] = useState('');
  if (people.state !== 'ready') return <NotReady loaded={people} />;
  if (!people.value) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('notInTeams')}</MessageBarBody>
      </MessageBar>
    );
  }
  // A coordinator first, so that a newcomer sees the dashboard with one press.
  const choice = chosen || (people.value.find((p) => p.roles.includes('coordinator')) ?? people.value[0])?.id || '';
  return (
    <form
      className={styles.signIn}
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) onSignIn(choice);
      }}
    >
      <Title3 as="h1">{t('signInHeading')}</Title3>
      <Caption1>{t('signInIntro')}</Caption1>
      <Field label={t('signInPerson')}>
        <Select value={choice} onChange={(_e, data) => setChosen(data.value)}>
          {people.value.map((person) => (
            <option key={person.id} value={person.id}>
              {personLabel(person, t)}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="primary" type="submit">
        {t('signInButton')}
      </Button>
    </form>
  );
}

const ROLE_KEYS: Record<TabPersonView['roles'][number], MessageKey> = { coordinator: 'roleCoordinator', manager: 'roleManager', officer: 'roleOfficer' };

function personLabel(person: TabPersonView, t: Translate): string {
  return person.roles.length ? `${person.name} (${person.roles.map((role) => t(ROLE_KEYS[role])).join(', ')})` : person.name;
}
