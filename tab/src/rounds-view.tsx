// The rounds this user may see, one chosen (the one Teams or the address named, else the newest
// open one), and that round's dashboard: for a coordinator the counts, the charts, the lists to
// remind and the exports; for everyone the table of the plans they may see.

import { Body1, Field, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle1, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { TabRoundDashboard, TabRoundListItem, TabRoundPhase, TabUserView } from '../../bot/domain/tab-views';
import { ByDayChart, StatusChart } from './charts';
import { usePage } from './context';
import { Exports } from './exports';
import { useLoad } from './load';
import type { MessageKey } from './messages';
import { PlanDialog } from './plan-dialog';
import { PlansTable } from './plans-table';
import { NotReady } from './problem';
import { ReminderLists } from './reminder-lists';

const useStyles = makeStyles({
  view: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalXL },
  summary: { display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  charts: { display: 'grid', gap: tokens.spacingHorizontalXXL, gridTemplateColumns: 'repeat(auto-fit, minmax(min(22rem, 100%), 1fr))' },
  picker: { maxWidth: '40rem', gridTemplateColumns: 'minmax(0, 1fr)' },
});

const PHASE_KEYS: Record<TabRoundPhase, MessageKey> = { planned: 'phasePlanned', open: 'phaseOpen', closed: 'phaseClosed' };

/** `askedRound` is the round the page was opened at: Teams' subPageId (a deep link), or `?round=`. */
export function RoundsView({ me, askedRound }: { me: TabUserView; askedRound?: string }) {
  const styles = useStyles();
  const { t, api } = usePage();
  const rounds = useLoad(() => api.rounds(), [api]);
  const [chosen, setChosen] = useState(askedRound ?? '');
  if (rounds.state !== 'ready') return <NotReady loaded={rounds} />;
  if (rounds.value.length === 0) return <Body1>{t('noRounds')}</Body1>;
  const roundId = startingRound(rounds.value, chosen);
  const choose = (id: string) => {
    setChosen(id);
    const address = new URL(window.location.href);
    address.searchParams.set('round', id);
    window.history.replaceState(null, '', address);
  };
  return (
    <div className={styles.view}>
      <Field label={t('roundPicker')} className={styles.picker}>
        <Select value={roundId} onChange={(_e, data) => choose(data.value)}>
          {rounds.value.map((round) => (
            <option key={round.id} value={round.id}>
              {t('roundOption', { title: round.title, answered: round.answered, total: round.total })} – {t(PHASE_KEYS[round.phase])}
            </option>
          ))}
        </Select>
      </Field>
      <RoundDashboard key={roundId} roundId={roundId} me={me} />
    </div>
  );
}

/** The round asked for if this user may see it, else the newest open one, else the newest. */
function startingRound(rounds: TabRoundListItem[], asked: string): string {
  return (rounds.find((r) => r.id === asked) ?? rounds.find((r) => r.phase === 'open') ?? rounds[0]).id;
}

function RoundDashboard({ roundId, me }: { roundId: string; me: TabUserView }) {
  const styles = useStyles();
  const { t, api } = usePage();
  const dashboard = useLoad(() => api.dashboard(roundId), [api, roundId]);
  const [openPlan, setOpenPlan] = useState<string>();
  if (dashboard.state !== 'ready') return <NotReady loaded={dashboard} />;
  const view = dashboard.value;
  return (
    <div className={styles.view}>
      <RoundSummary dashboard={view} />
      {me.coordinator && (
        <section className={styles.charts} aria-label={t('chartsLabel')}>
          <StatusChart statuses={view.statuses} />
          <ByDayChart days={view.byDay} />
        </section>
      )}
      {view.canRemind && <ReminderLists dashboard={view} onReminded={dashboard.reload} />}
      {view.canExport && <Exports roundId={roundId} />}
      {view.plans.length === 0 ? (
        <Body1>{t(me.coordinator ? 'noPlansInRound' : 'noPlans')}</Body1>
      ) : (
        <PlansTable heading={t(plansHeading(me))} dashboard={view} onOpen={setOpenPlan} />
      )}
      {openPlan && <PlanDialog roundId={roundId} planId={openPlan} onClose={() => setOpenPlan(undefined)} />}
    </div>
  );
}

function plansHeading(me: TabUserView): MessageKey {
  if (me.coordinator) return 'allPlansHeading';
  if (me.manager) return me.officer ? 'myAndStaffPlansHeading' : 'staffPlansHeading';
  return 'myPlansHeading';
}

function RoundSummary({ dashboard }: { dashboard: TabRoundDashboard }) {
  const styles = useStyles();
  const { t, formats: pageFormats } = usePage();
  const { round } = dashboard;
  const formats = pageFormats.inZone(round.timeZone);
  const share = round.total ? round.answered / round.total : 0;
  return (
    <section className={styles.summary} aria-labelledby="round-heading">
      <Title3 as="h2" id="round-heading">
        {round.title}
      </Title3>
      <Body1>
        {t('roundFacts', { opens: formats.date(round.opensAt), due: formats.date(round.dueAt), closes: formats.date(round.closesAt), template: round.templateName })}
      </Body1>
      <Subtitle1 as="p">{t('answeredOf', { answered: round.answered, total: round.total })}</Subtitle1>
      <ProgressBar value={share} thickness="large" aria-label={t('answeredShare', { percent: Math.round(share * 100) })} />
      {round.overdue && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('roundOverdue')}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
