// Expands a card template with data. User text only ever travels in the data: the templating
// engine evaluates expressions in the template, never in the values it substitutes.

import * as ACData from 'adaptivecards-templating';

export type AdaptiveCard = Record<string, unknown>;

/**
 * Templates are prepared once per template object: preparing parses every expression of the
 * template (about a millisecond), and a summary of 1,000 plans expands a thousand cards and more.
 */
const prepared = new WeakMap<object, ACData.Template>();

export function expandTemplate(template: object, data: object): AdaptiveCard {
  let ready = prepared.get(template);
  if (!ready) {
    ready = new ACData.Template(template);
    prepared.set(template, ready);
  }
  return ready.expand({ $root: data }) as AdaptiveCard;
}
