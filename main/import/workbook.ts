import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/domain/app-error.js';
import { cellText } from './cell-text.js';
import { isBlankRecord } from './csv-parser.js';

/** `PK\x03\x04`: a zip archive, which is what an .xlsx is. */
export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The OLE2 signature of an old binary .xls (Excel 97–2003). */
export function isOldExcel(head: Buffer): boolean {
  return head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1;
}

/** One worksheet read as rows of text (as Excel shows them) with their Excel row numbers. */
export type SheetRows = { sheets: string[]; sheet: string; rows: string[][]; lines: number[] };

type StreamCell = { value: unknown; numFmt?: string; col: number };
type StreamRow = { number: number; eachCell(opts: { includeEmpty: boolean }, fn: (cell: StreamCell, col: number) => void): void };
type StreamSheet = AsyncIterable<StreamRow> & { name?: string };

/**
 * Reads one worksheet of an .xlsx with exceljs's streaming reader (the zip is read once, shared strings
 * and styles cached, other sheets skipped): the named sheet, else the first. Blank rows are dropped;
 * every cell is the text Excel shows (`cell-text.ts`).
 */
export async function readSheet(filePath: string, wanted: string | undefined): Promise<SheetRows> {
  const file = path.basename(filePath);
  const sheets: string[] = [];
  let chosen: { name: string; rows: string[][]; lines: number[] } | undefined;
  try {
    // Loaded here, not at the top: exceljs is heavy and most commands (and CSV imports) never need it.
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(filePath), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const ws of reader as unknown as AsyncIterable<StreamSheet>) {
      const name = ws.name ?? `Sheet${sheets.length + 1}`;
      sheets.push(name);
      if (chosen || (wanted !== undefined && name !== wanted)) {
        // Read through unused sheets too: exceljs may have spooled one to a temporary file that it
        // deletes as soon as we move on, and a stream left unread would then fail on its own.
        for await (const row of ws) void row;
        continue;
      }
      const rows: string[][] = [];
      const lines: number[] = [];
      for await (const row of ws) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        if (isBlankRecord(cells)) continue;
        rows.push(cells);
        lines.push(row.number);
      }
      chosen = { name, rows, lines };
    }
  } catch (err) {
    if (err instanceof AppFailure) throw err;
    throw new AppFailure('workbook_unreadable', { file, reason: err instanceof Error ? err.message.slice(0, 200) : String(err) });
  }
  if (!chosen) {
    if (sheets.length === 0) throw new AppFailure('workbook_unreadable', { file, reason: 'no worksheet' });
    throw new AppFailure('workbook_sheet_unknown', { file, sheet: wanted ?? '', sheets: sheets.map((s) => `„${s}“`).join(', ') });
  }
  return { sheets, sheet: chosen.name, rows: chosen.rows, lines: chosen.lines };
}
