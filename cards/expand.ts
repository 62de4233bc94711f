// Expands a card template with data. User text only ever travels in the data: the templating
// engine evaluates expressions in the template, never in the values it substitutes.

import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown>;

export function expandTemplate(template: object, data: object): AdaptiveCard {
  return new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
}
