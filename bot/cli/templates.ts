// The command line's templates: `add-template mall.json` keeps a template file as a new version
// (every problem named, nothing saved when there is one), `templates` lists those a round may be
// created on (`create-round --template ID`).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Stores } from '../../storage/ports';
import type { Clock } from '../app/clock';
import { availableTemplates, saveTemplate } from '../app/templates/templates';
import { addTemplateLines, templateListLines } from '../../cards/replies/templates';

type Output = { out: (line: string) => void; err: (line: string) => void };

export async function runAddTemplate(file: string, by: string, deps: { stores: Stores; clock: Clock }, io: Output): Promise<number> {
  const json = await readFile(file, 'utf8').catch(() => undefined);
  if (json === undefined) {
    io.err(`Filen ${file} finns inte eller går inte att läsa.`);
    return 1;
  }
  const result = await saveTemplate(deps, { json, source: path.basename(file) }, { by, actor: by });
  const lines = addTemplateLines(result, 'sv');
  for (const line of lines) (result.kind === 'added' ? io.out : io.err)(line);
  return result.kind === 'added' ? 0 : 1;
}

export async function runListTemplates(deps: { stores: Stores }, io: Output): Promise<number> {
  for (const line of templateListLines(await availableTemplates(deps), 'sv')) io.out(line);
  return 0;
}
