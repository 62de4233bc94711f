// A template file's problems in words, one line each, where they are first: what the
// coordinator reads after adding a template in the 1:1 chat or on the command line.

import type { Locale } from '../../bot/domain/locale';
import type { TemplateProblem } from '../../bot/domain/templates/validate';
import { t, type MessageKey } from '../messages/index';

export function templateProblemLines(problems: TemplateProblem[], locale: Locale): string[] {
  return problems.map((problem) => {
    const text = t(locale, `templateProblem.${problem.code}` as MessageKey, problem.params ?? {});
    return problem.path ? t(locale, 'templateProblemAt', { path: problem.path, problem: text }) : text;
  });
}
