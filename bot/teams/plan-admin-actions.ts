// The register in cards, in Teams: `planer` answers with the list card, and the list's and the
// form's buttons (Föregående/Nästa, Ny plan, Ändra, Spara, Tillbaka) come back here as card
// actions. Every reply is a card, except refusals, which are sentences.

import { buildPlanFormCard } from '../../cards/plan-form-card';
import { buildPlanListCard } from '../../cards/plan-list-card';
import type { AppDeps } from '../app/deps';
import {
  listPlans,
  openPlanForm,
  savePlan,
  type PlanForm,
  type PlanListPage,
  type PlanSaveError,
} from '../app/register/plan-admin';
import type { Locale } from '../domain/locale';
import { t, type MessageKey } from '../../cards/messages/index';
import type { Actor } from '../domain/permissions';
import { readPlanForm, type PlanFormField } from '../domain/plan-form';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime } from '../domain/time';
import type { CardActionHandler, CardActionRequest } from './card-data';
import { refusalReply, type CardReply } from './replies';
import { countIn, numberIn, textIn } from '../domain/card-input';

function pageOf(data: Record<string, unknown>): number {
  return countIn(data, 'page', 0);
}

/**
 * `planer` / `plans`, typed by a coordinator (the command table checks): the first page of the
 * list. The form's buttons answer in the personal chat only (card actions elsewhere are
 * refused), so a channel gets a pointer there.
 */
export async function plansCommandReply(deps: AppDeps, actor: Actor, locale: Locale, personal: boolean): Promise<CardReply> {
  if (!personal) return { kind: 'text', text: t(locale, 'plansInPersonal') };
  return listReply(deps, actor, locale, 0);
}

async function listReply(deps: AppDeps, actor: Actor, locale: Locale, page: number, notice?: string): Promise<CardReply> {
  const listed = await listPlans(deps, actor, page);
  if (listed.kind === 'refused') return refusalReply(listed, locale);
  return { kind: 'card', card: listCard(listed, locale, notice) };
}

function listCard(listed: PlanListPage, locale: Locale, notice?: string) {
  const { register, round } = listed;
  const timeZone = round?.timeZone ?? DEFAULT_TIME_ZONE;
  return buildPlanListCard({
    locale,
    page: listed.page,
    pages: listed.pages,
    total: listed.total,
    register: { version: register.version, changedAt: formatDateTime(register.importedAt, timeZone, locale), changedBy: register.importedBy },
    round: round ? { title: round.title, due: formatDate(round.dueAt, round.timeZone, locale), template: round.template } : undefined,
    rows: listed.rows.map((r) => ({
      id: r.plan.id,
      title: r.plan.title,
      period: r.plan.period,
      officerName: r.officerName,
      deputyName: r.deputyName,
      excludedReason: r.plan.excludedReason,
      inRound: r.inRound,
    })),
    notice,
  });
}

function formCard(form: PlanForm, locale: Locale, page: number, extra: { notice?: string; errors?: string[] } = {}) {
  return buildPlanFormCard({
    locale,
    planId: form.planId,
    registerVersion: form.registerVersion,
    values: form.values,
    picked: form.picked,
    was: form.was,
    page,
    ...extra,
  });
}

const FIELD_LABELS: Record<Exclude<PlanFormField, ''>, MessageKey> = {
  id: 'planFormId',
  title: 'planFormTitle',
  period: 'planFormPeriod',
  note: 'planFormNote',
  excludedReason: 'planFormExcludedReason',
  officer: 'planFormOfficer',
  deputy: 'planFormDeputy',
};

/** One line per error, led by the field's label as the form shows it. */
export function planErrorLines(errors: PlanSaveError[], locale: Locale): string[] {
  return errors.map((e) => {
    const message =
      'code' in e
        ? e.code === 'pick-unknown'
          ? t(locale, 'planFormPickUnknown')
          : e.code === 'pick-conflict'
            ? t(locale, 'planFormPickConflict', { picked: e.picked, typed: e.typed })
            : t(locale, 'planFormPersonUnknown', { address: e.address })
        : e.message;
    return e.field ? t(locale, 'planFormFieldError', { field: t(locale, FIELD_LABELS[e.field]), message }) : message;
  });
}

/** Föregående / Nästa / Tillbaka: a page of the list. */
export const showPlanPage: CardActionHandler = (deps, { actor, data, locale }) => listReply(deps, actor, locale, pageOf(data));

/** Ny plan: the empty form. */
export const openNewPlanForm: CardActionHandler = (deps, request) => formReply(deps, request, undefined);

/** Ändra on a row of the list: the plan's form. */
export const openPlanFormFor: CardActionHandler = (deps, request) => formReply(deps, request, textIn(request.data, 'planId'));

async function formReply(deps: AppDeps, { actor, data, locale }: CardActionRequest, planId: string | undefined): Promise<CardReply> {
  const page = pageOf(data);
  const opened = await openPlanForm(deps, actor, planId);
  if (opened.kind === 'refused') return refusalReply(opened, locale);
  if (opened.kind === 'unknown-plan') return listReply(deps, actor, locale, page, t(locale, 'planGone'));
  return { kind: 'card', card: formCard(opened, locale, page) };
}

/** Spara on the form. */
export const savePlanFromForm: CardActionHandler = async (deps, { actor, data, locale }) => {
  const page = pageOf(data);
  const planId = textIn(data, 'planId') || undefined;
  const version = numberIn(data, 'registerVersion');
  const outcome = await savePlan(deps, actor, {
    planId,
    registerVersion: Number.isInteger(version) ? version : -1,
    values: readPlanForm(data),
    was: { officer: textIn(data, 'officerWas'), deputy: textIn(data, 'deputyWas') },
  });
  switch (outcome.kind) {
    case 'refused':
      return refusalReply(outcome, locale);
    case 'unknown-plan':
      return listReply(deps, actor, locale, page, t(locale, 'planGone'));
    case 'invalid':
      return { kind: 'card', card: formCard(outcome.form, locale, page, { errors: planErrorLines(outcome.errors, locale) }) };
    case 'stale': {
      const at = formatDateTime(outcome.changedAt, DEFAULT_TIME_ZONE, locale);
      const key = outcome.form.planId === undefined ? 'planFormStaleNew' : 'planFormStale';
      return { kind: 'card', card: formCard(outcome.form, locale, page, { errors: [t(locale, key, { by: outcome.changedBy, at })] }) };
    }
    case 'unchanged':
      return listReply(
        deps,
        actor,
        locale,
        page,
        outcome.again ? t(locale, 'planSaved', { plan: outcome.plan.title, version: outcome.register.version }) : t(locale, 'planUnchanged'),
      );
    case 'saved': {
      const listed = await listPlans(deps, actor, page);
      if (listed.kind === 'refused') return refusalReply(listed, locale);
      // A plan new to the rounds (added, or no longer excluded) joins the open round at the
      // next tick; a changed plan keeps the card its officer has.
      const newToRounds = outcome.created || outcome.previous?.excludedReason !== undefined;
      const joins = !!listed.round && newToRounds && outcome.plan.excludedReason === undefined && !!outcome.plan.officer;
      const notice = t(locale, joins ? 'planSavedOpenRound' : 'planSaved', { plan: outcome.plan.title, version: outcome.register.version });
      return { kind: 'card', card: listCard(listed, locale, notice) };
    }
  }
};
