// Packs a docx `Document` whose body ends in more paragraphs than docx should hold at once.
//
// docx writes word/document.xml as one string, built by joining each element's XML into its
// parent's: the 12 million characters of a 1,000-plan council document were copied at every
// level of nesting, then encoded and deflated whole (about 110 MiB of RSS at the peak, on top
// of docx's two trees of every paragraph). Here docx packs the document without its last
// paragraphs; those come in batches, are written with docx's own components (so the XML is what
// docx would write) and deflated into the zip before the next batch is made.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { Packer, type Document, type IContext, type IXmlableObject, type Paragraph } from 'docx';
import { Zip, ZipDeflate, strToU8, unzipSync } from 'fflate';

const DOCUMENT_XML = 'word/document.xml';

/**
 * The .docx of `doc` with the paragraphs of `batches` added at the end of its body, in order.
 * `doc` must have a single section and be packed nowhere else: docx lays out a body once.
 * Between batches the event loop gets a turn, so a large document does not hold up the bot.
 */
export async function packWithBodyEnd(doc: Document, batches: Iterable<Paragraph[]>): Promise<Buffer> {
  const parts = unzipSync(await Packer.toBuffer(doc));
  const { head, tail } = splitAtBodyEnd(new TextDecoder().decode(parts[DOCUMENT_XML]));
  const numIds = listNumIds(doc);
  const context: IContext = { file: doc, viewWrapper: doc.Document, stack: [doc.Document.View, doc.Document.View.Body] };

  const zip = zipCollector();
  for (const [name, data] of Object.entries(parts)) {
    if (name !== DOCUMENT_XML) {
      zip.add(name).push(data, true);
      continue;
    }
    const documentXml = zip.add(name);
    documentXml.push(strToU8(head));
    for (const batch of batches) {
      documentXml.push(strToU8(withListNumIds(batch.map((p) => xmlOf(p.prepForXml(context))).join(''), numIds)));
      await nextTurn();
    }
    documentXml.push(strToU8(tail), true);
  }
  return zip.end();
}

/** The body's own section properties close it: a single-section body ends `<w:sectPr …>…</w:body>`. */
function splitAtBodyEnd(xml: string): { head: string; tail: string } {
  const at = xml.lastIndexOf('<w:sectPr');
  if (at < 0 || xml.indexOf('<w:sectPr') !== at) throw new Error('Expected a document.xml with one section');
  return { head: xml.slice(0, at), tail: xml.slice(at) };
}

/**
 * docx writes a list paragraph's numbering as a `{reference-instance}` placeholder and puts the
 * list's id in when it packs; the lists must be those the packed numbering.xml already holds.
 */
function listNumIds(doc: Document): Map<string, string> {
  return new Map(doc.Numbering.ConcreteNumbering.map((n) => [`${n.reference}-${n.instance}`, String(n.numId)]));
}

function withListNumIds(xml: string, numIds: Map<string, string>): string {
  // Only the attribute is replaced: officer text such as "{bullets-0}" is escaped text, never
  // preceded by the markup matched here.
  return xml.replace(/(<w:numId w:val=")\{([^{}"]+)\}"/g, (_m, open: string, key: string) => {
    const numId = numIds.get(key);
    if (numId === undefined) throw new Error(`A list the document's numbering does not hold: ${key}`);
    return `${open}${numId}"`;
  });
}

// ── docx's object form of XML, written as text ────────────────────────────────────────────────
// The same rules as docx's own writer (those of the `xml` package, without indentation), so
// that a paragraph is written byte for byte as docx would write it; pieces are collected in one
// array and joined once, instead of a string per element.

function xmlOf(object: IXmlableObject | undefined): string {
  const out: string[] = [];
  if (object) writeElement(object, out);
  return out.join('');
}

type Content = string | IXmlableObject;

function writeElement(object: IXmlableObject, out: string[]): void {
  const name = Object.keys(object)[0] as string | undefined;
  if (name === undefined) return;
  const { attributes, content } = partsOf(object[name]);
  out.push(`<${name}${attributes}`);
  if (content.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of content) {
    if (typeof child === 'string') out.push(child);
    else writeElement(child, out);
  }
  out.push(`</${name}>`);
}

/**
 * An element's attributes and content, quirks included: an array holds `{ _attr }` objects,
 * child elements and text; text replaces what came before it, and an array without text is
 * written with an end tag even when it holds only attributes.
 */
function partsOf(value: unknown): { attributes: string; content: Content[] } {
  let attributes = '';
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, v] of Object.entries(attr)) attributes += ` ${key}="${String(escapeValue(v))}"`;
  };
  if (typeof value !== 'object') return { attributes, content: [String(escapeValue(value) ?? '')] };
  if (value === null) return { attributes, content: [] };
  const { _attr, _cdata } = value as { _attr?: Record<string, unknown>; _cdata?: string };
  const content: Content[] = [];
  if (_attr) addAttributes(_attr);
  if (_cdata) content.push(`<![CDATA[${_cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
  if (Array.isArray(value)) {
    let text = false;
    content.push('');
    for (const item of value) {
      if (typeof item !== 'object') {
        content.splice(-1, 1, String(escapeValue(item)));
        text = true;
      } else if (Object.keys(item)[0] === '_attr') addAttributes(item._attr);
      else content.push(item);
    }
    if (!text) content.push('');
  }
  return { attributes, content };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text and attribute values alike: markup characters escaped, characters XML cannot carry dropped. */
function escapeValue(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '') : value;
}

// ── The zip, written as it goes ───────────────────────────────────────────────────────────────

function zipCollector(): { add(name: string): ZipDeflate; end(): Buffer } {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  return {
    add(name) {
      const file = new ZipDeflate(name);
      zip.add(file);
      return file;
    },
    end() {
      zip.end();
      if (failure) throw failure;
      return Buffer.concat(chunks);
    },
  };
}
