// A failed call, or a call still loading, worded for the user (never the server's own text).

import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { ApiError } from './api';
import { usePage } from './context';
import type { Loaded } from './load';
import type { MessageKey } from './messages';

export function problemKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'errorGeneral';
  if (error.status === 401) return 'errorUnauthorized';
  if (error.status === 403) return 'errorForbidden';
  if (error.status === 404) return 'errorNotFound';
  return 'errorGeneral';
}

export function Problem({ error }: { error: unknown }) {
  const { t } = usePage();
  return (
    <MessageBar intent="error">
      <MessageBarBody>{t(problemKey(error))}</MessageBarBody>
    </MessageBar>
  );
}

/** The loading spinner or the problem while a call is not ready; nothing once it is. */
export function NotReady({ loaded }: { loaded: Loaded<unknown> }) {
  const { t } = usePage();
  if (loaded.state === 'loading') return <Spinner size="small" label={t('loading')} />;
  if (loaded.state === 'failed') return <Problem error={loaded.error} />;
  return null;
}
