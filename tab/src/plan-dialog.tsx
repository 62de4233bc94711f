// A plan's page, in a dialog over the dashboard (Escape closes it and puts the focus back on the
// plan's row): its facts, every version of its answer exactly as typed with who and when, the
// cards and reminders sent, and the plan across rounds side by side.

import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Subtitle1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { TabAnswerVersionView, TabPlanAcrossRounds, TabPlanPage } from '../../bot/domain/tab-views';
import { usePage } from './context';
import { useLoad } from './load';
import type { MessageKey } from './messages';
import { NotReady } from './problem';

const useStyles = makeStyles({
  surface: { width: 'min(72rem, 96vw)', maxWidth: '96vw' },
  content: { display: 'grid', gap: tokens.spacingVerticalL },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  version: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS, display: 'grid', gap: tokens.spacingVerticalXS },
  answers: { margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  // Exactly as typed: line breaks and runs of spaces kept, long words wrapped.
  typed: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  scroll: { overflowX: 'auto', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  cell: { verticalAlign: 'top', minWidth: '14rem' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  pair: { display: 'contents' },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

export function PlanDialog({ roundId, planId, onClose }: { roundId: string; planId: string; onClose(): void }) {
  const styles = useStyles();
  const { t, api } = usePage();
  const page = useLoad(() => api.plan(roundId, planId), [api, roundId, planId]);
  const across = useLoad(() => api.planAcrossRounds(planId), [api, planId]);
  return (
    <Dialog open modalType="modal" onOpenChange={(_e, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{page.state === 'ready' ? page.value.plan.title : t('loading')}</DialogTitle>
          <DialogContent className={styles.content}>
            {page.state === 'ready' ? <PlanFacts page={page.value} /> : <NotReady loaded={page} />}
            {page.state === 'ready' && <Versions versions={page.value.versions} timeZone={page.value.round.timeZone} />}
            {page.state === 'ready' && <Sent sent={page.value.sent} timeZone={page.value.round.timeZone} />}
            {across.state === 'ready' ? <AcrossRounds across={across.value} currentRound={roundId} /> : <NotReady loaded={across} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t('close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function PlanFacts({ page }: { page: TabPlanPage }) {
  const styles = useStyles();
  const { t } = usePage();
  const { plan } = page;
  const facts: Array<[MessageKey, string | undefined]> = [
    ['planPeriod', plan.period],
    ['planNote', plan.note],
    ['planOfficer', plan.officer?.name ?? t('nobody')],
    ['planDeputy', plan.deputy?.name ?? t('nobody')],
    ['planDelegatedTo', plan.delegatedTo?.name],
  ];
  return (
    <section aria-label={page.round.title}>
      <Caption1>{page.round.title}</Caption1>
      <dl className={styles.facts}>
        {facts
          .filter(([, value]) => value)
          .map(([key, value]) => (
            <div key={key} className={styles.pair}>
              <dt className={styles.term}>{t(key)}</dt>
              <dd className={styles.detail}>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

function Versions({ versions, timeZone }: { versions: TabAnswerVersionView[]; timeZone: string }) {
  const styles = useStyles();
  const { t, formats: pageFormats } = usePage();
  const formats = pageFormats.inZone(timeZone);
  return (
    <section aria-labelledby="versions-heading" className={styles.content}>
      <Subtitle1 as="h2" id="versions-heading">
        {t('versionsHeading')}
      </Subtitle1>
      {versions.length === 0 && <Body1>{t('noVersions')}</Body1>}
      {versions.map((version) => (
        <article key={version.version} className={styles.version} data-testid="version">
          <Subtitle2 as="h3">
            {t('versionHeading', {
              version: version.version,
              state: t(version.state === 'submitted' ? 'versionSubmitted' : 'versionDraft'),
              at: formats.dateTime(version.at),
              by: version.by.name,
            })}
          </Subtitle2>
          {version.statusLabel && <Body1>{t('versionStatus', { status: version.statusLabel })}</Body1>}
          <Answers answers={version.answers} />
        </article>
      ))}
    </section>
  );
}

function Answers({ answers }: { answers: TabAnswerVersionView['answers'] }) {
  const styles = useStyles();
  return (
    <dl className={styles.answers}>
      {answers.map((answer) => (
        <div key={answer.questionId}>
          <dt className={styles.term}>{answer.label}</dt>
          <dd className={styles.detail}>
            <Typed text={answer.text} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What someone typed, as text: React escapes it, CSS keeps its line breaks. */
function Typed({ text }: { text: string }) {
  const styles = useStyles();
  const { t } = usePage();
  return (
    <p className={styles.typed} data-testid="typed">
      {text || t('emptyAnswer')}
    </p>
  );
}

const SENT_KEYS: Record<TabPlanPage['sent'][number]['kind'], MessageKey> = { prompt: 'sentPrompt', reminder: 'sentReminder' };

function Sent({ sent, timeZone }: { sent: TabPlanPage['sent']; timeZone: string }) {
  const styles = useStyles();
  const { t, formats: pageFormats } = usePage();
  const formats = pageFormats.inZone(timeZone);
  return (
    <section aria-labelledby="sent-heading" className={styles.content}>
      <Subtitle1 as="h2" id="sent-heading">
        {t('sentHeading')}
      </Subtitle1>
      {sent.length === 0 ? (
        <Body1 as="p">{t('noneSent')}</Body1>
      ) : (
        <ul className={styles.list}>
          {sent.map((s, i) => {
            const params = { what: t(SENT_KEYS[s.kind]), at: formats.dateTime(s.at), to: s.to ?? '' };
            return <li key={i}>{t(s.to ? 'sentTo' : 'sentAt', params)}</li>;
          })}
        </ul>
      )}
    </section>
  );
}

function AcrossRounds({ across, currentRound }: { across: TabPlanAcrossRounds; currentRound: string }) {
  const styles = useStyles();
  const { t, formats } = usePage();
  const questions = questionsOf(across);
  return (
    // One landmark named by the heading: the scrolling region below (a section named the same would be a second).
    <section className={styles.content}>
      <Subtitle1 as="h2" id="across-heading">
        {t('acrossRoundsHeading')}
      </Subtitle1>
      {across.rounds.every((r) => r.roundId === currentRound) ? (
        <Body1 as="p">{t('acrossRoundsOnlyThis')}</Body1>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby="across-heading">
          <Table size="small" data-testid="across-rounds">
            <caption className={styles.hidden}>{t('acrossRoundsCaption')}</caption>
            <TableHeader>
              <TableRow>
                {/* The corner above the row headers: an empty data cell, not an empty header. */}
                <TableCell />
                {across.rounds.map((round) => (
                  <TableHeaderCell key={round.roundId} scope="col">
                    {round.title}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableHeaderCell scope="row">{t('rowStatus')}</TableHeaderCell>
                {across.rounds.map((round) => (
                  <TableCell key={round.roundId}>{round.statusLabel}</TableCell>
                ))}
              </TableRow>
              <TableRow>
                <TableHeaderCell scope="row">{t('rowSubmittedAt')}</TableHeaderCell>
                {across.rounds.map((round) => (
                  <TableCell key={round.roundId}>{round.submittedAt ? formats.inZone(round.timeZone).dateTime(round.submittedAt) : t('notSubmitted')}</TableCell>
                ))}
              </TableRow>
              {questions.map((question) => (
                <TableRow key={question.id}>
                  <TableHeaderCell scope="row" className={styles.cell}>
                    {question.label}
                  </TableHeaderCell>
                  {across.rounds.map((round) => {
                    const answer = round.answers.find((a) => a.questionId === question.id);
                    return (
                      <TableCell key={round.roundId} className={styles.cell}>
                        {answer ? <Typed text={answer.text} /> : ''}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** Every question asked in any of the rounds, in the order first met (newest round first). */
function questionsOf(across: TabPlanAcrossRounds): Array<{ id: string; label: string }> {
  const seen = new Map<string, string>();
  for (const round of across.rounds) for (const a of round.answers) if (!seen.has(a.questionId)) seen.set(a.questionId, a.label);
  return [...seen].map(([id, label]) => ({ id, label }));
}
