// The templates a coordinator may choose from when creating a round: the built-in ones and those
// added from a JSON file, kept as versions like the register. Adding a new version of a template
// changes no round already created on it: a round keeps its own copy (Round.template).

import { BUILT_IN_TEMPLATES } from '../../domain/templates/builtin';
import type { FollowUpTemplate } from '../../domain/templates/template';
import { readTemplate, type TemplateSaveOutcome } from '../../domain/templates/validate';
import { personIdOf, type Actor } from '../../domain/permissions';
import { roundPhase } from '../../domain/round';
import { ConcurrencyError } from '../../../storage/ports';
import { checkCoordinator, type AdminRefusal } from '../access';
import { isRefused } from '../../domain/refusals';
import type { AppDeps } from '../deps';

/** The built-in template of that id, else the current version of a stored one. */
export async function findTemplate(deps: Pick<AppDeps, 'stores'>, id: string): Promise<FollowUpTemplate | undefined> {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id) ?? (await deps.stores.templates.current(id))?.template;
}

/** Every template a round may be created on: the built-in ones first (the default leading), then the stored ones. */
export async function availableTemplates(deps: Pick<AppDeps, 'stores'>): Promise<FollowUpTemplate[]> {
  return (await templateChoices(deps)).all;
}

/**
 * How many stored templates the round form offers: with every one, a few hundred would take the
 * form over Teams' 28 KB. The older ones are chosen on the command line (`--template`).
 */
export const FORM_STORED_TEMPLATES = 20;

/**
 * The templates a round may be created on (`all`, as availableTemplates), and those the round
 * form offers (`offered`): the built-in ones, then the most recently added stored ones.
 */
export async function templateChoices(deps: Pick<AppDeps, 'stores'>): Promise<{ all: FollowUpTemplate[]; offered: FollowUpTemplate[] }> {
  const stored = await deps.stores.templates.list();
  const newest = [...stored].sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime()).slice(0, FORM_STORED_TEMPLATES);
  return {
    all: [...BUILT_IN_TEMPLATES, ...stored.map((s) => s.template)],
    offered: [...BUILT_IN_TEMPLATES, ...newest.map((s) => s.template)],
  };
}

export type AddTemplateResult = TemplateSaveOutcome | AdminRefusal;

/**
 * Adds a template, or a new version of one, from a coordinator's JSON file (the 1:1 chat): the
 * coordinator check, then saveTemplate.
 */
export async function addTemplate(
  deps: AppDeps,
  actor: Actor,
  file: { source: string; read: () => Promise<Buffer> },
): Promise<AddTemplateResult> {
  const allowed = await checkCoordinator(deps, actor, { action: 'templates.refused', subject: 'templates' });
  if (isRefused(allowed)) return allowed;
  // Read only for a coordinator: nobody else makes the bot fetch a file.
  const json = (await file.read()).toString('utf8').replace(/^\uFEFF/, '');
  return saveTemplate(deps, { json, source: file.source }, { by: personIdOf(actor), actor: actor.aadObjectId });
}

export interface TemplateFile {
  json: string;
  /** The file's name, kept with the version. */
  source: string;
}

/**
 * Keeps a template file as the next version of its id, audited. Every problem of the file is
 * named; a built-in template's id is refused (the default stays what seed 000 asks). The rounds
 * not yet closed on an earlier version are named in the result: they keep the questions they
 * were created with, and the new version applies only to rounds created from now on.
 */
export async function saveTemplate(
  deps: Pick<AppDeps, 'stores' | 'clock'>,
  file: TemplateFile,
  who: { by: string; actor: string },
): Promise<Exclude<AddTemplateResult, AdminRefusal>> {
  const reading = readTemplate(file.json);
  if (reading.kind === 'invalid') return reading;
  const { template } = reading;
  if (BUILT_IN_TEMPLATES.some((t) => t.id === template.id)) return { kind: 'built-in', id: template.id };
  const now = deps.clock.now();
  let stored;
  try {
    stored = await deps.stores.templates.saveVersion(template, { addedBy: who.by, addedAt: now, source: file.source });
  } catch (err) {
    if (err instanceof ConcurrencyError) return { kind: 'conflict' };
    throw err;
  }
  await deps.stores.audit.record({
    at: now,
    actor: who.actor,
    action: 'template.added',
    subject: `template:${template.id}`,
    details: { version: stored.template.version, source: file.source, questions: template.questions.length },
  });
  const openRounds = (await deps.stores.rounds.list())
    .filter((r) => r.template?.id === template.id && roundPhase(r, now) !== 'closed')
    .map((r) => ({ id: r.id, title: r.title }));
  return { kind: 'added', template: stored.template, openRounds };
}
