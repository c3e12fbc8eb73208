// The small fixed-shape parts of an .xlsx package (content types, relationships, workbook.xml with the
// sheet list and print-title defined names, document properties) and the text helpers every part uses:
// XML escaping that drops the control characters XML 1.0 forbids, and column letters.

/** Characters needing work: markup, and the C0 controls other than tab, LF and CR (illegal in XML 1.0). */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const SPECIAL_G = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for element content and attribute values; XML-illegal characters are removed. */
export function xmlText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(SPECIAL_G, (c) => ENTITY[c] ?? '');
}

const letters: string[] = [];

/** 0 → A, 25 → Z, 26 → AA. */
export function colLetter(i: number): string {
  let s = letters[i];
  if (s === undefined) {
    s = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    letters[i] = s;
  }
  return s;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export interface SheetEntry {
  name: string;
  /** 1-based rows repeated at the top of each printed page. */
  titleRows?: [number, number];
}

export function contentTypesXml(sheets: number): string {
  let s =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`;
  for (let i = 1; i <= sheets; i++)
    s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`;
  return (
    s +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>` +
    '</Types>'
  );
}

export const ROOT_RELS_XML =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${NS_R}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

export function workbookRelsXml(sheets: number): string {
  let s = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`;
  for (let i = 1; i <= sheets; i++)
    s += `<Relationship Id="rId${i}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  return (
    s + `<Relationship Id="rId${sheets + 1}" Type="${NS_R}/styles" Target="styles.xml"/></Relationships>`
  );
}

/** A sheet name as a formula reference: always quoted, quotes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

export function workbookXml(sheets: SheetEntry[]): string {
  let s =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>';
  sheets.forEach((sh, i) => {
    s += `<sheet name="${xmlText(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
  });
  s += '</sheets>';
  const titles = sheets.map((sh, i) => [sh, i] as const).filter(([sh]) => sh.titleRows);
  if (titles.length) {
    s += '<definedNames>';
    for (const [sh, i] of titles) {
      const [a, b] = sh.titleRows!;
      s += `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(sheetRef(sh.name))}!$${a}:$${b}</definedName>`;
    }
    s += '</definedNames>';
  }
  // The cached results are exact; a full recalculation on load would only reproduce them.
  return s + '<calcPr calcId="191029"/></workbook>';
}

export function coreXml(creator: string, created: Date): string {
  const at = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`
  );
}

export const APP_XML =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>FAMS</Application>' +
  '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop></Properties>';

export { XML_HEAD, NS_MAIN, NS_R };
