// `historik`: the latest changes coordinators made, newest first, each as a plain sentence with
// when (local time) and who. Everything a person wrote (names, titles, addresses) is escaped,
// and the message stays under Teams' 28 KB. The use case reads the actions
// (bot/app/register/show-history.ts); this file words them.

import type { AdminAction } from '../../bot/domain/admin-action';
import type { Locale } from '../../bot/domain/locale';
import { escapeMarkdown, t, type MessageKey } from '../messages/index';
import { normalizeAddress } from '../../bot/domain/register';
import { PLAN_FIELDS, type PlanField } from '../../bot/domain/register-diff';
import { formatDate, formatDateTime, formatDay, parseLocalDate } from '../../bot/domain/time';
import type { RegisterChangeSnapshot } from '../../bot/domain/register-diff';

/** Teams refuses a message over 28 KB; the rest of the activity needs some room. */
const MAX_BYTES = 26 * 1024;
/** A value quoted in a sentence is cut here: the history says what changed, not the whole text. */
const MAX_VALUE = 80;

export interface HistoryContext {
  locale: Locale;
  timeZone: string;
  /** Names of people by address, for an action recorded without the actor's name. */
  names: Map<string, string>;
  /** Titles of rounds by id, for an action that names the round by id only. */
  rounds: Map<string, string>;
}

/** The admin actions, newest first, as one Markdown message: as many as fit in a Teams message. */
export function historyText(actions: AdminAction[], context: HistoryContext): string {
  const { locale, timeZone } = context;
  if (actions.length === 0) return t(locale, 'historyEmpty');
  const lines = actions.map((a) => `- **${formatDateTime(a.at, timeZone, locale)}**: ${describeAdminAction(a, context)}`);
  for (let n = lines.length; ; n--) {
    const text = [t(locale, 'historyHeading', { count: n }), ...lines.slice(0, n)].join('\n');
    if (Buffer.byteLength(text, 'utf8') <= MAX_BYTES || n === 1) return text;
  }
}

/** One action as a sentence in Markdown ("Sara Samordnare ändrade planen …"), user text escaped. */
export function describeAdminAction(action: AdminAction, context: HistoryContext): string {
  const { locale } = context;
  const before = asRecord(action.before);
  const after = asRecord(action.after);
  const id = action.subject.slice(action.subject.indexOf(':') + 1);
  const who = escapeMarkdown(action.actorName?.trim() || context.names.get(normalizeAddress(action.actor)) || action.actor);
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => t(locale, key, { who, ...params });
  const quoted = (value: unknown) => `"${escapeMarkdown(shorten(String(value)))}"`;
  const plan = () => quoted(text(after?.title) ?? text(before?.title) ?? id);
  const round = () => quoted(text(after?.title) ?? text(before?.title) ?? context.rounds.get(id) ?? id);
  const date = (value: unknown) => formatDateValue(value, context);

  switch (action.action) {
    case 'register.applied':
    case 'register.imported':
      return say(action.action === 'register.applied' ? 'historyRegisterApplied' : 'historyRegisterImported', {
        changes: registerChanges(after as Partial<RegisterChangeSnapshot> | undefined, id, locale),
      });
    case 'register.schedule-set':
      return say('historyScheduleSet', {
        before: scheduleWords(before?.cadence, locale),
        after: scheduleWords(after?.cadence, locale),
        version: text(after?.version) ?? id,
      });
    case 'plan.created':
      return say('historyPlanCreated', { plan: plan() });
    case 'plan.removed':
      return say('historyPlanRemoved', { plan: plan() });
    case 'plan.changed': {
      const fields = PLAN_FIELDS.filter((f) => (text(before?.[f]) ?? '') !== (text(after?.[f]) ?? ''));
      if (fields.length === 0) return say('historyPlanChangedNothing', { plan: plan() });
      const changes = fields.map((f) =>
        t(locale, 'historyFieldChange', {
          field: t(locale, FIELD_KEYS[f]),
          before: valueWords(before?.[f], locale),
          after: valueWords(after?.[f], locale),
        }),
      );
      return say('historyPlanChanged', { plan: plan(), changes: changes.join(', ') });
    }
    case 'round.created':
      return say('historyRoundCreated', { round: round(), due: date(after?.dueAt) });
    case 'round.postponed':
      return say('historyRoundPostponed', { round: round(), before: date(before?.dueAt), after: date(after?.dueAt) });
    case 'round.opened':
      return say('historyRoundOpened', { round: round() });
    case 'round.closed':
      return say('historyRoundClosed', { round: round() });
    default:
      return say('historyOther', { action: escapeMarkdown(action.action), subject: escapeMarkdown(action.subject) });
  }

  function valueWords(value: unknown, locale: Locale): string {
    const written = text(value);
    return written === undefined || written === '' ? t(locale, 'historyEmptyValue') : quoted(written);
  }
}

const FIELD_KEYS: Record<PlanField, MessageKey> = {
  title: 'historyFieldTitle',
  period: 'historyFieldPeriod',
  note: 'historyFieldNote',
  officer: 'historyFieldOfficer',
  excludedReason: 'historyFieldExcluded',
  deputy: 'historyFieldDeputy',
  kind: 'historyFieldKind',
};

/** "version 3: 2 planer tillagda, 1 plan ändrad", or the counts when no changes were recorded. */
function registerChanges(after: Partial<RegisterChangeSnapshot> | undefined, id: string, locale: Locale): string {
  const version = t(locale, 'historyVersion', { version: after?.version ?? id });
  if (!after || after.plansAdded === undefined) return version;
  const counted = (n: number | undefined, one: MessageKey, many: MessageKey) =>
    n ? [t(locale, n === 1 ? one : many, { count: n })] : [];
  const parts = [
    ...counted(after.plansAdded, 'historyPlanAdded', 'historyPlansAdded'),
    ...counted(after.plansChanged, 'historyPlanChangedCount', 'historyPlansChangedCount'),
    ...counted(after.plansRemoved, 'historyPlanRemovedCount', 'historyPlansRemovedCount'),
    ...counted(after.peopleAdded, 'historyPersonAdded', 'historyPeopleAdded'),
    ...counted(after.peopleChanged, 'historyPersonChanged', 'historyPeopleChanged'),
    ...counted(after.peopleRemoved, 'historyPersonRemoved', 'historyPeopleRemoved'),
    ...counted(after.coordinatorsAdded, 'historyCoordinatorAdded', 'historyCoordinatorsAdded'),
    ...counted(after.coordinatorsRemoved, 'historyCoordinatorRemoved', 'historyCoordinatorsRemoved'),
  ];
  return `${version}: ${parts.length ? parts.join(', ') : t(locale, 'historyNoChanges')}`;
}

function scheduleWords(cadence: unknown, locale: Locale): string {
  const words = text(cadence);
  return words ? `"${escapeMarkdown(words)}"` : t(locale, 'historyNoSchedule');
}

/** A date written as an instant (ISO) or a calendar date (2026-04-08), in the local time zone. */
function formatDateValue(value: unknown, context: HistoryContext): string {
  const written = text(value);
  if (!written) return t(context.locale, 'historyEmptyValue');
  const day = parseLocalDate(written);
  if (day) return formatDay(day, context.locale);
  const instant = new Date(written);
  return Number.isNaN(instant.getTime()) ? escapeMarkdown(shorten(written)) : formatDate(instant, context.timeZone, context.locale);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

function shorten(value: string): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  return chars.length > MAX_VALUE ? `${chars.slice(0, MAX_VALUE - 1).join('')}…` : chars.join('');
}
