// Every sentence the bot says to a person, in Swedish and English. Parameters are plain
// values; callers that put officer text into Markdown must escape it first.
//
// The sentences live by area, one file each (what an officer reads, the summary, the rounds …);
// each area's English has exactly its Swedish keys (`EnglishOf`), and this file joins the areas
// into one catalogue per language.

import type { Locale } from '../../bot/domain/locale';
import * as common from './common';
import * as documents from './documents';
import * as history from './history';
import * as officer from './officer';
import * as register from './register';
import * as registerUpload from './register-upload';
import * as reminders from './reminders';
import * as rounds from './rounds';
import * as summary from './summary';
import * as templates from './templates';

export { countWord, escapeMarkdown, lowerFirst } from './text';

const sv = {
  ...common.sv,
  ...officer.sv,
  ...summary.sv,
  ...reminders.sv,
  ...rounds.sv,
  ...register.sv,
  ...registerUpload.sv,
  ...history.sv,
  ...documents.sv,
  ...templates.sv,
};

type Catalogue = typeof sv;
export type MessageKey = keyof Catalogue;

const en: Catalogue = {
  ...common.en,
  ...officer.en,
  ...summary.en,
  ...reminders.en,
  ...rounds.en,
  ...register.en,
  ...registerUpload.en,
  ...history.en,
  ...documents.en,
  ...templates.en,
};

const CATALOGUES: Record<Locale, Catalogue> = { sv, en };

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
