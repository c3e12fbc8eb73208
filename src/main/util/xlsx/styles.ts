// The fixed styles.xml every workbook from the xlsx writer shares, and the cell style ids (cellXfs indexes)
// that name its entries: plain, title, header, text/money/integer/units data cells, and their bold totals
// variants. A small fixed table means no per-cell style objects and no style lookups while writing.

/** Number formats: built-in ids where Excel has one (4 = #,##0.00, 1 = 0, 10 = 0.00%), custom ids from 164. */
export const MONEY_FORMAT = '#,##0.00';
export const UNITS_FORMAT = '#,##0.######';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** Cell style ids (the s attribute). */
export const Style = {
  plain: 0,
  title: 1,
  header: 2,
  text: 3,
  money: 4,
  int: 5,
  units: 6,
  totalText: 7,
  totalMoney: 8,
  totalInt: 9,
  totalUnits: 10,
  /** A serial day number (see writer.ts: Date cells, or a caller's own serials) shown as yyyy-mm-dd. */
  date: 11,
  /** 0.00% (built-in 10). */
  percent: 12,
} as const;
export type StyleId = (typeof Style)[keyof typeof Style];

// fonts: 0 regular 11, 1 bold 14 (title), 2 bold 11. fills: 0 none, 1 gray125 (both required by Excel),
// 2 the header's light blue. borders: 0 none, 1 thin bottom, 2 thin top.
const XFS: string[] = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="2" xfId="0" applyFont="1" applyBorder="1"/>',
  '<xf numFmtId="4" fontId="2" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>',
  '<xf numFmtId="1" fontId="2" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>',
  '<xf numFmtId="164" fontId="2" fillId="0" borderId="2" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>',
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
];

const FONT = (extra: string, size: number) =>
  `<font>${extra}<sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`;

// No theme part is written, so fonts and colours name their values rather than theme slots.
export const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="${UNITS_FORMAT}"/><numFmt numFmtId="165" formatCode="${DATE_FORMAT}"/></numFmts>` +
  `<fonts count="3">${FONT('', 11)}${FONT('<b/>', 14)}${FONT('<b/>', 11)}</fonts>` +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border>' +
  '<border><left/><right/><top style="thin"><color indexed="64"/></top><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${XFS.length}">${XFS.join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '</styleSheet>';
