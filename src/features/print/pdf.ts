/**
 * The kit as a PDF drawn on the server with PDFKit: Noto Sans embedded (every Spanish character
 * renders), the QR code drawn as vector squares, one page per language. Text shrinks step by step
 * until each language fits on its page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocumentClass from 'pdfkit';
import type { Locale } from '../../config.ts';
import { formatPartialDate } from '../../web/i18n.ts';
import { translate } from '../../i18n/catalog.ts';
import type { Kit, KitPair } from './kit-data.ts';
import { qrMatrix, type QrMatrix } from './qr.ts';

/**
 * PDFKit and the fonts load on the first PDF, not at start: PDFKit is the heaviest package the
 * server uses (about 0.2 s to load) and most processes never draw a kit. The fonts resolve from
 * node_modules, both from the sources and from the bundle in dist/.
 */
interface DrawingTools {
  PDFDocument: typeof PDFDocumentClass;
  regular: Buffer;
  bold: Buffer;
}
let drawing: Promise<DrawingTools> | undefined;
function loadDrawing(): Promise<DrawingTools> {
  drawing ??= import('pdfkit').then(({ default: PDFDocument }) => {
    const require = createRequire(import.meta.url);
    const font = (weight: number) =>
      readFileSync(
        require.resolve(`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`),
      );
    return { PDFDocument, regular: font(400), bold: font(700) };
  });
  return drawing;
}

const MARGIN = 40; // about 14 mm
const QR_SIZE = 92;
const SCALES = [1, 0.93, 0.86, 0.8, 0.74, 0.68];

class Overflow extends Error {}

export interface PdfOptions {
  /** Deflate content streams (default true); tests may turn it off. */
  compress?: boolean;
}

/** Renders the kit with `first` on page 1 and the other language on page 2. */
export async function renderKitPdf(
  pair: KitPair,
  first: Locale,
  options: PdfOptions = {},
): Promise<Buffer> {
  const tools = await loadDrawing();
  const qr = { es: await qrMatrix(pair.es.url), en: await qrMatrix(pair.en.url) };
  for (const [n, scale] of SCALES.entries()) {
    try {
      return await draw(tools, pair, first, scale, options, n === SCALES.length - 1, qr);
    } catch (error) {
      if (!(error instanceof Overflow)) throw error;
    }
  }
  throw new Error('unreachable');
}

function draw(
  { PDFDocument, regular, bold }: DrawingTools,
  pair: KitPair,
  first: Locale,
  scale: number,
  options: PdfOptions,
  last: boolean,
  qr: Record<Locale, QrMatrix>,
): Promise<Buffer> {
  const second: Locale = first === 'es' ? 'en' : 'es';
  const lead = pair[first];
  const updated = new Date(`${lead.updatedOn}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    autoFirstPage: false,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: first === 'es' ? 'es-US' : 'en-US',
    displayTitle: true,
    info: {
      Title: translate(first, 'print.pdf_title', { title: lead.title }),
      Author: 'Igualdad',
      Subject: translate(first, 'print.pdf_subject'),
      CreationDate: updated,
      ModDate: updated,
    },
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    drawPage(doc, pair[first], scale, last, qr[first]);
    drawPage(doc, pair[second], scale, last, qr[second]);
  } catch (error) {
    doc.end();
    return done.then(() => Promise.reject(error));
  }
  doc.end();
  return done;
}

function drawPage(
  doc: PDFKit.PDFDocument,
  kit: Kit,
  scale: number,
  last: boolean,
  { size, dark }: QrMatrix,
) {
  const t = (key: string, values?: Record<string, string | number>) =>
    translate(kit.locale, key, values);
  const pagesBefore = doc.bufferedPageRange().count;
  doc.addPage();
  const width = doc.page.width - 2 * MARGIN;
  const footerTop = doc.page.height - MARGIN - 24;
  const s = (n: number) => n * scale;
  const unverified = ` [${t('verification.unverified')}]`;

  // QR code, top right, with its caption.
  const qrX = doc.page.width - MARGIN - QR_SIZE;
  const cell = QR_SIZE / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (dark(x, y)) doc.rect(qrX + x * cell, MARGIN + y * cell, cell, cell);
    }
  }
  doc.fillColor('#000').fill();
  doc
    .font('regular')
    .fontSize(7.5)
    .text(t('print.qr_caption'), qrX - 10, MARGIN + QR_SIZE + 4, {
      width: QR_SIZE + 10,
      align: 'center',
    });

  // Header: kicker, title, facts, all left of the QR code.
  const headWidth = width - QR_SIZE - 16;
  doc
    .font('bold')
    .fontSize(s(8.5))
    .fillColor('#333')
    .text(
      `${t('print.kicker')} · ${t(`classification.${kit.classification}`)}`.toUpperCase(),
      MARGIN,
      MARGIN,
      { width: headWidth, characterSpacing: 0.5 },
    );
  doc.moveDown(0.3);
  doc.fillColor('#000').font('bold').fontSize(s(18));
  doc.text(kit.title, { width: headWidth });
  if (kit.titleVerification === 'unverified') {
    doc.font('bold').fontSize(s(9.5)).text(unverified.trim(), { width: headWidth });
  }
  doc.moveDown(0.4);

  const fact = (label: string, value: string, verified?: boolean) => {
    doc.font('bold').fontSize(s(10)).text(`${label}: `, { width: headWidth, continued: true });
    doc.font('regular').text(value, { continued: verified === false });
    if (verified === false) doc.font('bold').text(unverified);
  };
  if (kit.identifiers.length) {
    fact(
      t('print.identifiers', { count: kit.identifiers.length }),
      kit.identifiers
        .map((i) => (i.verification === 'verified' ? i.text : `${i.text}${unverified}`))
        .join(' · '),
    );
  }
  fact(t('print.jurisdiction'), kit.body ? `${kit.jurisdiction} · ${kit.body}` : kit.jurisdiction);
  fact(t('print.status'), t(`status.${kit.status}`));
  if (kit.adopted) {
    fact(
      t('print.adopted'),
      formatPartialDate(kit.locale, kit.adopted.date),
      kit.adopted.verification === 'verified',
    );
  }
  doc.y = Math.max(doc.y, MARGIN + QR_SIZE + 24);

  const heading = (text: string) => {
    doc.moveDown(0.6);
    const y = doc.y;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    doc.y = y + 4;
    doc.font('bold').fontSize(s(12.5)).fillColor('#000').text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.2);
  };
  const body = { width, lineGap: s(1.5) };

  heading(t('print.summary'));
  doc.font('regular').fontSize(s(10.5)).text(kit.summary, MARGIN, doc.y, body);

  heading(t('print.provisions'));
  if (!kit.provisions.length) doc.font('regular').fontSize(s(10.5)).text(t('print.no_provisions'));
  for (const p of kit.provisions) {
    const unv = p.verification === 'unverified';
    doc
      .font('bold')
      .fontSize(s(10.5))
      .text(`•  ${t(`rubric.${p.category}`)}: `, MARGIN, doc.y, {
        ...body,
        continued: true,
      });
    doc.font('regular').text(p.text, { continued: unv });
    if (unv) doc.font('bold').text(unverified);
    doc.moveDown(0.25);
  }

  heading(t('print.talking_points'));
  if (!kit.talkingPoints.length) {
    doc.font('regular').fontSize(s(10.5)).text(t('print.no_talking_points'));
  }
  for (const p of kit.talkingPoints) {
    doc
      .font('regular')
      .fontSize(s(10.5))
      .text(`•  ${p.text} `, MARGIN, doc.y, {
        ...body,
        continued: true,
      });
    doc.fillColor('#333').text(`(${t(`audience.${p.audience}`)})`);
    doc.fillColor('#000').moveDown(0.25);
  }

  const overflowed = doc.bufferedPageRange().count !== pagesBefore + 1 || doc.y > footerTop - 6;
  if (overflowed && !last) throw new Overflow();

  // Footer, at the bottom of this page whatever the content height.
  const page = doc.bufferedPageRange().start + pagesBefore;
  doc.switchToPage(page);
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .moveTo(MARGIN, footerTop)
    .lineTo(MARGIN + width, footerTop)
    .lineWidth(0.5)
    .strokeColor('#999')
    .stroke();
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#333')
    .text(
      `${t('print.footer', { updated: formatPartialDate(kit.locale, kit.updatedOn) })} ${kit.url}`,
      MARGIN,
      footerTop + 6,
      { width, lineBreak: true },
    );
  doc.page.margins.bottom = bottom;
  doc.fillColor('#000');
}
