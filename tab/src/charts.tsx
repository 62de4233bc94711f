// The dashboard's two charts, drawn as SVG: the plans by status, and the answers submitted per
// day up to the due date. Each is an image with a title and a description for screen readers,
// and its numbers are in a visible table beside it.

import { Caption1, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { TabRoundDashboard, TabStatusView } from '../../bot/domain/tab-views';
import { usePage } from './context';
import { statusFill } from './status-colours';

const BAR_EDGE = { stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: '1px' };

const useStyles = makeStyles({
  figure: { margin: 0, display: 'grid', gap: tokens.spacingVerticalS, alignContent: 'start' },
  svg: { maxWidth: '100%', height: 'auto', overflow: 'visible' },
  label: { fill: tokens.colorNeutralForeground1, fontSize: '12px' },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  // Every bar has a 1px edge in the theme's accessible stroke colour: it reaches 3:1 against the
  // background in each theme (WCAG 1.4.11) whatever the fill, and in high contrast, where the
  // fills are alike, the status's label beside each bar says which it is.
  edge: BAR_EDGE,
  bar: { fill: tokens.colorBrandBackground, ...BAR_EDGE },
  line: { fill: 'none', stroke: tokens.colorNeutralForeground1, strokeWidth: 2 },
  scroll: { maxHeight: '16rem', overflowY: 'auto', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  number: { textAlign: 'end', '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  numbers: { maxWidth: '26rem' },
});

const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const LABEL_WIDTH = 170;
const CHART_WIDTH = 420;

export function StatusChart({ statuses }: { statuses: TabStatusView[] }) {
  const styles = useStyles();
  const { t } = usePage();
  const id = useId();
  const most = Math.max(1, ...statuses.map((s) => s.count));
  const height = statuses.length * (BAR_HEIGHT + BAR_GAP);
  const barRoom = CHART_WIDTH - LABEL_WIDTH - 40;
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-caption`}>
      <Subtitle2 as="h3" id={`${id}-caption`}>
        {t('statusChartTitle')}
      </Subtitle2>
      <svg className={styles.svg} width={CHART_WIDTH} height={height} viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('statusChartTitle')}</title>
        <desc id={`${id}-desc`}>{t('statusChartDesc')}</desc>
        {statuses.map((status, i) => {
          const y = i * (BAR_HEIGHT + BAR_GAP);
          const width = (status.count / most) * barRoom;
          return (
            <g key={status.id}>
              <text className={styles.label} x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="middle">
                {status.label}
              </text>
              <rect className={styles.edge} x={LABEL_WIDTH} y={y} width={Math.max(width, 1)} height={BAR_HEIGHT} rx={3} style={{ fill: statusFill(status) }} />
              <text className={styles.label} x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle">
                {status.count}
              </text>
            </g>
          );
        })}
      </svg>
      <Table size="extra-small" className={styles.numbers} aria-label={t('statusChartTitle')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('columnStatus')}</TableHeaderCell>
            <TableHeaderCell className={styles.number}>{t('columnCount')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {statuses.map((status) => (
            <TableRow key={status.id}>
              <TableCell>{status.label}</TableCell>
              <TableCell className={styles.number}>{status.count}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </figure>
  );
}

const DAY_WIDTH = 14;
const DAYS_HEIGHT = 160;

export function ByDayChart({ days }: { days: TabRoundDashboard['byDay'] }) {
  const styles = useStyles();
  const { t, formats } = usePage();
  const id = useId();
  const width = Math.max(days.length * DAY_WIDTH, DAY_WIDTH);
  const mostInADay = Math.max(1, ...days.map((d) => d.submitted));
  const total = Math.max(1, ...days.map((d) => d.cumulative));
  const plot = DAYS_HEIGHT - 20;
  const line = days.map((d, i) => `${i * DAY_WIDTH + DAY_WIDTH / 2},${plot - (d.cumulative / total) * plot}`).join(' ');
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-caption`}>
      <Subtitle2 as="h3" id={`${id}-caption`}>
        {t('byDayChartTitle')}
      </Subtitle2>
      <svg className={styles.svg} width={width} height={DAYS_HEIGHT} viewBox={`0 0 ${width} ${DAYS_HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('byDayChartTitle')}</title>
        <desc id={`${id}-desc`}>{t('byDayChartDesc')}</desc>
        {days.map((d, i) => {
          const height = (d.submitted / mostInADay) * plot * 0.6;
          return <rect key={d.day} className={styles.bar} x={i * DAY_WIDTH + 2} y={plot - height} width={DAY_WIDTH - 4} height={height} />;
        })}
        <polyline className={styles.line} points={line} />
        <line className={styles.axis} x1={0} x2={width} y1={plot} y2={plot} />
        {days.length > 0 && (
          <>
            <text className={styles.label} x={0} y={DAYS_HEIGHT - 4}>
              {formats.day(days[0].day)}
            </text>
            <text className={styles.label} x={width} y={DAYS_HEIGHT - 4} textAnchor="end">
              {formats.day(days[days.length - 1].day)}
            </text>
          </>
        )}
      </svg>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label={t('byDayChartTitle')}>
        <Table size="extra-small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('columnDay')}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t('columnSubmittedThatDay')}</TableHeaderCell>
              <TableHeaderCell className={styles.number}>{t('columnCumulative')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {days.map((d) => (
              <TableRow key={d.day}>
                <TableCell>{formats.day(d.day)}</TableCell>
                <TableCell className={styles.number}>{d.submitted}</TableCell>
                <TableCell className={styles.number}>{d.cumulative}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {days.length === 0 && <Caption1>{t('noAnswersByDay')}</Caption1>}
    </figure>
  );
}
