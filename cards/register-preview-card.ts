// The register upload cards: the preview of a file a coordinator sent (what would change, or every
// error with its row and column) with Använd registret / Avbryt, and the card that replaces it
// once applied or cancelled. Names, titles and error texts come from the file and travel only as
// template data into TextRuns, which render no Markdown. Teams refuses a message over 28 KB, so
// long lists are cut ("… och 12 till"), shorter and shorter until the card fits.

import type { FieldError } from '../bot/domain/errors';
import type { Locale } from '../bot/domain/locale';
import { t, type MessageKey } from './messages/index';
import type { Person, Plan } from '../bot/domain/register';
import { isEmptyDiff, type PersonField, type PlanField, type RegisterPreview } from '../bot/domain/register-diff';
import { excerpt } from './excerpt';
import { expandTemplate, type AdaptiveCard } from './expand';
import template from './templates/register-preview.json';

/** The upload's preview (problems beyond those in `errors` are counted, not listed), in a language. */
export interface RegisterPreviewCardModel extends RegisterPreview {
  locale: Locale;
  /** A line above the preview, e.g. that the register changed since the last preview. */
  notice?: string;
  /** Largest card in UTF-8 bytes of its JSON; the default leaves 1 KB of the 28 KB for the envelope. */
  maxBytes?: number;
}

export const DEFAULT_PREVIEW_MAX_BYTES = 27 * 1024;

/** Items shown per list and errors shown, from generous to sparse, until the card fits. */
const CAPS: Array<{ items: number; errors: number }> = [
  { items: 10, errors: 40 },
  { items: 6, errors: 20 },
  { items: 3, errors: 10 },
  { items: 1, errors: 5 },
  { items: 0, errors: 2 },
];

interface Section {
  title: string;
  color: 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';
  lines: string;
}

const PLAN_FIELD_KEYS: Record<PlanField, MessageKey> = {
  title: 'uploadFieldTitle',
  period: 'uploadFieldPeriod',
  note: 'uploadFieldNote',
  officer: 'uploadFieldOfficer',
  excludedReason: 'uploadFieldExcludedReason',
  deputy: 'uploadFieldDeputy',
  kind: 'uploadFieldKind',
};
const PERSON_FIELD_KEYS: Record<PersonField, MessageKey> = {
  name: 'uploadFieldName',
  title: 'uploadFieldPersonTitle',
  unit: 'uploadFieldUnit',
  manager: 'uploadFieldManager',
};

export function buildRegisterPreviewCard(model: RegisterPreviewCardModel): AdaptiveCard {
  const maxBytes = model.maxBytes ?? DEFAULT_PREVIEW_MAX_BYTES;
  let card: AdaptiveCard | undefined;
  for (const caps of CAPS) {
    card = expandPreview(model, caps);
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= maxBytes) return card;
  }
  return card!;
}

function expandPreview(model: RegisterPreviewCardModel, caps: { items: number; errors: number }): AdaptiveCard {
  const { locale, diff } = model;
  const base = {
    locale,
    uploadId: model.uploadId,
    baseVersion: model.baseVersion,
    fileName: excerpt(model.fileName, MAX_FILE_NAME_BYTES),
    notice: model.notice ?? '',
    labels: { file: t(locale, 'uploadFile'), apply: t(locale, 'uploadApply'), cancel: t(locale, 'uploadCancel') },
  };
  if (model.errors.length > 0 || !diff) {
    return expandTemplate(template, {
      ...base,
      heading: t(locale, 'uploadErrorsHeading'),
      headingColor: 'Attention',
      summary: t(locale, 'uploadErrorsSummary', { count: formatCount(model.errors.length + (model.moreErrors ?? 0), locale) }),
      sections: [{ title: '', color: 'Default', lines: capped(model.errors.map((e) => errorLine(e, locale)), caps.errors, locale, model.moreErrors) }],
      footer: t(locale, 'uploadErrorsFooter'),
      canApply: false,
    });
  }
  if (isEmptyDiff(diff)) {
    return expandTemplate(template, {
      ...base,
      heading: t(locale, 'uploadPreviewHeading'),
      headingColor: 'Default',
      summary: t(locale, 'uploadNoChanges', { version: model.baseVersion }),
      sections: [],
      footer: '',
      canApply: false,
    });
  }
  const plan = (p: Plan) => `• ${p.title} (${p.id})`;
  const person = (p: Person) => `• ${p.name} (${p.id})`;
  const fields = (keys: readonly string[], names: Record<string, MessageKey>) => keys.map((k) => t(locale, names[k])).join(', ');
  const sections: Section[] = [];
  const add = (key: MessageKey, color: Section['color'], lines: string[]) => {
    if (lines.length > 0) sections.push({ title: t(locale, key, { count: formatCount(lines.length, locale) }), color, lines: capped(lines, caps.items, locale) });
  };
  add('uploadPlansAdded', 'Good', diff.plans.added.map(plan));
  add('uploadPlansChanged', 'Accent', diff.plans.changed.map((c) => `${plan(c.after)}: ${fields(c.fields, PLAN_FIELD_KEYS)}`));
  add('uploadPlansRemoved', 'Attention', diff.plans.removed.map(plan));
  add('uploadPeopleAdded', 'Good', diff.people.added.map(person));
  add('uploadPeopleChanged', 'Accent', diff.people.changed.map((c) => `${person(c.after)}: ${fields(c.fields, PERSON_FIELD_KEYS)}`));
  add('uploadPeopleRemoved', 'Attention', diff.people.removed.map(person));
  add('uploadCoordinatorsAdded', 'Good', diff.coordinators.added.map((a) => `• ${a}`));
  add('uploadCoordinatorsRemoved', 'Attention', diff.coordinators.removed.map((a) => `• ${a}`));
  if (diff.scheduleChanged) sections.push({ title: t(locale, 'uploadScheduleChanged'), color: 'Accent', lines: '' });
  const after = model.after;
  return expandTemplate(template, {
    ...base,
    heading: t(locale, 'uploadPreviewHeading'),
    headingColor: 'Default',
    summary: t(locale, 'uploadCompared', { version: model.baseVersion }),
    sections,
    footer: [after ? afterLine(after, locale) : '', t(locale, 'uploadApplyHint')].filter(Boolean).join('\n'),
    canApply: true,
  });
}

/** Bytes of a field's name and of an error's message on the card: both may quote the file. */
const MAX_FIELD_BYTES = 80;
const MAX_MESSAGE_BYTES = 400;
export const MAX_FILE_NAME_BYTES = 200;

/** Where an error is, as the coordinator finds it in Excel: "Rad 4, Namn: …". */
function errorLine(error: FieldError, locale: Locale): string {
  const { line } = error;
  const field = excerpt(error.field, MAX_FIELD_BYTES);
  const message = excerpt(error.message, MAX_MESSAGE_BYTES);
  if (line !== undefined && field) return `• ${t(locale, 'uploadErrorAt', { line, field, message })}`;
  if (line !== undefined) return `• ${t(locale, 'uploadErrorAtLine', { line, message })}`;
  if (field) return `• ${t(locale, 'uploadErrorAtField', { field, message })}`;
  return `• ${message}`;
}

/** The first `max` lines and "… och N till" for the rest, `unlisted` counted among them. */
function capped(lines: string[], max: number, locale: Locale, unlisted = 0): string {
  const shown = lines.slice(0, max);
  const more = Math.max(0, lines.length - max) + unlisted;
  if (more > 0) shown.push(t(locale, 'uploadMore', { count: formatCount(more, locale) }));
  return shown.join('\n');
}

/** 5 000 in Swedish, 5,000 in English. */
export function formatCount(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');
}

/** What the register holds after the apply, counts formatted for the language. */
export function afterLine(after: { plans: number; excluded: number; people: number; coordinators: number }, locale: Locale): string {
  const f = (n: number) => formatCount(n, locale);
  return t(locale, 'uploadAfter', { plans: f(after.plans), excluded: f(after.excluded), people: f(after.people), coordinators: f(after.coordinators) });
}

/** The card that replaces the preview once it is applied, cancelled or refused: no actions. */
export function buildRegisterOutcomeCard(model: {
  locale: Locale;
  heading: string;
  headingColor?: 'Default' | 'Good' | 'Attention';
  fileName?: string;
  text: string;
}): AdaptiveCard {
  const { locale } = model;
  return expandTemplate(template, {
    locale,
    uploadId: '',
    baseVersion: 0,
    fileName: excerpt(model.fileName ?? '', MAX_FILE_NAME_BYTES),
    notice: '',
    labels: { file: t(locale, 'uploadFile'), apply: '', cancel: '' },
    heading: model.heading,
    headingColor: model.headingColor ?? 'Default',
    summary: model.text,
    sections: [],
    footer: '',
    canApply: false,
  });
}
