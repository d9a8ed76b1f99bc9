// นำเข้าข้อมูลและส่งออก Excel: the import wizard (1 choose the file and what it holds → 2 see how
// its columns were read → 3 see what it would create, or every mistake with its row and column
// → 4 confirm, all or nothing), what was brought in from the paper books, the import
// template, and the spreadsheets out (registers, reports, the district summary).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm, clearErrors, showErrors } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { showSaved } from '../lib/saved.js';

const KINDS = [
  ['members', 'ทะเบียนสมาชิก'],
  ['opening', 'ยอดยกมาของสมาชิก (เงินสัจจะ เงินฝาก ค่าปรับค้าง)'],
  ['loans', 'เงินกู้ที่ยังผ่อนอยู่'],
  ['funds', 'ยอดยกมาของทุนและเงินของกลุ่ม'],
];

const EXPORTS = [
  ['members', 'ทะเบียนสมาชิก', ''],
  ['register', 'ทะเบียนคุมเงินสัจจะ', 'year'],
  ['cashbook', 'สมุดเงินสด', 'month'],
  ['loans', 'ทะเบียนเงินกู้', ''],
  ['loan-cards', 'บัตรเงินกู้ทุกสัญญา', ''],
  ['arrears', 'ลูกหนี้ค้างชำระ', 'month'],
  ['fund-report', 'รายงานฐานะการเงินประจำเดือน', 'month'],
  ['yearend', 'งบการเงินประจำปีและทะเบียนปันผล', 'year'],
];

let last = { kind: 'members', file: '', sheet: '', date: '' };

function opening(v) {
  if (!v.date) return html`<p class="muted" id="opening-none">ยังไม่ได้นำเข้ายอดยกมา</p>`;
  return html`<p id="opening-summary">ยอดยกมา ณ วันที่ ${thaiDate(v.date)} · สมาชิก ${v.members.length} คน
    · เงินสัจจะ ${baht(v.totals.sajja)} · เงินฝาก ${baht(v.totals.deposits)} · เงินกู้ ${v.loans.length} สัญญา
    คงเหลือ ${baht(v.totals.loans)} ·
    ${v.balanced ? html`<span class="ok">ลงตัว</span>` : html`<span class="bad">ยังไม่ลงตัว ต่างกัน ${baht(v.difference)}</span>`}</p>`;
}

function report(r) {
  const columns = html`<section id="import-columns"><h3>2. คอลัมน์ที่อ่านได้${r.sheet ? html` (แผ่นงาน ${r.sheet})` : ''}</h3>
    <table class="plain"><thead><tr><th>หัวคอลัมน์ในไฟล์</th><th>อ่านเป็น</th></tr></thead>
    <tbody>${r.columns.map((c) => html`<tr><td>${c.header}</td><td>${c.label}</td></tr>`)}</tbody></table>
    ${r.unknown_columns.length ? html`<p class="muted" id="import-unknown">คอลัมน์ที่ไม่ได้ใช้: ${r.unknown_columns.join(', ')}</p>` : ''}</section>`;
  if (r.errors.length) {
    return html`${columns}<section id="import-errors" role="alert"><h3>3. พบข้อผิดพลาด ${r.errors.length} แห่ง — ยังไม่ได้นำเข้าสิ่งใด</h3>
      <table class="plain errors"><thead><tr><th class="num">แถว</th><th>คอลัมน์</th><th>ที่ผิดและที่ต้องใส่</th></tr></thead>
      <tbody>${r.errors.map((e) => html`<tr><td class="num">${e.row || '–'}</td><td>${columnName(r, e.column)}</td><td>${e.message}</td></tr>`)}</tbody></table>
      <p>แก้ไฟล์แล้วกด "ตรวจไฟล์" อีกครั้ง</p></section>`;
  }
  return html`${columns}<section id="import-preview"><h3>3. สิ่งที่จะนำเข้า (${r.rows} แถว)${r.date ? html` ณ วันยกยอด ${thaiDate(r.date)}` : ''}</h3>
    <ol class="preview-lines">${r.lines.slice(0, 200).map((l) => html`<li><span class="muted">แถว ${l.row}</span> ${l.text}</li>`)}</ol>
    ${r.lines.length > 200 ? html`<p class="muted">… และอีก ${r.lines.length - 200} แถว</p>` : ''}
    ${r.totals.map((t) => html`<p class="strong">${t.label} ${baht(t.amount)} บาท</p>`)}
    ${r.committed
      ? html`<p class="ok" id="import-done">นำเข้าแล้ว</p>`
      : html`<p><button type="button" id="import-confirm" class="primary">4. ยืนยันนำเข้า</button>
          <span class="muted small">นำเข้าทั้งหมดหรือไม่นำเข้าเลย</span></p>`}</section>`;
}

export async function show(el, ctx) {
  const thisMonth = String(ctx.status.today || '').slice(0, 7);
  render(
    el,
    html`<div class="screen-head"><h1>นำเข้าข้อมูลและส่งออก Excel</h1></div>
      <section><h2>ยอดยกมาจากสมุดเดิม</h2><div id="opening-view"></div>
        <p><a class="button" href="#/opening" id="opening-by-hand">พิมพ์ยอดยกมาเอง (ไม่มีไฟล์ Excel)</a>
          <span class="muted small">วันยกยอด ทุนของกลุ่ม เงินสัจจะ เงินฝาก ค่าปรับค้างของสมาชิก และเงินกู้ที่ยังผ่อนอยู่</span></p></section>
      <form id="import-form" novalidate>
        ${errorSummary}
        <h2>นำเข้าจาก Excel หรือ CSV</h2>
        <p class="muted small">ลำดับ: ทะเบียนสมาชิก → ยอดยกมาของสมาชิก → เงินกู้ → ยอดยกมาของทุน ·
          <button type="button" id="import-template" class="link">เขียนแบบฟอร์มนำเข้า (Excel)</button></p>
          <div id="template-path"></div>
        <h3>1. เลือกไฟล์</h3>
        ${selectField({ name: 'kind', label: 'ข้อมูลในไฟล์', options: KINDS, value: last.kind })}
        <div class="field-row">
          ${field({ name: 'file', label: 'ไฟล์ (.xlsx หรือ .csv)', value: last.file, width: 'wide', attrs: { id: 'import-file' } })}
          <button type="button" id="import-pick">เลือกไฟล์…</button>
        </div>
        ${field({ name: 'sheet', label: 'แผ่นงาน', value: last.sheet, hint: 'เว้นว่าง = แผ่นงานตามแบบฟอร์ม หรือแผ่นแรก', attrs: { id: 'import-sheet' } })}
        ${field({ name: 'date', label: 'วันยกยอด (วันแรกที่บันทึกในโปรแกรม)', value: last.date, hint: 'เว้นว่าง = วันที่ตั้งไว้แล้ว หรือวันที่ 1 ของเดือนนี้', date: true, attrs: { id: 'import-date' } })}
        <button type="submit" id="import-check">ตรวจไฟล์</button>
      </form>
      <div id="import-view"></div>
      <section id="exports"><h2>ส่งออกเป็น Excel</h2>
        <div class="field-row">
          ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: String(Number(thisMonth.slice(0, 4)) + 543 || ''), attrs: { id: 'export-year' } })}
          ${field({ name: 'month', label: 'เดือน', value: thisMonth ? `${Number(thisMonth.slice(0, 4)) + 543}-${thisMonth.slice(5)}` : '', attrs: { id: 'export-month' } })}
        </div>
        <p>${EXPORTS.map(([r, label]) => html`<button type="button" class="export" data-report="${r}">${label}</button> `)}</p>
        <h3>สรุปส่งอำเภอ</h3>
        <p><button type="button" class="export" data-report="district" data-format="xlsx">รายเดือน (Excel)</button>
          <button type="button" class="export" data-report="district" data-format="csv">รายเดือน (CSV)</button>
          <button type="button" class="export" data-report="district" data-format="xlsx" data-by="year">รายปี (Excel)</button></p>
        <div id="export-result" role="status"></div>
      </section>`,
  );
  const form = el.querySelector('#import-form');
  const view = el.querySelector('#import-view');

  async function drawOpening() {
    try {
      render(el.querySelector('#opening-view'), opening(await api.openingShow()));
    } catch (e) {
      render(el.querySelector('#opening-view'), html`<p class="bad">${e.message}</p>`);
    }
  }
  drawOpening();

  bindForm(form, async (v) => {
    last = { kind: v.kind, file: v.file, sheet: v.sheet, date: v.date };
    if (!v.file.trim()) throw { field: 'file', message: 'เลือกไฟล์ที่จะนำเข้าก่อน' };
    const r = await api.importPreview(v.kind, v.file, v.sheet, v.date);
    render(view, report(r));
    // The result is below the form: bring it into sight (the mistakes, or the preview whose
    // confirm button takes the focus below).
    view.querySelector('#import-errors, #import-preview')?.scrollIntoView({ block: 'start' });
    const confirm = view.querySelector('#import-confirm');
    if (confirm) {
      confirm.focus();
      confirm.addEventListener('click', async () => {
        clearErrors(form);
        try {
          const done = await api.importConfirm(v.kind, v.file, v.sheet, v.date);
          render(view, report(done));
          drawOpening();
        } catch (e) {
          showErrors(form, [e]);
        }
      });
    }
  });

  el.querySelector('#import-pick').addEventListener('click', async () => {
    const path = await api.importPickFile();
    if (path) el.querySelector('#import-file').value = path;
  });
  el.querySelector('#import-template').addEventListener('click', async () => {
    showSaved(el.querySelector('#template-path'), await api.importTemplate(), 'บันทึกแบบฟอร์มนำเข้าแล้ว');
  });
  for (const b of el.querySelectorAll('button.export')) {
    b.addEventListener('click', async () => {
      const out = el.querySelector('#export-result');
      const year = el.querySelector('#export-year').value;
      const month = el.querySelector('#export-month').value;
      const spec = EXPORTS.find((x) => x[0] === b.dataset.report);
      const by = b.dataset.by || (spec ? spec[2] : 'month');
      try {
        const w = await api.exportReport(b.dataset.report, {
          year: by === 'year' ? year : '',
          month: by === 'month' ? month : '',
          format: b.dataset.format || 'xlsx',
        });
        showSaved(out, w, `บันทึก${spec ? spec[1] : 'สรุปส่งอำเภอ'}แล้ว ${w.rows} แถว`);
      } catch (e) {
        render(out, html`<span class="bad">${e.message}</span>`);
      }
    });
  }
}

// A mistake's column as the treasurer's own sheet heads it, with the template's Thai name when
// the sheet uses another (an English header), never the program's field key alone.
function columnName(r, field) {
  const c = r.columns.find((x) => x.field === field);
  if (!c) return field;
  return c.header === c.label ? c.header : `${c.header} (${c.label})`;
}
