import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../helpers/core';
import { layoutLabel } from '../../src/main/modules/labels/layout';
import type { LabelPrintResult } from '../../src/main/modules/labels/contract';
import { decodeCodes, makeAssets, pdfFonts, pdfToPngs, requireTools, waitJob } from './labels-helpers';

let t: TestCore;
beforeAll(() => requireTools());
beforeEach(() => {
  t = startTestCore();
});
afterEach(async () => {
  await t.close();
});

describe('label templates', () => {
  it('seeds one template per preset on first use, the 50×30 thermal one as default', () => {
    const list = t.call(t.adminToken, 'labels.templates.list', {});
    expect(list.map((x) => x.preset)).toEqual([
      'thermal-50x30',
      'thermal-40x30',
      'thermal-70x40',
      'a4-3x8',
      'a4-4x10',
      'a4-2x7',
    ]);
    expect(list.filter((x) => x.isDefault).map((x) => x.preset)).toEqual(['thermal-50x30']);
    expect(list.find((x) => x.preset === 'a4-4x10')!.definition.sheet).toMatchObject({ cols: 4, rows: 10 });
    // Deleting every non-default seeded template does not bring them back.
    for (const x of list.filter((y) => !y.isDefault))
      t.call(t.adminToken, 'labels.templates.delete', { id: x.id, version: x.version });
    expect(t.call(t.adminToken, 'labels.templates.list', {})).toHaveLength(1);
  });

  it('create, update with optimistic locking, default switch, delete', () => {
    const def = t.call(t.adminToken, 'labels.templates.list', {})[0]!;
    const created = t.call(t.adminToken, 'labels.templates.create', {
      name: '小标签',
      preset: 'custom',
      definition: {
        widthMm: 30,
        heightMm: 15,
        dpi: 300,
        elements: [{ kind: 'qr', x: 1, y: 1, size: 13, field: 'assetCode' }],
      },
    });
    expect(created).toMatchObject({ name: '小标签', isDefault: false, version: 1 });
    expect(created.definition.printer.zplFont).toBe('E:SIMSUN.TTF');
    expect(
      t.raw(t.adminToken, 'labels.templates.create', { name: '小标签', definition: created.definition }),
    ).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE' },
    });

    const upd = t.call(t.adminToken, 'labels.templates.update', {
      id: created.id,
      version: 1,
      name: '小标签 30×15',
      isDefault: true,
    });
    expect(upd).toMatchObject({ version: 2, isDefault: true, name: '小标签 30×15' });
    expect(t.call(t.adminToken, 'labels.templates.get', { id: def.id }).isDefault).toBe(false);
    const stale = t.raw(t.adminToken, 'labels.templates.update', { id: created.id, version: 1, name: 'x' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    expect(t.raw(t.adminToken, 'labels.templates.delete', { id: created.id, version: 2 })).toMatchObject({
      ok: false,
      error: { code: 'IN_USE' },
    });
    const d = t.call(t.adminToken, 'labels.templates.get', { id: def.id });
    t.call(t.adminToken, 'labels.templates.delete', { id: d.id, version: d.version });
    expect(t.raw(t.adminToken, 'labels.templates.get', { id: d.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const audit = t.call(t.adminToken, 'audit.list', { action: 'labels.templates.update' });
    expect(audit.total).toBe(1);
  });

  it('refuses a sheet that does not fit the page, with an i18n key', () => {
    const r = t.raw(t.adminToken, 'labels.templates.create', {
      name: 'bad',
      definition: {
        widthMm: 70,
        heightMm: 37,
        sheet: { cols: 4, rows: 8, marginLeftMm: 0, marginTopMm: 0, pitchXMm: 70, pitchYMm: 37 },
        elements: [],
      },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(r)).toContain('validation.labels.sheetTooWide');
  });

  it('clerks print but do not design', () => {
    t.call(t.adminToken, 'users.create', {
      username: 'clerk1',
      password: 'clerk-pass-1',
      displayName: '文员',
      roles: ['clerk'],
      mustChangePassword: false,
    });
    const clerk = t.login('clerk1', 'clerk-pass-1');
    const [tpl] = t.call(clerk, 'labels.templates.list', {});
    expect(
      t.raw(clerk, 'labels.templates.update', { id: tpl!.id, version: tpl!.version, name: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const [a] = makeAssets(t, ['测试资产']);
    expect(t.raw(clerk, 'labels.render', { assetIds: [a!.id] }).ok).toBe(true);
  });
});

describe('labels.preview', () => {
  it('returns the same primitives the printer gets, and an SVG of them', () => {
    const [a] = makeAssets(t);
    const tpl = t.call(t.adminToken, 'labels.templates.list', {})[0]!;
    const p = t.call(t.adminToken, 'labels.preview', { templateId: tpl.id, assetId: a!.id });
    const data = {
      assetCode: a!.assetCode,
      name: a!.name,
      departmentName: '信息技术部',
      companyName: '我的公司',
    };
    expect(p.primitives).toEqual(layoutLabel(tpl.definition, data).primitives);
    expect(p.svg).toContain('<svg');
    expect(p.svg).toContain('联想笔记本电脑');
    expect(p.svg).toContain('textLength=');
    // An unsaved definition from the designer, with sample data.
    const draft = t.call(t.adminToken, 'labels.preview', {
      definition: {
        widthMm: 40,
        heightMm: 20,
        elements: [{ kind: 'text', x: 1, y: 1, w: 38, field: 'name' }],
      },
    });
    expect(draft.primitives).toHaveLength(1);
    expect(draft.svg).toContain('联想笔记本电脑');
  });
});

describe('PDF labels decode back to the asset codes', () => {
  it('thermal 50×30: every QR and Code 128 decodes, the CJK font is embedded', () => {
    const assets = makeAssets(t);
    const r = t.call(t.adminToken, 'labels.render', { assetIds: assets.map((a) => a.id) });
    expect(r).toMatchObject({ labels: 4, pages: 4, warnings: [] });
    const pdf = Buffer.from(r.pdf, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts).toMatch(/WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    // Subset embedding keeps the file small despite a 5 MB font.
    expect(pdf.length).toBeLessThan(200_000);
    const pages = pdfToPngs(pdf);
    expect(pages).toHaveLength(4);
    pages.forEach((png, i) => {
      const codes = decodeCodes(png).sort();
      expect(codes).toEqual([`CODE-128:${assets[i]!.assetCode}`, `QR-Code:${assets[i]!.assetCode}`]);
    });
  });

  it('A4 3×8 sheet from position 23: two labels on the first sheet, the rest on the next, all decode', () => {
    const assets = makeAssets(t);
    const tpl = t.call(t.adminToken, 'labels.templates.list', {}).find((x) => x.preset === 'a4-3x8')!;
    const r = t.call(t.adminToken, 'labels.render', {
      assetIds: assets.map((a) => a.id),
      templateId: tpl.id,
      startPosition: 23,
    });
    expect(r).toMatchObject({ labels: 4, pages: 2 });
    const pages = pdfToPngs(Buffer.from(r.pdf, 'base64'));
    const codes = pages.map((p) => decodeCodes(p).sort());
    const expectOn = (i: number[]) =>
      i.flatMap((k) => [`CODE-128:${assets[k]!.assetCode}`, `QR-Code:${assets[k]!.assetCode}`]).sort();
    expect(codes[0]).toEqual(expectOn([0, 1]));
    expect(codes[1]).toEqual(expectOn([2, 3]));
  });

  it('labels.print as a PDF job: progress to done, PDF in the result, recorded in the history', async () => {
    const assets = makeAssets(t);
    const { jobId, printId } = t.call(t.adminToken, 'labels.print', {
      assetIds: assets.map((a) => a.id),
      copies: 2,
    });
    const job = await waitJob(t, t.adminToken, jobId);
    expect(job.status).toBe('done');
    const res = job.result as LabelPrintResult;
    expect(res).toMatchObject({ printId, output: 'pdf', labels: 8 });
    const pages = pdfToPngs(Buffer.from(res.pdf!, 'base64'), 150);
    expect(pages).toHaveLength(8);
    const hist = t.call(t.adminToken, 'labels.history', {});
    expect(hist[0]).toMatchObject({
      id: printId,
      status: 'done',
      output: 'pdf',
      copies: 2,
      assetCount: 4,
      username: 'admin',
    });
    expect(hist[0]!.assetIds).toEqual(assets.map((a) => a.id));
    expect(t.call(t.adminToken, 'labels.history', { assetId: assets[2]!.id })).toHaveLength(1);
    expect(t.call(t.adminToken, 'labels.history', { assetId: 999999 })).toHaveLength(0);
  });

  it('a deleted or unknown asset is NOT_FOUND, not a blank label', () => {
    expect(t.raw(t.adminToken, 'labels.render', { assetIds: [424242] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', params: { entity: 'asset', id: '424242' } },
    });
  });
});
