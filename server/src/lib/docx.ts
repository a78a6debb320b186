import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TableCell,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';

/**
 * The building blocks of every Word document the platform writes, set as
 * Chinese official documents are: 宋体 body (Times New Roman for Latin letters
 * and digits), 黑体 headings, A4 portrait with Word's default Chinese margins,
 * page numbers in the footer.
 */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '宋体' };
export const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '黑体' };
/** Half-points: 小四 body, 四号 headings, 小二 titles, 五号 tables. */
export const SIZE = { table: 21, body: 24, heading: 28, title: 36 };

export const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, font: BODY_FONT, size: SIZE.body, ...options });

export function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: HEADING_FONT, size: SIZE.heading, bold: true, color: '000000' })],
  });
}

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: line, bottom: line, left: line, right: line };

/** A bordered table cell; each line of the text is a paragraph. Width in percent. */
export function cell(
  text: string,
  options: { bold?: boolean; width?: number; shade?: boolean; span?: number; size?: number } = {},
): TableCell {
  return new TableCell({
    borders,
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    ...(options.shade ? { shading: { fill: 'F2F2F2', type: 'clear', color: 'auto' } } : {}),
    ...(options.span ? { columnSpan: options.span } : {}),
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: text
      .split(/\r?\n/)
      .map((t) => new Paragraph({ children: [run(t, { bold: options.bold ?? false, ...(options.size ? { size: options.size } : {}) })] })),
  });
}

/** An A4 document with the page number ("第 n 页 共 m 页", after `footerPrefix`) in every footer. */
export function a4Document({
  title,
  footerPrefix = '',
  children,
}: {
  title: string;
  footerPrefix?: string;
  children: FileChild[];
}): Promise<Buffer> {
  const doc = new Document({
    creator: '永助',
    title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          // A4 portrait in twips, margins 2.54 cm / 3.17 cm as Word's default Chinese layout.
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1800, right: 1800 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: BODY_FONT,
                    size: 18,
                    children: [`${footerPrefix}第 `, PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
