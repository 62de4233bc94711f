// Offline check of a card with the Adaptive Cards renderer package: what it could not parse
// and what its own validation flags (duplicate ids, missing required properties, …).

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardProblems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** The size Teams counts against its 28 KB limit: the card as JSON, in UTF-8 bytes. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Teams' chart elements (Chart.Donut) as documented for Adaptive Cards 1.5 in Teams: the
 * renderer package does not know them (it would render their fallback), so their shape is
 * checked here: a title, data points of a legend, a number and one of Teams' chart colours,
 * and a fallback for clients without charts.
 */
const CHART_COLORS = [
  'good', 'warning', 'attention', 'neutral',
  'categoricalRed', 'categoricalPurple', 'categoricalLavender', 'categoricalBlue', 'categoricalLightBlue',
  'categoricalTeal', 'categoricalGreen', 'categoricalLime', 'categoricalMarigold',
];

export function chartProblems(chart: any): string[] {
  const problems: string[] = [];
  if (chart?.type !== 'Chart.Donut') problems.push(`type ${chart?.type}`);
  if (typeof chart?.title !== 'string' || !chart.title) problems.push('no title');
  if (!Array.isArray(chart?.data) || chart.data.length === 0) problems.push('no data');
  for (const point of chart?.data ?? []) {
    if (typeof point.legend !== 'string' || !point.legend) problems.push(`legend ${JSON.stringify(point.legend)}`);
    if (typeof point.value !== 'number' || !Number.isFinite(point.value)) problems.push(`value ${JSON.stringify(point.value)}`);
    if (point.color !== undefined && !CHART_COLORS.includes(point.color)) problems.push(`color ${point.color}`);
    const unknown = Object.keys(point).filter((key) => !['legend', 'value', 'color'].includes(key));
    if (unknown.length) problems.push(`unknown ${unknown.join(', ')}`);
  }
  if (!chart?.fallback || typeof chart.fallback !== 'object') problems.push('no fallback');
  return problems;
}

/** The charts of a card, wherever they are. */
export function chartsIn(card: unknown): any[] {
  if (Array.isArray(card)) return card.flatMap(chartsIn);
  if (!card || typeof card !== 'object') return [];
  const node = card as { type?: unknown };
  if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return [node];
  return Object.values(node).flatMap(chartsIn);
}

/** The card as a client without charts shows it: every chart replaced by its fallback. */
export function withoutCharts<T>(card: T): T {
  if (Array.isArray(card)) return card.map(withoutCharts) as T;
  if (!card || typeof card !== 'object') return card;
  const node = card as { type?: unknown; fallback?: unknown };
  if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return withoutCharts(node.fallback) as T;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutCharts(value)])) as T;
}

/** The renderer's problems of a card with charts, as a client without them shows it, and each chart's. */
export function cardWithChartsProblems(card: object): string[] {
  return [...cardProblems(withoutCharts(card)), ...chartsIn(card).flatMap(chartProblems)];
}
