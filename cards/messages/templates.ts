// Follow-up templates: what a coordinator is told about a template file that cannot be used
// (bot/domain/templates/validate.ts names each problem; cards/replies/templates.ts words it).

import type { EnglishOf } from './area';

export const sv = {
  templateProblemAt: '{path}: {problem}',
  'templateProblem.bad-json': 'Filen är inte giltig JSON ({detail}).',
  'templateProblem.not-object': 'ska vara ett objekt med fält inom { }.',
  'templateProblem.missing': 'saknas.',
  'templateProblem.not-text': 'ska vara text.',
  'templateProblem.too-long': 'är för lång (högst {max} tecken).',
  'templateProblem.bad-id': '"{value}" går inte att använda som id: använd små bokstäver a–z och siffror.',
  'templateProblem.reserved-id': '"{value}" används redan av kortet; välj ett annat id.',
  'templateProblem.duplicate-id': 'id "{value}" finns redan tidigare i listan.',
  'templateProblem.unknown-placeholder': '{value} finns inte; det som går att använda är {known}.',
  'templateProblem.not-yes-no': 'ska vara true eller false.',
  'templateProblem.bad-number': 'ska vara ett heltal från {min} till {max}.',
  'templateProblem.bad-color': 'färgen ska vara en av {known}.',
  'templateProblem.too-few': 'ska ha minst {min}.',
  'templateProblem.too-many': 'får ha högst {max}.',
  'templateProblem.card-too-large': 'frågorna och statusarna tar för stor plats på svarskortet ({bytes} byte, högst {max}): Teams tar inte emot kort över 28 kB. Ta bort frågor eller korta texterna.',
};

export const en: EnglishOf<typeof sv> = {
  templateProblemAt: '{path}: {problem}',
  'templateProblem.bad-json': 'The file is not valid JSON ({detail}).',
  'templateProblem.not-object': 'must be an object with fields inside { }.',
  'templateProblem.missing': 'is missing.',
  'templateProblem.not-text': 'must be text.',
  'templateProblem.too-long': 'is too long (at most {max} characters).',
  'templateProblem.bad-id': '"{value}" cannot be used as an id: use lower-case letters a–z and digits.',
  'templateProblem.reserved-id': '"{value}" is already used by the card; choose another id.',
  'templateProblem.duplicate-id': 'id "{value}" already appears earlier in the list.',
  'templateProblem.unknown-placeholder': '{value} does not exist; you can use {known}.',
  'templateProblem.not-yes-no': 'must be true or false.',
  'templateProblem.bad-number': 'must be a whole number from {min} to {max}.',
  'templateProblem.bad-color': 'the colour must be one of {known}.',
  'templateProblem.too-few': 'must have at least {min}.',
  'templateProblem.too-many': 'may have at most {max}.',
  'templateProblem.card-too-large': 'the questions and statuses take too much room on the answer card ({bytes} bytes, at most {max}): Teams refuses cards over 28 KB. Remove questions or shorten the texts.',
};
