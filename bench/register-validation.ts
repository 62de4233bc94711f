// npm run bench:register — how long a coordinator waits for the preview of a large register:
// reading the file (parseRegisterFile: the same reader and validation as the command line), the
// diff against the current register, and the preview card, for a register of 5,000 plans saved
// as CSV (BOM, ";") and as .xlsx. Prints the median and the slowest of several runs. Then how
// long the files far larger than a register take to refuse (bench/oversized-files.ts), and the
// event loop's longest stall meanwhile (what other requests would wait).
//
//   npm run bench:register [-- --plans 5000 --runs 7]

import { parseArgs } from 'node:util';
import { buildRegisterPreviewCard } from '../cards/register-preview-card';
import { parseRegisterFile } from '../bot/app/register/files';
import { countRegister } from '../bot/domain/register';
import { diffRegisters } from '../bot/domain/register-diff';
import { oversizedFiles, withLongestStall } from './oversized-files';
import { largeRegister, registerRows, toCsv, toXlsx } from './register-files';

const { values } = parseArgs({
  options: {
    plans: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '7' },
  },
});
const PLANS = Number(values.plans);
const RUNS = Number(values.runs);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  // The current register, and the file: the same plans with every tenth title revised.
  const current = largeRegister(PLANS);
  const next = largeRegister(PLANS);
  next.plans = next.plans.map((p, i) => (i % 10 === 0 ? { ...p, title: `${p.title} (reviderad)` } : p));
  const rows = registerRows(next);
  const files = {
    csv: { name: 'register.csv', bytes: toCsv(rows, { delimiter: ';', bom: true }) },
    xlsx: { name: 'register.xlsx', bytes: await toXlsx(rows) },
  };

  console.log(`Register of ${PLANS} plans, ${next.people.length} people; ${RUNS} runs each (after one warm-up).`);
  for (const [format, file] of Object.entries(files)) {
    const parse: number[] = [];
    const diff: number[] = [];
    const card: number[] = [];
    const total: number[] = [];
    let cardBytes = 0;
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      const parsed = await parseRegisterFile(file.bytes, file.name);
      const t1 = performance.now();
      if (!parsed.content) throw new Error(`The ${format} file is not valid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
      const changes = diffRegisters(current, parsed.content);
      const t2 = performance.now();
      const preview = buildRegisterPreviewCard({
        locale: 'sv',
        uploadId: 'bench',
        fileName: file.name,
        baseVersion: 1,
        errors: [],
        diff: changes,
        after: countRegister(parsed.content),
      });
      const t3 = performance.now();
      cardBytes = Buffer.byteLength(JSON.stringify(preview), 'utf8');
      if (run === 0) continue; // warm-up
      parse.push(t1 - t0);
      diff.push(t2 - t1);
      card.push(t3 - t2);
      total.push(t3 - t0);
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms (slowest ${Math.max(...xs).toFixed(0)})`;
    console.log(
      `${format.padEnd(4)} ${(file.bytes.length / 1024).toFixed(0).padStart(5)} KB: parse + validate ${ms(parse)}, diff ${ms(diff)}, preview card ${ms(card)}; total ${ms(total)}; card ${(cardBytes / 1024).toFixed(1)} KB`,
    );
  }
}

/** Each oversized file once: the time to its refusal and the longest event-loop stall meanwhile. */
async function refusals(): Promise<void> {
  console.log('Files far larger than a register (one run each):');
  for (const file of oversizedFiles()) {
    const bytes = file.bytes();
    const { result: parsed, ms, longestStallMs } = await withLongestStall(() => parseRegisterFile(bytes, file.fileName));
    if (parsed.content) throw new Error(`${file.what} was not refused`);
    console.log(`  ${file.what.padEnd(36)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KB: refused in ${ms.toFixed(0)} ms, longest stall ${longestStallMs.toFixed(0)} ms`);
  }
}

main()
  .then(refusals)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
