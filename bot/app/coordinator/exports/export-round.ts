// The coordinator's exports of a round: the council document (.docx), a CSV of the answers and a
// JSON archive of every version. Each is kept as a record exactly as produced, with who asked
// and when; the caller hands out a link to it.

import { answerPolicyOf, isFilledIn, type EmptySectionText } from '../../../domain/answer-policy';
import type { Round } from '../../../domain/round';
import { officerName, summaryStatusLabel, type RoundSummary } from '../../../domain/summary';
import { DEFAULT_TEMPLATE } from '../../../domain/templates/builtin';
import { countsByKind, fulfilmentByKind, fulfilmentRows } from '../../../domain/templates/fulfilment';
import { kindLabel, kindOf } from '../../../domain/kinds';
import { fillYear, questionsOf, type Question } from '../../../domain/templates/template';
import { localDateOf, localDateTimeOf } from '../../../domain/time';
import type { StoredRecord } from '../../../../storage/ports';
import type { AppDeps } from '../../deps';
import { keepRecord } from '../records';
import { summarise } from '../summary';
import type { CouncilDocumentModel } from './council-document';
import { buildCsvTables, buildSummaryCsv, type CsvTable } from './csv-export';
import { DOCUMENT_LOCALE, documentText as say } from './document-language';
import { buildJsonArchive } from './json-export';

export type ExportFormat = 'word' | 'csv' | 'json';

/** Header fields of the council document, from configuration. */
export interface DocumentSettings {
  organisation: string;
  department: string;
  /** `title` may hold several titles separated by ";", each on its own line under the signature. */
  handlaggare: { name: string; title: string; phone?: string; email?: string };
  addressee: string;
  caseNumber: string;
  /** The switchboard's number, printed in the footer ("Tel 0480-45 00 00 vx"). */
  switchboard?: string;
}

const CONTENT_TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  word: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
};

/**
 * The council document's bytes. The module that builds it is loaded with the first document
 * rather than when the bot starts: it and the docx library take about 4 MiB of heap that a bot
 * sending a round's prompts never uses.
 */
async function buildCouncilDocumentOf(summary: RoundSummary, document: DocumentSettings, now: Date): Promise<Buffer> {
  const { buildCouncilDocument } = await import('./council-document');
  return buildCouncilDocument(councilDocumentModel(summary, document, now));
}

/**
 * A round on another template than the five questions keeps its template in `round.template`;
 * its archive also holds the questions as the officers read them (numbered, the year filled in,
 * in both languages), so that its answers' keys read without the bot. The default's archive is
 * as it always was.
 */
function questionsAsAsked(round: Round): { questions?: Record<'sv' | 'en', Question[]> } {
  if (!round.template) return {};
  return { questions: { sv: questionsOf(round.template, round.year, 'sv'), en: questionsOf(round.template, round.year, 'en') } };
}

/** Produces an export, keeps it as a record and returns it (the caller hands out a link). */
export async function exportRound(
  deps: AppDeps,
  round: Round,
  format: ExportFormat,
  requestedBy: string,
  document: DocumentSettings,
): Promise<StoredRecord> {
  let bytes: Buffer;
  if (format === 'json') {
    const [register, versions] = await Promise.all([deps.stores.registers.current(), deps.stores.answers.listVersions(round.id)]);
    bytes = buildJsonArchive({ round, register, versions, ...questionsAsAsked(round) });
  } else {
    const summary = await summarise(deps, round);
    bytes = format === 'word' ? await buildCouncilDocumentOf(summary, document, deps.clock.now()) : summaryCsv(summary);
  }
  const { type, extension } = CONTENT_TYPES[format];
  return keepRecord(deps, {
    roundId: round.id,
    kind: 'export',
    format: extension,
    fileName: `${round.title}.${extension}`,
    contentType: type,
    requestedBy,
    bytes,
  });
}

/** Several titles in one field, separated by ";": one line each under the signature. */
export function titleLines(title: string | undefined): string[] {
  return (title ?? '').split(';').map((t) => t.trim()).filter(Boolean);
}

function councilDocumentModel(summary: RoundSummary, document: DocumentSettings, now: Date): CouncilDocumentModel {
  const { round, template } = summary;
  const year = round.year;
  const questions = questionsOf(template, year, DOCUMENT_LOCALE);
  const { appendixHeading, periodLabel } = template.document;
  const policy = answerPolicyOf(round);
  const { title: handlaggareTitle, ...handlaggare } = document.handlaggare;
  return {
    header: {
      ...document,
      handlaggare: { ...handlaggare, titles: titleLines(handlaggareTitle) },
      date: round.document?.date ?? localDateOf(now, round.timeZone),
    },
    title: say('councilTitle', { year }),
    proposal: say('councilProposalText', { addressee: document.addressee }),
    background: [
      round.document?.background?.trim() || say('councilBackgroundDefault', { round: round.title }),
      say('councilBackgroundOfficers'),
    ],
    plansHeading: say('councilPlansHeading'),
    // Only submitted answers reach the council: a draft stays with the officer until it is sent.
    plans: summary.entries.map((entry) => ({
      title: entry.plan.title,
      period: entry.plan.period,
      note: entry.plan.note,
      appendixTitle: appendixTitleOf(appendixHeading?.[DOCUMENT_LOCALE], {
        plan: round.document?.appendixNames?.[entry.plan.id] ?? entry.plan.title,
        round: round.title.replace(/^Uppföljning\s+/i, ''),
        year,
      }),
      shortName: round.document?.appendixNames?.[entry.plan.id],
      officer: entry.officer && {
        name: entry.officer.name,
        titles: titleLines(round.document?.signatureTitles?.[entry.plan.id] ?? entry.officer.title),
        unit: entry.officer.unit,
      },
      answered: entry.answer !== undefined,
      sections: questions.map((q) => ({
        heading: `${q.number}. ${q.label}`,
        text: entry.answer && isFilledIn(entry.answer.content.texts[q.id]) ? entry.answer.content.texts[q.id] : undefined,
      })),
    })),
    excluded: summary.excluded.map((plan) => ({ title: plan.title, reason: plan.excludedReason ?? '' })),
    notAnswered: say('notAnswered'),
    emptySection: EMPTY_SECTION_WORDS[policy.emptySection],
    periodLabel: periodLabel === null ? null : periodLabel?.[DOCUMENT_LOCALE],
    // The five-question follow-up's document of a register without kinds is as it always was;
    // another template's, or one whose items name their kinds, counts the answers on its scale
    // as seed 003 does: a row per kind, then the total, or the round's one row without kinds.
    ...(template.id === DEFAULT_TEMPLATE.id && !countsByKind(summary)
      ? {}
      : {
          fulfilment: {
            heading: say('councilFulfilment'),
            columns: [...template.statusScale.levels.map((l) => l.label[DOCUMENT_LOCALE]), say('councilFulfilmentTotal')],
            rows: fulfilmentRows(summary, DOCUMENT_LOCALE),
          },
        }),
  };
}

/**
 * An appendix's title: the catalogue's, or the template's own heading with `{plan}` and
 * `{omgång}` (and the year placeholders) filled in. The heading is the template's data: it is
 * filled in here as text, never read as a catalogue entry.
 */
function appendixTitleOf(heading: string | undefined, names: { plan: string; round: string; year: number }): string {
  if (heading === undefined) return say('councilAppendixTitle', { plan: names.plan, round: names.round });
  const parts: Record<string, string> = { plan: names.plan, omgång: names.round };
  return fillYear(heading, names.year).replace(/\{(plan|omgång)\}/g, (_whole, name: string) => parts[name]);
}

/** What the document prints under a section a submitted answer left empty. */
const EMPTY_SECTION_WORDS: Record<EmptySectionText, string | undefined> = {
  blank: undefined,
  'nothing-to-report': say('councilNothingToReport'),
};

/**
 * One row per plan: the submitted answer, or, for a plan with only a draft, the draft's text
 * with the status "Utkast, inte inskickat". A draft newer than the submitted answer is dated in
 * the last column; the JSON export holds its text with every other version.
 */
function summaryCsv(summary: RoundSummary): Buffer {
  const questions = questionsOf(summary.template, summary.round.year, DOCUMENT_LOCALE);
  const byKind = countsByKind(summary);
  const columns = [
    { key: 'plan', header: say('csvPlan') },
    ...(byKind ? [{ key: 'kind', header: say('kindsColumn') }] : []),
    { key: 'period', header: say('csvPeriod') },
    { key: 'officer', header: say('csvOfficer') },
    { key: 'status', header: say('csvStatus') },
    { key: 'submittedAt', header: say('csvSubmittedAt') },
    // The question ids share names with the columns above (`status`): keep them apart.
    ...questions.map((q) => ({ key: `answer:${q.id}`, header: `${q.number}. ${q.label}` })),
    { key: 'draftAt', header: say('csvDraftAt') },
  ];
  const tz = summary.round.timeZone;
  const rows = summary.entries.map((e) => {
    const shown = e.answer ?? e.draft;
    return {
      plan: e.plan.title,
      kind: kindLabel(kindOf(e.plan), DOCUMENT_LOCALE),
      period: e.plan.period ?? '',
      officer: officerName(e) ?? '',
      status: summaryStatusLabel(e.status, DOCUMENT_LOCALE, 'spelled-out', summary.template),
      submittedAt: e.answer ? localDateTimeOf(e.answer.at, tz) : '',
      ...Object.fromEntries(questions.map((q) => [`answer:${q.id}`, shown?.content.texts[q.id] ?? ''])),
      draftAt: e.draftAt ? localDateTimeOf(e.draftAt, tz) : '',
    };
  });
  if (!byKind) return buildSummaryCsv(rows, columns);
  return buildCsvTables([{ rows, columns }, fulfilmentCsvTable(summary)]);
}

/** The counts by kind below the answers, as the council document's Måluppfyllelse table. */
function fulfilmentCsvTable(summary: RoundSummary): CsvTable {
  const levels = summary.template.statusScale.levels;
  const columns = [
    { key: 'label', header: say('councilFulfilment') },
    ...levels.map((level, i) => ({ key: `level:${i}`, header: level.label[DOCUMENT_LOCALE] })),
    { key: 'total', header: say('councilFulfilmentTotal') },
  ];
  const rows = fulfilmentByKind(summary, DOCUMENT_LOCALE).map((row) => ({
    label: row.label,
    ...Object.fromEntries(levels.map((_level, i) => [`level:${i}`, row.cells[i]])),
    total: row.cells[levels.length],
  }));
  return { rows, columns };
}

