// The form a coordinator adds or changes a plan with: title, period, note, the responsible
// officer and a deputy chosen with Teams' people picker (an Input.ChoiceSet searching the
// organisation, which returns the person's Azure AD object id), an e-mail field beside each
// picker for clients without it, and excluded with its reason. The server validates it all again.

import type { Locale } from '../bot/domain/locale';
import { t } from './messages/index';
import type { PlanFormValues } from '../bot/domain/plan-form';
import { REGISTER_LIMITS } from '../bot/domain/register';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/plan-form.json';

export interface PlanFormCardModel {
  locale: Locale;
  /** Absent for a new plan. */
  planId?: string;
  registerVersion: number;
  values: PlanFormValues;
  /** Who the pickers show selected: the picker needs a name beside the id. */
  picked: { officer?: { id: string; name: string }; deputy?: { id: string; name: string } };
  /** The addresses the form opened with (sent back, so that an untouched field keeps them). */
  was: { officer: string; deputy: string };
  /** The list page to go back to. */
  page: number;
  notice?: string;
  /** One line each, already worded. */
  errors?: string[];
}

export function buildPlanFormCard(model: PlanFormCardModel): AdaptiveCard {
  const { locale, values } = model;
  const choice = (person?: { id: string; name: string }) => (person ? [{ title: person.name || person.id, value: person.id }] : []);
  return expandTemplate(template, {
    locale,
    planId: model.planId ?? '',
    registerVersion: model.registerVersion,
    page: model.page,
    was: model.was,
    notice: model.notice ?? '',
    errors: model.errors ?? [],
    labels: {
      heading: t(locale, model.planId === undefined ? 'planFormNewHeading' : 'planFormEditHeading'),
      planId: t(locale, 'planFormId'),
      errorsHeading: t(locale, 'planFormErrors'),
      title: t(locale, 'planFormTitle'),
      period: t(locale, 'planFormPeriod'),
      periodPlaceholder: t(locale, 'planFormPeriodPlaceholder'),
      note: t(locale, 'planFormNote'),
      notePlaceholder: t(locale, 'planFormNotePlaceholder'),
      officer: t(locale, 'planFormOfficer'),
      deputy: t(locale, 'planFormDeputy'),
      pickerPlaceholder: t(locale, 'planFormPickerPlaceholder'),
      address: t(locale, 'planFormAddress'),
      addressPlaceholder: t(locale, 'planFormAddressPlaceholder'),
      excluded: t(locale, 'planFormExcluded'),
      excludedReason: t(locale, 'planFormExcludedReason'),
      excludedReasonPlaceholder: t(locale, 'planFormExcludedReasonPlaceholder'),
      save: t(locale, 'planFormSave'),
      back: t(locale, 'planFormBack'),
    },
    limits: {
      title: REGISTER_LIMITS.planTitle,
      period: REGISTER_LIMITS.period,
      note: REGISTER_LIMITS.note,
      excludedReason: REGISTER_LIMITS.excludedReason,
      address: REGISTER_LIMITS.address,
    },
    values: { ...values, excluded: values.excluded ? 'true' : 'false' },
    officerChoices: choice(model.picked.officer),
    deputyChoices: choice(model.picked.deputy),
  });
}
