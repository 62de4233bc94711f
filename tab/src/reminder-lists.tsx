// The coordinator's lists: not answered, drafts only, overdue, away, unreachable. Påminn reminds
// one plan or the whole list through the server's claimed-delivery path (a second press reminds
// nobody twice) and says what it did.

import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TabRemindResult, TabRoundDashboard } from '../../bot/domain/tab-views';
import type { RemindWhom } from './api';
import { usePage } from './context';
import type { MessageKey } from './messages';
import { problemKey } from './problem';

/** A list shows this many plans; the rest are counted (Påminn alla reaches them all). */
const SHOWN_PER_LIST = 25;

/** The lists; a reminder cannot reach anyone on the unreachable one, so it has no Påminn. */
const LISTS: Array<{ key: keyof TabRoundDashboard['lists']; label: MessageKey; remindable: boolean }> = [
  { key: 'unanswered', label: 'listUnanswered', remindable: true },
  { key: 'draftsOnly', label: 'listDraftsOnly', remindable: true },
  { key: 'overdue', label: 'listOverdue', remindable: true },
  { key: 'away', label: 'listAway', remindable: true },
  { key: 'unreachable', label: 'listUnreachable', remindable: false },
];

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', justifyContent: 'space-between' },
  panel: { display: 'grid', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM },
});

type Said = { kind: 'done'; result: TabRemindResult } | { kind: 'failed'; key: MessageKey };

export function ReminderLists({ dashboard, onReminded }: { dashboard: TabRoundDashboard; onReminded(): void }) {
  const styles = useStyles();
  const { t, api } = usePage();
  const [said, setSaid] = useState<Said>();
  const [busy, setBusy] = useState(false);
  const titles = new Map(dashboard.plans.map((p) => [p.planId, p]));
  const remind = (whom: RemindWhom) => {
    setBusy(true);
    api
      .remind(dashboard.round.id, whom)
      .then(
        (result) => {
          setSaid({ kind: 'done', result });
          onReminded();
        },
        (err: unknown) => setSaid({ kind: 'failed', key: problemKey(err) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section className={styles.section} aria-labelledby="lists-heading">
      <Subtitle1 as="h2" id="lists-heading">
        {t('listsHeading')}
      </Subtitle1>
      <div role="status" aria-live="polite">
        {said && (
          <MessageBar intent={said.kind === 'done' ? 'success' : 'error'}>
            <MessageBarBody>{said.kind === 'done' ? t('remindResult', { ...said.result }) : t(said.key)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <Accordion multiple collapsible>
        {LISTS.map(({ key, label, remindable }) => {
          const planIds = dashboard.lists[key];
          return (
            <AccordionItem key={key} value={key}>
              <AccordionHeader as="h3">{t('listCount', { label: t(label), count: planIds.length })}</AccordionHeader>
              <AccordionPanel className={styles.panel}>
                {planIds.length === 0 ? (
                  <Body1>{t('listEmpty')}</Body1>
                ) : (
                  <>
                    {remindable && (
                      <div>
                        <Button appearance="primary" disabledFocusable={busy} onClick={() => remind({ planIds })}>
                          {t('remindAll', { count: planIds.length })}
                        </Button>
                      </div>
                    )}
                    <ul className={styles.list}>
                      {planIds.slice(0, SHOWN_PER_LIST).map((planId) => {
                        const plan = titles.get(planId);
                        const title = plan?.title ?? planId;
                        return (
                          <li key={planId} className={styles.item}>
                            <Body1>
                              {title}
                              {plan?.officer ? ` – ${plan.officer.name}` : ''}
                            </Body1>
                            {remindable && (
                              <Button size="small" disabledFocusable={busy} onClick={() => remind({ planIds: [planId] })} aria-label={t('remindOneLabel', { plan: title })}>
                                {t('remindOne')}
                              </Button>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                    {planIds.length > SHOWN_PER_LIST && <Body1>{t('listMore', { count: planIds.length - SHOWN_PER_LIST })}</Body1>}
                  </>
                )}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </section>
  );
}
