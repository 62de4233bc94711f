// The summary CSV opens in Swedish Excel as typed: BOM, ";" separator, CRLF, quoting, and no
// officer answer turned into a formula.

import { parse } from 'csv-parse/sync';
import { buildSummaryCsv } from '../../../../../bot/app/coordinator/exports/csv-export';

const columns = [
  { key: 'plan', header: 'Plan' },
  { key: 'officer', header: 'Ansvarig' },
  { key: 'status', header: 'Status nuläge' },
];

function readCsv(rows: Array<Record<string, string>>): string {
  return buildSummaryCsv(rows, columns).toString('utf8');
}

describe('the summary CSV for Excel', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads å, ä and ö right', () => {
    const bytes = buildSummaryCsv([{ plan: 'Åtgärdsplan', officer: 'Öberg', status: 'Pågår' }], columns);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Åtgärdsplan;Öberg;Pågår');
  });

  it('writes a header row, then one row per plan, separated by ";" and ended by CRLF', () => {
    const csv = readCsv([
      { plan: 'Drogpolitiskt program', officer: 'Martina Boson', status: 'I fas' },
      { plan: 'Serviceplan', officer: 'Jonas Svendsén' },
    ]);
    expect(csv).toBe('\uFEFFPlan;Ansvarig;Status nuläge\r\nDrogpolitiskt program;Martina Boson;I fas\r\nServiceplan;Jonas Svendsén;\r\n');
  });

  it('quotes cells holding ";", quotes, line breaks or edge spaces, and doubles the quotes', () => {
    const csv = readCsv([{ plan: 'a;b', officer: 'säger "hej"', status: 'rad 1\r\nrad 2' }, { plan: 'a ', officer: 'avslutande ', status: 'mitt i ok' }]);
    const [, first, second] = csv.split(/\r\n(?=[^\r\n]*;)/);
    expect(first).toBe('"a;b";"säger ""hej""";"rad 1\r\nrad 2"');
    expect(second).toBe('"a ";"avslutande ";mitt i ok\r\n');
  });

  // An answer such as =HYPERLINK("http://…") must not become a live formula on the coordinator's machine.
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+46 480 45 00 00', "'+46 480 45 00 00"],
    ['-5 % mot plan', "'-5 % mot plan"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['=1;2', `"'=1;2"`],
    [' =1+1', "' =1+1"],
    ['\n=1+1', `"'\n=1+1"`],
    ['＝HYPERLINK("http://evil.example")', `"'＝HYPERLINK(""http://evil.example"")"`],
    ['＋46 480', "'＋46 480"],
    ['－5', "'－5"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
  ])('defuses %j as text', (value, cell) => {
    const csv = readCsv([{ plan: value, officer: 'x', status: 'y' }]);
    expect(csv.split('\r\n').slice(1).join('\r\n')).toBe(`${cell};x;y\r\n`);
  });

  it('leaves harmless text alone, including periods and e-mail addresses', () => {
    const csv = readCsv([{ plan: '2016-2020', officer: 'anders.saur@kalmar.se', status: 'Ej besvarad' }]);
    expect(csv).toContain('\r\n2016-2020;anders.saur@kalmar.se;Ej besvarad\r\n');
  });

  it('reads back cell for cell with a CSV parser', () => {
    const rows = [
      { plan: 'Hbtq-handlingsplan "På lika villkor"', officer: 'Louise Weidolf', status: '- Fritidsgårdar certifieras\n- Fortsatt utbildning; grupper' },
      { plan: 'Plan för vattenhållande områden ', officer: 'Fanny Ramström', status: '' },
      { plan: '=1+1', officer: 'åäö ÅÄÖ', status: 'slut' },
    ];
    const parsed: string[][] = parse(buildSummaryCsv(rows, columns), { bom: true, delimiter: ';', relax_column_count: false });
    expect(parsed).toEqual([
      ['Plan', 'Ansvarig', 'Status nuläge'],
      ['Hbtq-handlingsplan "På lika villkor"', 'Louise Weidolf', "'- Fritidsgårdar certifieras\n- Fortsatt utbildning; grupper"],
      ['Plan för vattenhållande områden ', 'Fanny Ramström', ''],
      ["'=1+1", 'åäö ÅÄÖ', 'slut'],
    ]);
  });
});
