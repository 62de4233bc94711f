// The council document (tjänsteskrivelse with one appendix per plan, seed `000_…`) rendered as
// .docx. A pure function: the caller maps a round into `CouncilDocumentModel`, this file turns it
// into bytes. Layout only; no storage, no botbuilder, no clock.
//
// Officer text goes into the document as plain text runs and nothing else: no field codes, no
// hyperlinks, no Markdown. The `docx` library escapes XML; we additionally drop characters XML 1.0
// cannot carry at all (control characters, lone surrogates), which would otherwise make Word
// refuse to open the file.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  PageNumber,
  Tab,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { compareTitles } from '../../../domain/summary';
import { documentText } from './document-language';
import { packWithBodyEnd } from './streamed-docx';

export interface CouncilDocumentModel {
  header: {
    organisation: string;
    department: string;
    /** `titles`: one line each under the signature; `phone` (often an extension) beside the name in the letterhead. */
    handlaggare: { name: string; titles: string[]; phone?: string; email?: string };
    /** yyyy-mm-dd, rendered as given. */
    date: string;
    caseNumber: string;
    addressee: string;
    /** The switchboard's number for the footer, as in the seed: "Tel 0480-45 00 00 vx". */
    switchboard?: string;
  };
  /** E.g. "Uppföljning av handlingsplaner och program 2019". */
  title: string;
  /** The "Förslag till beslut" paragraph. */
  proposal: string;
  /** The "Bakgrund" paragraphs. */
  background: string[];
  /** E.g. "Aktuella gällande handlingsplaner och program:". */
  plansHeading: string;
  /**
   * One entry per plan followed up. `sections` are the template's questions in order, `heading` rendered
   * verbatim (e.g. "2. Genomfört t.o.m. 2018"); `text` undefined (or blank) = left empty.
   * `answered` false: nothing was submitted, and every section says `notAnswered`.
   */
  plans: Array<{
    title: string;
    period?: string;
    note?: string;
    appendixTitle: string;
    /** The short name the appendix goes by (seed: "Drogpolitiska programmet"); the appendices are in its order. */
    shortName?: string;
    /** Signed as in the seed: the name, each title on its own line, then the unit. */
    officer?: { name: string; titles?: string[]; unit?: string };
    answered: boolean;
    sections: Array<{ heading: string; text?: string }>;
  }>;
  /** In the register's order; each written as a sentence: the title, then the reason. */
  excluded: Array<{ title: string; reason: string }>;
  /** E.g. "Ej besvarad". */
  notAnswered: string;
  /** The label before each plan's period; "Genomförandetid:" when absent, no period line when null. */
  periodLabel?: string | null;
  /** Seed 003's "Måluppfyllelse" table after the list of plans: the scale's levels, then the rows. */
  fulfilment?: { heading: string; columns: string[]; rows: Array<{ label: string; cells: string[] }> };
  /** Under a section a submitted answer left empty, e.g. "Inget att rapportera"; absent: the heading alone, as in the seed. */
  emptySection?: string;
}

type PlanEntry = CouncilDocumentModel['plans'][number];

// The fixed wording of the document form itself (seed `000_…`) comes from the catalogue;
// everything else from the model.
const say = documentText;

const FONT_BODY = 'Times New Roman'; // Liberation Serif where Times is missing (LibreOffice)
const FONT_HEADING = 'Arial'; // Liberation Sans likewise
const BULLETS = 'bullets';
const HALF_POINTS = (pt: number) => pt * 2;
const CM = (cm: number) => Math.round((cm / 2.54) * 1440); // twips

// A4 with the wide left margin Swedish council papers keep for binding and notes.
const PAGE = { width: CM(21), height: CM(29.7), top: CM(2), bottom: CM(2), left: CM(2.5), right: CM(2) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/**
 * How many appendices are written to XML at a time: a batch's paragraphs and XML are let go
 * before the next is made (about 10 KB of text per plan in a full round).
 */
const APPENDICES_PER_BATCH = 20;

/**
 * Renders the council document as .docx bytes. docx lays out the tjänsteskrivelse; the
 * appendices, most of the document, follow batch by batch (`appendicesPerBatch`, for tests).
 */
export async function buildCouncilDocument(model: CouncilDocumentModel, { appendicesPerBatch = APPENDICES_PER_BATCH } = {}): Promise<Buffer> {
  const appendices = sortPlansForAppendices(model.plans);
  const doc = new Document({
    title: clean(model.title),
    creator: clean(model.header.organisation),
    lastModifiedBy: clean(model.header.organisation),
    subject: clean(model.header.caseNumber),
    description: clean(`${model.header.caseNumber} – ${model.title}`),
    styles: buildStyles(),
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 284 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: CM(1), footer: CM(1) },
          },
        },
        headers: { first: buildFirstPageHeader(), default: buildRunningHeader(model) },
        footers: { first: buildFirstPageFooter(model) },
        children: buildCoverLetter(model, appendices),
      },
    ],
  });
  return packWithBodyEnd(doc, appendixBatches(model, appendices, appendicesPerBatch));
}

/** The appendices' paragraphs, numbered from 1, a batch at a time and only when asked for. */
function* appendixBatches(model: CouncilDocumentModel, appendices: PlanEntry[], size: number): Generator<Paragraph[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`appendicesPerBatch must be a whole number of at least 1, not ${size}`);
  for (let start = 0; start < appendices.length; start += size) {
    yield appendices.slice(start, start + size).flatMap((plan, i) => buildAppendix(model, plan, start + i + 1));
  }
}

/**
 * Orders the appendices by the name each goes by (its short name, else its title) the way a
 * Swedish reader expects (å, ä, ö after z), as the seed's Bilagor list is ordered.
 */
function sortPlansForAppendices(plans: PlanEntry[]): PlanEntry[] {
  return [...plans].sort((a, b) => compareTitles(a.shortName ?? a.title, b.shortName ?? b.title) || compareTitles(a.title, b.title));
}

function buildStyles() {
  const heading = (size: number, before: number, after: number) => ({
    run: { font: FONT_HEADING, size: HALF_POINTS(size), bold: true, color: '000000' },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: {
        // Language on the default run makes Word and LibreOffice spell-check and hyphenate as Swedish.
        run: { font: FONT_BODY, size: HALF_POINTS(12), language: { value: 'sv-SE' } },
        // lineRule spelled out: LibreOffice reads a bare w:line as an exact height, and wrapped
        // headings then overlap.
        paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
      },
      heading1: heading(16, 360, 200),
      heading2: heading(12, 240, 80),
    },
    paragraphStyles: [
      {
        id: 'Label',
        name: 'Label',
        basedOn: 'Normal',
        run: { font: FONT_HEADING, size: HALF_POINTS(8), color: '595959' },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: 'HeaderValue',
        name: 'Header value',
        basedOn: 'Normal',
        run: { font: FONT_HEADING, size: HALF_POINTS(10) },
        paragraph: { spacing: { after: 0 } },
      },
    ],
  };
}

// ── First part: the tjänsteskrivelse ─────────────────────────────────────────────────────────

function buildCoverLetter(model: CouncilDocumentModel, appendices: PlanEntry[]): Array<Paragraph | Table> {
  const h = model.header;
  const out: Array<Paragraph | Table> = [buildHeaderBlock(model)];

  out.push(new Paragraph({ spacing: { before: 600, after: 360 }, children: [text(h.addressee, { bold: true })] }));
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 0 }, children: [text(model.title)] }));

  out.push(heading2(say('councilProposal')));
  out.push(...buildTextParagraphs(model.proposal));

  out.push(heading2(say('councilBackground')));
  for (const paragraph of model.background) out.push(...buildTextParagraphs(paragraph));

  out.push(new Paragraph({ spacing: { before: 200 }, keepNext: true, children: [text(model.plansHeading)] }));
  // The plans by their full titles, in that order, as in the seed (the appendices follow their short names).
  for (const plan of [...appendices].sort((a, b) => compareTitles(a.title, b.title))) out.push(bullet([text(describePlan(plan))]));

  if (model.fulfilment) out.push(...fulfilmentTable(model.fulfilment));

  if (model.excluded.length > 0) {
    out.push(new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [text(say('councilExcluded'))] }));
    for (const item of model.excluded) out.push(bullet([text(excludedSentence(item.title, item.reason))]));
  }

  out.push(...signature(h.handlaggare.name, h.handlaggare.titles));

  if (appendices.length > 0) {
    out.push(heading2(say('councilAppendices')));
    appendices.forEach((plan, i) => {
      out.push(
        new Paragraph({
          spacing: { after: 40 },
          indent: { left: 1134, hanging: 1134 },
          tabStops: [{ type: TabStopType.LEFT, position: 1134 }],
          children: [text(say('councilAppendix', { number: i + 1 })), text('\t'), text(plan.appendixTitle)],
        }),
      );
    });
  }
  return out;
}

/** Seed 003's table: a heading, the levels as columns (the first column the rows' labels), the counts. */
function fulfilmentTable(table: NonNullable<CouncilDocumentModel['fulfilment']>): Array<Paragraph | Table> {
  const columns = ['', ...table.columns];
  const width = Math.floor(TEXT_WIDTH / columns.length);
  const cell = (value: string, bold = false) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ spacing: { after: 0 }, children: [text(value, { bold })] })] });
  return [
    new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [text(table.heading, { bold: true })] }),
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: width * columns.length, type: WidthType.DXA },
      columnWidths: columns.map(() => width),
      rows: [
        new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, true)) }),
        ...table.rows.map((row) => new TableRow({ children: [cell(row.label), ...row.cells.map((c) => cell(c))] })),
      ],
    }),
  ];
}

/**
 * An excluded plan as the seed writes it, one sentence: "Fossilbränslefria Kalmar 2030 -
 * handlingsplan följs upp i det årliga miljöbokslutet." A reason that starts a sentence of its
 * own (a capital letter) follows the title as one; a full stop ends it unless it has one.
 */
export function excludedSentence(title: string, reason: string): string {
  const r = reason.trim();
  const t = title.trim();
  if (!r) return t;
  const sentence = /^\p{Lu}/u.test(r) ? `${/[.!?…]$/.test(t) ? t : `${t}.`} ${r}` : `${t} ${r}`;
  return /[.!?…]["'”’)]*$/.test(sentence) ? sentence : `${sentence}.`;
}

/** A name with each title on a line below it, and the unit below those, as the seed signs. */
function signature(name: string, lines: Array<string | undefined>): Paragraph[] {
  const below = lines.map((l) => l?.trim()).filter((l): l is string => !!l);
  return [
    new Paragraph({ spacing: { before: 480, after: 0 }, keepNext: true, keepLines: true, children: [text(name)] }),
    ...below.map((line, i) => new Paragraph({ spacing: { after: i === below.length - 1 ? 120 : 0 }, keepNext: i < below.length - 1, children: [text(line)] })),
  ];
}

/** "Förebygga våld … – handlingsplan (revidering pågår)": the title with its note, as in the seed. */
function describePlan(plan: PlanEntry): string {
  const note = plan.note?.trim();
  if (!note) return plan.title;
  return /^\(.*\)$/.test(note) ? `${plan.title} ${note}` : `${plan.title} (${note})`;
}

/**
 * The letterhead: organisation and department beside "TJÄNSTESKRIVELSE", then Handläggare, Datum
 * and Ärendebeteckning side by side, as in the municipality's template. A borderless table keeps
 * the columns aligned in both Word and LibreOffice, which tab stops do not when values wrap.
 */
function buildHeaderBlock(model: CouncilDocumentModel): Table {
  const h = model.header;
  const widths = [Math.round(TEXT_WIDTH * 0.46), Math.round(TEXT_WIDTH * 0.22), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.46) - Math.round(TEXT_WIDTH * 0.22)];
  const cell = (children: Paragraph[], width: number, columnSpan?: number) =>
    new TableCell({
      children,
      columnSpan,
      width: { size: width, type: WidthType.DXA },
      margins: { top: 0, bottom: 80, left: 0, right: 113 },
    });
  const label = (value: string) => new Paragraph({ style: 'Label', children: [text(value)] });
  const value = (value: string) => new Paragraph({ style: 'HeaderValue', children: [text(value)] });

  const contact = [h.handlaggare.phone, h.handlaggare.email].filter((v): v is string => !!v && v.trim() !== '');
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({ spacing: { after: 0 }, children: [text(h.organisation, { font: FONT_HEADING, bold: true, size: HALF_POINTS(16) })] }),
              new Paragraph({ spacing: { after: 240 }, children: [text(h.department, { font: FONT_HEADING, size: HALF_POINTS(10) })] }),
            ],
            widths[0] + widths[1],
            2,
          ),
          cell([new Paragraph({ spacing: { before: 60 }, children: [text(say('councilDocumentType'), { font: FONT_HEADING, bold: true, size: HALF_POINTS(12) })] })], widths[2]),
        ],
      }),
      new TableRow({
        children: [
          cell([label(say('councilHandlaggare')), value(h.handlaggare.name), ...contact.map(value)], widths[0]),
          cell([label(say('councilDate')), value(h.date)], widths[1]),
          cell([label(say('councilCaseNumber')), value(h.caseNumber)], widths[2]),
        ],
      }),
    ],
  });
}

// "Sida 1 (12)" at the top right of every page is the Swedish convention for official papers.
// PAGE/NUMPAGES are fields, but only here in the page header and never fed from user text.
function buildPageNumber(): TextRun {
  return new TextRun({ font: FONT_HEADING, size: HALF_POINTS(9), children: [`${say('councilPage')} `, PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'] });
}

function buildFirstPageHeader(): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [buildPageNumber()] })] });
}

function buildRunningHeader(model: CouncilDocumentModel): Header {
  const h = model.header;
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 4 } },
        children: [
          text(`${h.organisation}  ·  ${h.caseNumber}`, { font: FONT_HEADING, size: HALF_POINTS(9), color: '595959' }),
          text('\t'),
          buildPageNumber(),
        ],
      }),
    ],
  });
}

function buildFirstPageFooter(model: CouncilDocumentModel): Footer {
  const h = model.header;
  // The switchboard, not the handläggare's extension (that stands in the letterhead), as in the seed.
  const contact = [h.switchboard?.trim() && say('councilSwitchboard', { number: h.switchboard.trim() }), h.handlaggare.email].filter(Boolean).join('  |  ');
  const small = { font: FONT_HEADING, size: HALF_POINTS(8), color: '595959' };
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6', space: 4 } },
        spacing: { after: 0 },
        children: [text(`${h.organisation}  ·  ${h.department}`, { ...small, bold: true })],
      }),
      ...(contact ? [new Paragraph({ spacing: { after: 0 }, children: [text(contact, small)] })] : []),
    ],
  });
}

// ── Second part: one appendix per plan ───────────────────────────────────────────────────────

function buildAppendix(model: CouncilDocumentModel, plan: PlanEntry, number: number): Paragraph[] {
  const out: Paragraph[] = [
    // Each appendix starts on a new page so it can be printed or split off on its own.
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.RIGHT,
      spacing: { after: 240 },
      children: [text(say('councilAppendixPageHeader', { number, appendix: plan.appendixTitle }), { font: FONT_HEADING, size: HALF_POINTS(9), color: '595959' })],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 0 }, children: [text(say('councilAppendixHeading', { plan: plan.title }))] }),
  ];

  const period = plan.period?.trim();
  const note = plan.note?.trim();
  if (model.periodLabel !== null) out.push(
    new Paragraph({
      spacing: { after: 240 },
      children: [
        text(`${model.periodLabel ?? say('councilPeriod')} `, { bold: true }),
        period ? text(period) : text(say('councilPeriodMissing'), { italics: true }),
        ...(note ? [text(` (${note.replace(/^\((.*)\)$/, '$1')})`)] : []),
      ],
    }),
  );

  for (const section of plan.sections) {
    out.push(heading2(section.heading));
    if (!plan.answered) out.push(new Paragraph({ children: [text(model.notAnswered, { italics: true })] }));
    else if (isAnswered(section.text)) out.push(...buildTextParagraphs(section.text));
    else if (model.emptySection?.trim()) out.push(new Paragraph({ children: [text(model.emptySection)] }));
    // else: the heading alone, as the seed leaves a section the officer had nothing for.
  }

  if (plan.officer) out.push(...signature(plan.officer.name, [...(plan.officer.titles ?? []), plan.officer.unit]));
  return out;
}

function isAnswered(value: string | undefined): value is string {
  return value !== undefined && clean(value).trim() !== '';
}

// ── Text handling ────────────────────────────────────────────────────────────────────────────

const BULLET_LINE = /^\s*[-–•*]\s+(.*)$/;

/**
 * Turns free text into paragraphs the way the officer typed it: a blank line starts a new
 * paragraph, a single line break stays a line break, and lines starting with "-", "–", "•" or "*"
 * become list items (the seed's answers use such lists).
 */
function buildTextParagraphs(value: string): Paragraph[] {
  const lines = clean(value).replace(/\r\n?/g, '\n').split('\n');
  const out: Paragraph[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const runs = pending.map((line, i) => text(line, i > 0 ? { break: 1 } : {}));
    out.push(new Paragraph({ children: runs }));
    pending = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    const item = BULLET_LINE.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (item) {
      flush();
      out.push(bullet([text(item[1])]));
    } else {
      pending.push(line);
    }
  }
  flush();
  return out;
}

function heading2(value: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(value)] });
}

function bullet(children: TextRun[]): Paragraph {
  return new Paragraph({ numbering: { reference: BULLETS, level: 0 }, spacing: { after: 60 }, children });
}

type RunStyle = { bold?: boolean; italics?: boolean; font?: string; size?: number; color?: string; break?: number };

/** A plain text run; a lone "\t" becomes a real tab so tab stops work. */
function text(value: string, style: RunStyle = {}): TextRun {
  if (value === '\t') return new TextRun({ ...style, children: [new Tab()] });
  return new TextRun({ ...style, text: clean(value).replace(/\t/g, ' ') });
}

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF) and lone UTF-16
// surrogates: pasted from other systems now and then, fatal to a .docx if left in.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(value: string): string {
  return value.replace(INVALID_XML, '');
}
