// Every plan this user may see in the round: searched, filtered by status, unit and officer, and
// sorted by any column; shown a page of 50 at a time, so that 1,000 plans cost what 50 do. A
// plan's title opens its page; a plan the user answers for (canSendCard) in an open round offers
// its card in chat.

import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Select,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import type { TabPlanRow, TabRoundDashboard, TabStatusView } from '../../bot/domain/tab-views';
import { usePage } from './context';
import type { Formats } from './format';
import type { MessageKey } from './messages';
import { problemKey } from './problem';
import { statusBadge } from './status-colours';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  section: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalM },
  /** On a narrow screen (Teams mobile) the table scrolls sideways, not the page. */
  scroll: { overflowX: 'auto' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end' },
  /** A select as wide as its longest choice, down to the screen's width (a phone). */
  filter: { minWidth: 'min(12rem, 100%)', maxWidth: '100%', gridTemplateColumns: 'minmax(0, 1fr)' },
  /** Wide enough for its placeholder ("Plan, ansvarig, ersättare eller enhet"), narrower on a phone. */
  search: { minWidth: 'min(12rem, 100%)', flex: '1 1 22rem', maxWidth: '30rem' },
  table: { tableLayout: 'auto' },
  title: { textAlign: 'start' },
  note: { display: 'block', color: tokens.colorNeutralForeground3 },
  pager: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

type SortKey = 'title' | 'officer' | 'deputy' | 'status' | 'submittedAt' | 'lastReminderAt';
type Sort = { key: SortKey; direction: 'ascending' | 'descending' } | undefined;
const ALL = '';

const COLUMNS: Array<{ key: SortKey; label: MessageKey }> = [
  { key: 'title', label: 'columnTitle' },
  { key: 'officer', label: 'columnOfficer' },
  { key: 'deputy', label: 'columnDeputy' },
  { key: 'status', label: 'columnStatus' },
  { key: 'submittedAt', label: 'columnSubmittedAt' },
  { key: 'lastReminderAt', label: 'columnLastReminder' },
];

export interface PlansTableProps {
  heading: string;
  dashboard: TabRoundDashboard;
  onOpen(planId: string): void;
}

export function PlansTable({ heading, dashboard, onOpen }: PlansTableProps) {
  const styles = useStyles();
  const { t, formats } = usePage();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState(ALL);
  const [unit, setUnit] = useState(ALL);
  const [officer, setOfficer] = useState(ALL);
  const [sort, setSort] = useState<Sort>();
  const [page, setPage] = useState(0);
  const deferredSearch = useDeferredValue(search);
  const choices = useMemo(() => filterChoices(dashboard.plans, formats), [dashboard.plans, formats]);
  const statuses = useMemo(() => new Map(dashboard.statuses.map((s) => [s.id, s])), [dashboard.statuses]);
  const shown = useMemo(
    () => sortedRows(matchingRows(dashboard.plans, { search: deferredSearch, status, unit, officer }), sort, dashboard.statuses, formats),
    [dashboard.plans, dashboard.statuses, deferredSearch, status, unit, officer, sort, formats],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const filterBy = (set: (value: string) => void) => (value: string) => {
    set(value);
    setPage(0);
  };
  const sortBy = (key: SortKey) => {
    setSort(sort?.key === key && sort.direction === 'ascending' ? { key, direction: 'descending' } : { key, direction: 'ascending' });
    setPage(0);
  };
  // Whoever answers for a plan (officer, deputy, or by the round's delegation alone) may have its card.
  const mayOfferCard = dashboard.round.phase === 'open' && dashboard.plans.some((p) => p.canSendCard);
  return (
    <section className={styles.section} aria-labelledby="plans-heading">
      <Subtitle1 as="h2" id="plans-heading">
        {heading}
      </Subtitle1>
      <div className={styles.filters}>
        <Field label={t('search')} className={styles.search}>
          <SearchBox value={search} placeholder={t('searchPlaceholder')} onChange={(_e, data) => filterBy(setSearch)(data.value)} />
        </Field>
        <FilterSelect label={t('filterStatus')} value={status} onChange={filterBy(setStatus)} options={dashboard.statuses.map((s) => ({ value: s.id, label: s.label }))} />
        {/* A filter that cannot narrow the rows (an officer's own plans) is left out. */}
        {choices.unitsDiffer && <FilterSelect label={t('filterUnit')} value={unit} onChange={filterBy(setUnit)} options={choices.units} />}
        {choices.officersDiffer && <FilterSelect label={t('filterOfficer')} value={officer} onChange={filterBy(setOfficer)} options={choices.officers} />}
      </div>
      <Caption1 role="status">{t('tableCaption', { shown: shown.length, total: dashboard.plans.length })}</Caption1>
      <div className={styles.scroll}>
        <Table className={styles.table} sortable aria-labelledby="plans-heading" data-testid="plans-table">
          <TableHeader>
            <TableRow>
              {COLUMNS.map((column) => (
                <TableHeaderCell key={column.key} sortDirection={sort?.key === column.key ? sort.direction : undefined} onClick={() => sortBy(column.key)}>
                  {t(column.label)}
                </TableHeaderCell>
              ))}
              {mayOfferCard && <TableHeaderCell sortable={false}>{t('columnActions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <PlanRow key={row.planId} row={row} statuses={statuses} onOpen={onOpen} offerCard={mayOfferCard} roundId={dashboard.round.id} timeZone={dashboard.round.timeZone} />
            ))}
          </TableBody>
        </Table>
      </div>
      {rows.length === 0 && <Body1>{t('tableEmpty')}</Body1>}
      {pages > 1 && (
        <nav className={styles.pager} aria-label={t('pageOf', { page: current + 1, pages })}>
          <Button disabledFocusable={current === 0} onClick={() => setPage(current - 1)}>
            {t('previousPage')}
          </Button>
          <Body1>{t('pageOf', { page: current + 1, pages })}</Body1>
          <Button disabledFocusable={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('nextPage')}
          </Button>
        </nav>
      )}
    </section>
  );
}

function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange(value: string): void; options: Array<{ value: string; label: string }> }) {
  const styles = useStyles();
  const { t } = usePage();
  return (
    <Field label={label} className={styles.filter}>
      <Select value={value} onChange={(_e, data) => onChange(data.value)}>
        <option value={ALL}>{t('filterAll')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

interface PlanRowProps {
  row: TabPlanRow;
  statuses: Map<string, TabStatusView>;
  onOpen(planId: string): void;
  offerCard: boolean;
  roundId: string;
  /** The round's time zone, which its dates are shown in. */
  timeZone: string;
}

function PlanRow({ row, statuses, onOpen, offerCard, roundId, timeZone }: PlanRowProps) {
  const styles = useStyles();
  const { t, formats: pageFormats } = usePage();
  const formats = pageFormats.inZone(timeZone);
  const restoreFocus = useRestoreFocusTarget();
  return (
    <TableRow>
      <TableCell>
        <Link as="button" className={styles.title} onClick={() => onOpen(row.planId)} aria-label={t('openPlan', { plan: row.title })} {...restoreFocus}>
          {row.title}
        </Link>
        {row.unit && <Caption1 className={styles.note}>{row.unit}</Caption1>}
      </TableCell>
      <TableCell>
        {row.officer?.name ?? ''}
        {row.awayUntil && <Caption1 className={styles.note}>{t('away', { until: formats.date(row.awayUntil) })}</Caption1>}
        {row.unreachable && <Caption1 className={styles.note}>{t('unreachable')}</Caption1>}
      </TableCell>
      <TableCell>{row.deputy?.name ?? ''}</TableCell>
      <TableCell>
        <Badge appearance="tint" color={statusBadge(row, statuses)}>
          {row.statusLabel}
        </Badge>
      </TableCell>
      <TableCell>{formats.dateTime(row.submittedAt)}</TableCell>
      <TableCell>{formats.dateTime(row.lastReminderAt)}</TableCell>
      {offerCard && <TableCell>{row.canSendCard && <SendCard roundId={roundId} planId={row.planId} />}</TableCell>}
    </TableRow>
  );
}

function SendCard({ roundId, planId }: { roundId: string; planId: string }) {
  const { t, api } = usePage();
  const [said, setSaid] = useState<{ key: MessageKey; intent: 'success' | 'error' }>();
  const send = () =>
    api.sendCard(roundId, planId).then(
      ({ sent }) => setSaid(sent ? { key: 'cardSent', intent: 'success' } : { key: 'cardNotSent', intent: 'error' }),
      (err: unknown) => setSaid({ key: problemKey(err), intent: 'error' }),
    );
  return (
    <>
      <Button size="small" onClick={send}>
        {t('sendCard')}
      </Button>
      {said && (
        <MessageBar intent={said.intent} role="status">
          <MessageBarBody>{t(said.key)}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

interface Filters {
  search: string;
  status: string;
  unit: string;
  officer: string;
}

function matchingRows(rows: TabPlanRow[], filters: Filters): TabPlanRow[] {
  const words = filters.search.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (filters.status === ALL || row.status === filters.status) &&
      (filters.unit === ALL || row.unit === filters.unit) &&
      (filters.officer === ALL || row.officer?.id === filters.officer) &&
      (words.length === 0 || words.every((word) => searchText(row).includes(word))),
  );
}

function searchText(row: TabPlanRow): string {
  return [row.title, row.officer?.name, row.deputy?.name, row.unit].filter(Boolean).join(' ').toLocaleLowerCase('sv');
}

function sortedRows(rows: TabPlanRow[], sort: Sort, statuses: TabStatusView[], formats: Formats): TabPlanRow[] {
  if (!sort) return rows;
  const order = new Map(statuses.map((s, i) => [s.id, i]));
  const text = (value: string | undefined) => value ?? '';
  const compare: Record<SortKey, (a: TabPlanRow, b: TabPlanRow) => number> = {
    title: (a, b) => formats.collator.compare(a.title, b.title),
    officer: (a, b) => formats.collator.compare(text(a.officer?.name), text(b.officer?.name)),
    deputy: (a, b) => formats.collator.compare(text(a.deputy?.name), text(b.deputy?.name)),
    status: (a, b) => (order.get(a.status) ?? 0) - (order.get(b.status) ?? 0),
    // ISO times sort as text; a missing one sorts first.
    submittedAt: (a, b) => text(a.submittedAt).localeCompare(text(b.submittedAt)),
    lastReminderAt: (a, b) => text(a.lastReminderAt).localeCompare(text(b.lastReminderAt)),
  };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare[sort.key](a, b) || formats.collator.compare(a.title, b.title));
}

function filterChoices(rows: TabPlanRow[], formats: Formats) {
  const units = new Set<string>();
  const officers = new Map<string, string>();
  for (const row of rows) {
    if (row.unit) units.add(row.unit);
    if (row.officer) officers.set(row.officer.id, row.officer.name);
  }
  const byLabel = (a: { label: string }, b: { label: string }) => formats.collator.compare(a.label, b.label);
  const differ = (value: (row: TabPlanRow) => string | undefined) => new Set(rows.map(value)).size > 1;
  return {
    units: [...units].map((u) => ({ value: u, label: u })).sort(byLabel),
    officers: [...officers].map(([value, label]) => ({ value, label })).sort(byLabel),
    unitsDiffer: differ((row) => row.unit),
    officersDiffer: differ((row) => row.officer?.id),
  };
}
