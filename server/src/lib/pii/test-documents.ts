import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';

/**
 * Small real documents with Chinese text, made here for the extraction tests
 * (no binary fixtures): PDFs written by hand, Word and Excel files by the same
 * libraries the exports use.
 */

function pdfFile(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const pdfStream = (s: string) => `<< /Length ${Buffer.byteLength(s, 'latin1')} >>\nstream\n${s}\nendstream`;
const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();
const descriptor = (name: string) =>
  `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>`;
const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>';

/** One line per entry; each entry is [x, text] pieces so a line can hold separate table cells. */
type PdfLine = string | [number, string][];
const pieces = (line: PdfLine): [number, string][] => (typeof line === 'string' ? [[40, line]] : line);

/**
 * A PDF as a subsetting word processor writes it: a Type0 font with its own glyph
 * numbers (Identity-H) and a ToUnicode map from glyphs to characters — the only
 * way the text can be read back.
 */
export function pdfWithToUnicode(lines: PdfLine[]): Buffer {
  const chars = [...new Set(lines.flatMap((l) => pieces(l).flatMap(([, s]) => [...s])))];
  const cid = (c: string) => chars.indexOf(c) + 1;
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars.map((c) => `<${hex4(cid(c))}> <${hex4(c.charCodeAt(0))}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const content = lines
    .flatMap((l, i) =>
      pieces(l).map(([x, s]) => `BT /F1 12 Tf ${x} ${760 - i * 20} Td <${[...s].map((c) => hex4(cid(c))).join('')}> Tj ET`),
    )
    .join('\n');
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    pdfStream(content),
    '<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSong /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
    pdfStream(cmap),
    descriptor('SubsetSong'),
  ]);
}

/**
 * A PDF with a non-embedded Chinese font in a predefined encoding (STSong-Light,
 * UniGB-UCS2-H), as older tools write it: no ToUnicode map, the text is read
 * through PDF.js's CMaps.
 */
export function pdfWithPredefinedCMap(lines: string[]): Buffer {
  const content = lines
    .map((l, i) => `BT /F1 12 Tf 40 ${760 - i * 20} Td <${[...l].map((c) => hex4(c.charCodeAt(0))).join('')}> Tj ET`)
    .join('\n');
  return pdfFile([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page,
    pdfStream(content),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>',
    descriptor('STSong-Light'),
  ]);
}

/** A Word document; each paragraph may be split into runs, as Word does with typed text. */
export async function docxWith(paragraphs: (string | string[])[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: paragraphs.map((p) => new Paragraph({ children: (Array.isArray(p) ? p : [p]).map((text) => new TextRun(text)) })),
        },
      ],
    }),
  );
}

/** A workbook with one sheet of rows (numbers stay numbers). */
export async function xlsxWith(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
