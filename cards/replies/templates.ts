// What a coordinator reads about templates: a file's problems, one line each where they are,
// the outcome of adding one, and the list to choose from. `literal` keeps a template's own text
// (its name, an id, a round's title) as typed: escapeMarkdown in a Teams reply, nothing on the
// command line.

import type { Locale } from '../../bot/domain/locale';
import { kindLabel } from '../../bot/domain/kinds';
import type { FollowUpTemplate } from '../../bot/domain/templates/template';
import type { TemplateProblem, TemplateSaveOutcome } from '../../bot/domain/templates/validate';
import { t, type MessageKey } from '../messages/index';

type Literal = (text: string) => string;
const asTyped: Literal = (text) => text;

export function templateProblemLines(problems: TemplateProblem[], locale: Locale, literal: Literal = asTyped): string[] {
  return problems.map((problem) => {
    const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? literal(v) : v]));
    // A bad id is worded by its kind: each kind of id has its own rule.
    const key = problem.code === 'bad-id' ? `templateProblem.bad-id.${String(problem.params?.kind)}` : `templateProblem.${problem.code}`;
    const text = t(locale, key as MessageKey, params);
    return problem.path ? t(locale, 'templateProblemAt', { path: problem.path, problem: text }) : text;
  });
}

/** The lines answering an added template (the refusal of a non-coordinator is the caller's). */
export function addTemplateLines(result: TemplateSaveOutcome, locale: Locale, literal: Literal = asTyped): string[] {
  switch (result.kind) {
    case 'added': {
      const { template, openRounds } = result;
      const added = t(locale, 'templateAdded', { name: literal(template.name[locale]), id: literal(template.id), version: template.version, count: template.questions.length });
      const rounds = openRounds.map((r) => literal(r.title)).join(', ');
      return [added, openRounds.length > 0 ? t(locale, 'templateAddedOpenRounds', { rounds }) : t(locale, 'templateAddedNewRounds')];
    }
    case 'invalid':
      return [t(locale, result.problems.length === 1 ? 'templateInvalidOne' : 'templateInvalid', { count: result.problems.length }), ...templateProblemLines(result.problems, locale, literal)];
    case 'built-in':
      return [t(locale, 'templateBuiltIn', { id: literal(result.id) })];
    case 'conflict':
      return [t(locale, 'templateConflict')];
  }
}

export function templateListLines(templates: FollowUpTemplate[], locale: Locale, literal: Literal = asTyped): string[] {
  return [
    t(locale, 'templatesHeading'),
    ...templates.map((tpl) => {
      const params = { name: literal(tpl.name[locale]), id: literal(tpl.id), version: tpl.version, count: tpl.questions.length };
      if (!tpl.kinds) return t(locale, 'templateLine', params);
      return t(locale, 'templateLineKinds', { ...params, kinds: tpl.kinds.map((kind) => literal(kindLabel(kind, locale))).join(', ') });
    }),
  ];
}
