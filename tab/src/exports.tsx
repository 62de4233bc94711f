// The round's exports: the council document (Word), CSV and JSON. The server makes the file and
// answers with its signed, expiring link; the page opens it and shows it.

import { Body1, Button, Link, MessageBar, MessageBarBody, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { TabExportLink } from '../../bot/domain/tab-views';
import type { ExportFormat } from './api';
import { usePage } from './context';
import type { MessageKey } from './messages';
import { problemKey } from './problem';

const FORMATS: Array<{ format: ExportFormat; label: MessageKey }> = [
  { format: 'docx', label: 'exportDocx' },
  { format: 'csv', label: 'exportCsv' },
  { format: 'json', label: 'exportJson' },
];

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export function Exports({ roundId }: { roundId: string }) {
  const styles = useStyles();
  const { t, api, formats } = usePage();
  const [made, setMade] = useState<{ link: TabExportLink } | { failed: MessageKey }>();
  const [busy, setBusy] = useState(false);
  const make = (format: ExportFormat) => {
    setBusy(true);
    api
      .exportRound(roundId, format)
      .then(
        (link) => {
          setMade({ link });
          window.open(link.url, '_blank', 'noopener');
        },
        (err: unknown) => setMade({ failed: problemKey(err) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className={styles.section} aria-labelledby="exports-heading">
      <Subtitle1 as="h2" id="exports-heading">
        {t('exportsHeading')}
      </Subtitle1>
      <div className={styles.buttons}>
        {FORMATS.map(({ format, label }) => (
          <Button key={format} disabledFocusable={busy} onClick={() => make(format)}>
            {t(label)}
          </Button>
        ))}
      </div>
      <div role="status" aria-live="polite">
        {made && 'link' in made && (
          <Body1>
            <Link href={made.link.url} target="_blank" rel="noopener">
              {t('exportOpen', { format: made.link.format.toUpperCase() })}
            </Link>{' '}
            {t('exportExpires', { at: formats.dateTime(made.link.expiresAt) })}
          </Body1>
        )}
        {made && 'failed' in made && (
          <MessageBar intent="error">
            <MessageBarBody>{t(made.failed)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
