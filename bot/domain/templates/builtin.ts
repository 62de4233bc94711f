// The templates the product comes with. The default is the five-question follow-up of action
// plans exactly as seed 000's council document asks it (DESIGN.md §2) with the three statuses
// beside it; "Måluppföljning tertial" follows up nämndsmål, aktiviteter and uppdrag each tertial
// on seed 003's scale (Uppfylld/Klar, Positiv trend/Pågående, Oförändrad eller negativ trend/Ej
// påbörjad).

import type { FollowUpTemplate, Localized, TemplateQuestion } from './template';

/** Longest answer to one of the five questions, in characters (see questions.ts). */
const DEFAULT_MAX_LENGTH = 2000;

function question(id: string, label: Localized, extra: Partial<TemplateQuestion> = {}): TemplateQuestion {
  return { id, label, required: false, maxLength: DEFAULT_MAX_LENGTH, multiline: true, ...extra };
}

export const DEFAULT_TEMPLATE: FollowUpTemplate = {
  id: 'handlingsplaner',
  version: 1,
  name: { sv: 'Uppföljning av handlingsplaner och program', en: 'Follow-up of action plans and programmes' },
  questions: [
    question('status', { sv: 'Status nuläge', en: 'Current status' }),
    question('done', { sv: 'Genomfört t.o.m. {föregående år}', en: 'Done up to and including {föregående år}' }),
    question('current', { sv: 'Innevarande verksamhetsår, {år}', en: "This year's work, {år}" }),
    question('risks', { sv: 'Risker/Svårigheter', en: 'Risks and difficulties' }),
    question('completion', { sv: 'Genomförande och sluttid', en: 'Implementation and end date' }),
  ],
  statusScale: {
    levels: [
      { id: 'on-track', label: { sv: 'I fas', en: 'On track' }, color: 'Good' },
      { id: 'at-risk', label: { sv: 'Risk för försening', en: 'At risk of delay' }, color: 'Warning' },
      { id: 'delayed', label: { sv: 'Försenad/avvaktar', en: 'Delayed/on hold' }, color: 'Attention' },
    ],
    required: true,
  },
  document: {},
};

export const TERTIAL_TEMPLATE: FollowUpTemplate = {
  id: 'maluppfoljning-tertial',
  version: 1,
  name: { sv: 'Måluppföljning tertial', en: 'Goal follow-up per tertial' },
  questions: [
    question(
      'assessment',
      { sv: 'Samlad bedömning', en: 'Overall assessment' },
      { required: true, help: { sv: 'Hur har arbetet gått under tertialet, {år}?', en: 'How has the work gone this tertial, {år}?' } },
    ),
    question('causes', { sv: 'Orsaker till resultatet', en: 'Reasons for the result' }),
    question('measures', { sv: 'Vilka åtgärder behöver vidtas för att öka effekten på mål?', en: 'What needs to be done to increase the effect on the goal?' }),
  ],
  statusScale: {
    levels: [
      { id: 'fulfilled', label: { sv: 'Uppfylld/Klar', en: 'Fulfilled/Done' }, color: 'Good' },
      { id: 'positive', label: { sv: 'Positiv trend/Pågående', en: 'Positive trend/In progress' }, color: 'Warning' },
      { id: 'unchanged', label: { sv: 'Oförändrad eller negativ trend/Ej påbörjad', en: 'Unchanged or negative trend/Not started' }, color: 'Attention' },
    ],
    required: true,
  },
  document: {
    appendixHeading: { sv: '{plan}, {omgång}', en: '{plan}, {omgång}' },
    periodLabel: null,
  },
};

export const BUILT_IN_TEMPLATES: readonly FollowUpTemplate[] = [DEFAULT_TEMPLATE, TERTIAL_TEMPLATE];

/** The template a round follows: its own copy, or the default for a round stored before templates. */
export function templateOf(round: { template?: FollowUpTemplate }): FollowUpTemplate {
  return round.template ?? DEFAULT_TEMPLATE;
}
