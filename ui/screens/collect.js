// วันรับเงิน: the collection sheet. One row per member, filled with what is due on the day.
// Type the member's number or name, Enter: the row opens with the amounts due; Enter moves
// through สัจจะ → เงินฝาก → ถอน → ค่าธรรมเนียม → ค่าปรับ → รายได้อื่น → ส่งเงินกู้ (→ ค่าสินค้า,
// goods bought on credit, when the group runs a business) and posts the
// row at the end (or F2 at any point). The whole row posts or nothing does; its receipt number
// appears in the row. The day's totals stay at the bottom of the sheet; below it are the
// day's receipts (F9 reverses one) and the cash count (F8).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { MONTHS_SHORT, thaiDateLong, todayTyped, workDateTyped, typedDate } from '../lib/format.js';
import { dateInOpenMonth } from '../lib/month-check.js';
import { field, errorSummary, bindForm, clearErrors, showErrors } from '../lib/form.js';
import { baht, bahtOrBlank, difference, fromSatang, isNegative, isZero, orWord, satang, signed, typedAmount, unsigned } from '../lib/money.js';
import { reverseEntry, askAndReverse } from '../lib/reverse.js';
import { toArabicDigits } from '../lib/digits.js';
import { arrowsAlong } from '../lib/arrows.js';

// The amount columns of a row: [core field, heading, which due figure fills it].
const BASE_COLUMNS = [
  ['sajja', 'สัจจะ', 'sajja'],
  ['deposit', 'เงินฝาก', null],
  ['withdraw', 'ถอน', null],
  ['fee', 'ค่าธรรมเนียม', 'fee'],
  ['fine', 'ค่าปรับ', 'fines'],
  ['other', 'รายได้อื่น', null],
  ['loan_payment', 'ส่งเงินกู้', 'loan'],
];
// Goods bought on credit from the group's businesses: a column only for a group that runs one.
const GOODS_COLUMN = ['goods', 'ค่าสินค้า', 'goods'];
// The day's totals under each amount column (fields of the core's DaySummary).
const BASE_TOTALS = ['sajja', 'deposits', 'withdrawals', 'fees', 'fines', 'other', 'loan_payments'];
const LABEL = Object.fromEntries([...BASE_COLUMNS, GOODS_COLUMN].map(([f, l]) => [f, l]));
let COLUMNS = BASE_COLUMNS;
let DAY_TOTALS = BASE_TOTALS;
// Drawing thousands of rows on every keystroke would make typing lag.
const SHOW_AT_MOST = 300;

let lastDate = null; // the collection date ("YYYY-MM-DD") kept while the app runs
let visited = false; // the first visit starts at the date, to confirm it

// "2026-09" -> "ก.ย. 69"
function shortMonth(ym) {
  const [y, m] = ym.split('-').map(Number);
  return `${MONTHS_SHORT[m - 1]} ${String(y + 543).slice(2)}`;
}

export async function show(el, ctx) {
  const goods = (await api.businesses()).length > 0;
  COLUMNS = goods ? [...BASE_COLUMNS, GOODS_COLUMN] : BASE_COLUMNS;
  DAY_TOTALS = goods ? [...BASE_TOTALS, 'goods'] : BASE_TOTALS;
  const state = {
    date: lastDate, // ISO date of the sheet
    rows: [], // DueRow[] in member order
    byNumber: new Map(),
    day: null, // DayTotals (the core's running totals of the day)
    receipts: [], // DayLine[] of the day, in order
    byMember: new Map(), // member number -> their DayLine[]
    counts: [], // the day's cash counts
    lastSeq: 0, // the journal's last sequence number seen: receipts after it are new
    editing: null, // member number of the open row
    busy: false,
    loading: null, // the sheet being loaded, if any
    filter: '',
  };

  render(
    el,
    html`<div class="screen-head collect-head">
        <h1>วันรับเงิน <span class="day-title" id="day-title"></span></h1>
        <button type="button" data-key="F6" id="go-date"><kbd>F6</kbd>เปลี่ยนวันที่</button>
        <button type="button" data-key="F8" id="go-count"><kbd>F8</kbd>นับเงินสด</button>
        <button type="button" class="danger-outline" id="go-reverse">ยกเลิกใบเสร็จ…</button>
      </div>
      <div id="sheet-area">
        ${errorSummary}
        <div class="sheet-tools">
          ${field({ name: 'date', date: true, label: 'วันที่รับเงิน', value: state.date ? typedDate(state.date) : workDateTyped(), width: 'tool-date', attrs: { id: 'collect-date' } })}
          ${field({ name: 'member', label: 'เลขที่หรือชื่อสมาชิก', width: 'tool-find', attrs: { id: 'collect-find', type: 'search', placeholder: 'พิมพ์เลขที่หรือชื่อ แล้วกด Enter' } })}
          <div class="tool-buttons">
            <button type="button" class="primary" data-key="F2" id="post-row" disabled><kbd>F2</kbd>บันทึกแถว</button>
            <button type="button" class="quiet" id="cancel-row" disabled><kbd>Esc</kbd>ไม่บันทึกแถว</button>
          </div>
        </div>
        <p class="muted small keys-help">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = บันทึกทั้งแถว · ลูกศรลง = เลือกจากรายชื่อ · Ctrl+; = วันนี้</p>
        <div id="collect-notice" role="status" aria-live="polite"></div>
        <div class="sheet-scroll">
          <table id="collect-sheet" class="sheet">
            <colgroup><col class="c-no"><col class="c-name">${COLUMNS.map(() => html`<col class="c-amount">`)}<col class="c-total"><col class="c-receipt"></colgroup>
            <thead><tr>
              <th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th>
              ${COLUMNS.map(([f, l]) => html`<th class="num col-${f}">${l}</th>`)}
              <th class="num">ยอดที่ต้องชำระ</th><th>ใบเสร็จ</th>
            </tr></thead>
            <tbody></tbody>
            <tfoot></tfoot>
          </table>
        </div>
        <p class="count" id="sheet-count"></p>
      </div>
      <section class="panel" id="receipts-panel">
        <h2>ใบเสร็จของวันนี้</h2>
        <div id="day-receipts"></div>
      </section>
      <section class="panel" id="count-panel">
        <h2>นับเงินสดปิดวัน</h2>
        <form id="count-form" novalidate>
          ${errorSummary}
          <div class="count-compare">
            <div class="compare-box">
              <div class="label">เงินสดที่ควรมีในกล่อง (ตามบัญชี)</div>
              <div class="big num" id="cash-expected"></div>
            </div>
            ${field({ name: 'counted', label: 'เงินสดที่นับได้จริง (บาท)', width: 'count-field', attrs: { id: 'cash-counted', class: 'num big-input', inputmode: 'decimal' } })}
            ${field({ name: 'note', label: 'หมายเหตุ (ถ้ามี)', width: 'note-field', attrs: { id: 'count-note', placeholder: 'เช่น นับโดยเหรัญญิกและประธาน' } })}
            <button type="submit" class="primary count-submit" id="count-submit">บันทึกการนับเงิน</button>
          </div>
          <p class="muted small">ถ้านับได้ไม่ตรงกับบัญชี โปรแกรมจะบันทึกผลต่างเป็นเงินสดขาดหรือเกินบัญชีไว้ให้เห็นเสมอ</p>
          <div id="count-results"></div>
        </form>
      </section>`,
  );

  const area = el.querySelector('#sheet-area');
  const dateInput = el.querySelector('#collect-date');
  const find = el.querySelector('#collect-find');
  const body = el.querySelector('#collect-sheet tbody');
  const foot = el.querySelector('#collect-sheet tfoot');
  const notice = el.querySelector('#collect-notice');
  const postButton = el.querySelector('#post-row');
  const cancelButton = el.querySelector('#cancel-row');
  const countForm = el.querySelector('#count-form');

  // ---- drawing ----

  function receiptsOf(number) {
    return state.byMember.get(number) || [];
  }

  // The day's receipts as the core sent them (all of them, or those after `lastSeq`).
  function keepReceipts(lines, all) {
    if (all) {
      state.receipts = [];
      state.byMember = new Map();
    }
    for (const r of lines) {
      state.receipts.push(r);
      if (r.member !== null && r.member !== undefined) {
        if (!state.byMember.has(r.member)) state.byMember.set(r.member, []);
        state.byMember.get(r.member).push(r);
      }
    }
  }

  // The day's summary as the core sent it: totals, cash counts, and the receipts (all of
  // them, or those after `lastSeq`).
  function keepDay(day, all) {
    state.day = day;
    state.counts = day.counts;
    state.lastSeq = day.last_seq;
    keepReceipts(day.receipts, all);
  }

  function whoLine(d) {
    const current = state.date.slice(0, 7);
    const late = d.unpaid_months.filter((m) => m < current);
    const bits = [];
    if (late.length) {
      bits.push(html`<span class="arrears">⚠ ค้าง ${late.length} เดือน (${late.slice(0, 3).map(shortMonth).join(', ')}${late.length > 3 ? ' …' : ''})</span>`);
    }
    if (d.loan_in_arrears) bits.push(html`<span class="arrears">⚠ ค้างชำระเงินกู้</span>`);
    if (d.goods_late_since) bits.push(html`<span class="arrears goods-late">⚠ ค่าสินค้าเงินเชื่อเกินกำหนด</span>`);
    if (!isZero(d.deposits)) bits.push(html`<span>เงินฝาก ${baht(d.deposits)}</span>`);
    if (!isZero(d.paid_ahead)) bits.push(html`<span>ส่งล่วงหน้า ${baht(d.paid_ahead)}</span>`);
    return bits.length ? html`<div class="sub">${bits.map((b, i) => html`${i ? ' · ' : ''}${b}`)}</div>` : '';
  }

  function receiptCell(number) {
    const list = receiptsOf(number);
    if (!list.length) return '';
    return list.map(
      (r) => html`<div class="receipt${r.reversed ? ' void' : ''}" data-receipt="${r.receipt}">${r.reversed
        ? html`<span class="no">${r.receipt}</span><br><span class="status voided">ยกเลิกแล้ว</span>`
        : html`<span class="ok" aria-hidden="true">✓</span> <span class="no">${r.receipt}</span>`}</div>`,
    );
  }

  function rowView(d) {
    const paid = receiptsOf(d.member).some((r) => !r.reversed);
    return html`<tr data-member="${d.member}" class="${paid ? 'paid' : ''}">
      <td class="num">${d.member}</td>
      <td class="who"><a href="#" class="open-row" data-open="${d.member}">${d.name}</a>${whoLine(d)}</td>
      ${COLUMNS.map(([f, , due]) => html`<td class="num${due ? ' due' : ''}">${due ? bahtOrBlank(d[due]) : ''}</td>`)}
      <td class="num total">${isZero(d.total) ? html`<span class="muted">ไม่มียอดค้าง</span>` : baht(d.total)}</td>
      <td class="receipts">${receiptCell(d.member)}</td>
    </tr>`;
  }

  function rowEdit(d) {
    return html`<tr data-member="${d.member}" class="editing">
      <td class="num">${d.member}</td>
      <td class="who"><strong>${d.name}</strong>${whoLine(d)}</td>
      ${COLUMNS.map(([f, label, due]) => html`<td data-field="${f}" class="cell-input">
        <label class="sr-only" for="row-${f}">${label} — สมาชิกเลขที่ ${d.member}</label>
        <input id="row-${f}" name="${f}" class="num" inputmode="decimal" autocomplete="off"
          value="${due ? typedAmount(d[due]) : ''}"></td>`)}
      <td class="num total live-total" id="row-live" aria-live="polite">${liveTotal(COLUMNS.map(([f, , due]) => [f, due ? typedAmount(d[due]) : '']))}</td>
      <td class="receipts">${receiptCell(d.member)}</td>
    </tr>`;
  }

  // The open row's cash as typed: what the treasurer takes from this member, or pays them
  // (a withdrawal larger than the rest). Whole satang, so 0.10 + 0.20 is exactly 0.30.
  function liveTotal(fields) {
    let net = 0n;
    for (const [f, typed] of fields) {
      const n = satang(typed);
      if (n === null) return html`<span class="live-label muted">ตรวจช่อง${LABEL[f]}</span>`;
      net += f === 'withdraw' ? -n : n;
    }
    if (net < 0n) {
      return html`<span class="live-label pay">จ่ายให้คนนี้</span><br><span class="live-amount" id="row-live-amount">${baht(fromSatang(-net))}</span>`;
    }
    return html`<span class="live-label">รับจากคนนี้</span><br><span class="live-amount" id="row-live-amount">${baht(fromSatang(net))}</span>`;
  }

  function drawLiveTotal() {
    const cell = body.querySelector('#row-live');
    if (cell) render(cell, liveTotal(rowInputs().map((i) => [i.name, i.value])));
  }

  function matches(d, q) {
    if (!q) return true;
    const digits = toArabicDigits(q);
    if (/^\d+$/.test(digits)) return String(d.member).startsWith(digits);
    return d.name.includes(q);
  }

  function drawRows() {
    const list = state.rows.filter((d) => matches(d, state.filter));
    const shown = list.slice(0, SHOW_AT_MOST);
    render(
      body,
      shown.length
        ? shown.map((d) => (d.member === state.editing ? rowEdit(d) : rowView(d)))
        : html`<tr><td colspan="${COLUMNS.length + 4}" class="muted" id="no-rows">${state.rows.length
            ? 'ไม่พบสมาชิกที่ตรงกับที่พิมพ์'
            : 'ไม่มีสมาชิกที่ต้องชำระในวันนี้'}</td></tr>`,
    );
    const count = el.querySelector('#sheet-count');
    count.textContent =
      (state.filter ? `พบ ${list.length} คน` : `สมาชิก ${list.length} คน`) +
      (list.length > SHOW_AT_MOST ? ` · แสดง ${SHOW_AT_MOST} คนแรก พิมพ์เลขที่หรือชื่อเพื่อหาคนอื่น` : '');
  }

  function drawTotals() {
    const day = state.day;
    const voided = day.reversed_count;
    const live = day.receipt_count - voided;
    render(
      foot,
      html`<tr class="day-totals" id="day-totals">
          <th colspan="2">รวมทั้งวัน</th>
          ${DAY_TOTALS.map((k, i) => html`<td class="num" data-total="${COLUMNS[i][0]}">${orWord(day[k], 'หักล้าง')}</td>`)}
          <td></td>
          <td class="receipt-count">${live} ใบ</td>
        </tr>
        ${voided
          ? html`<tr class="voided-line" id="voided-line"><td colspan="${COLUMNS.length + 4}">
              <span class="status voided">ยกเลิกแล้ว ${voided} ใบ</span>
              <span class="muted">${isZero(day.voided_cash) ? '' : `(${signed(day.voided_cash, 'รับ', 'จ่าย')} บาท)`} ไม่นับรวมในยอดของวัน และไม่ใช่เงินสดจ่าย</span>
            </td></tr>`
          : ''}
        <tr class="cash-line" id="cash-line">
          <td colspan="${COLUMNS.length + 4}">
            <span>เงินสดรับ <strong class="num">${baht(day.cash_in)}</strong></span>
            <span>เงินสดจ่าย <strong class="num">${baht(day.cash_out)}</strong></span>
            <span class="expected">เงินสดที่ควรมีในกล่อง <strong class="num" id="cash-expected-line">${baht(day.cash_expected)}</strong> บาท</span>
          </td>
        </tr>`,
    );
  }

  function receiptLine(r) {
    return html`<tr data-receipt="${r.receipt}" class="${r.reversed ? 'void' : ''}">
      <td class="date"><strong>${r.receipt}</strong></td>
      <td class="num">${r.member ?? ''}</td>
      <td>${r.name}</td>
      <td class="memo">${r.what}</td>
      <td class="num nowrap cash">${r.reversed ? html`<s>${signed(r.cash, 'รับ', 'จ่าย')}</s>` : signed(r.cash, 'รับ', 'จ่าย')}</td>
      <td>${r.reversed ? html`<span class="status voided">ยกเลิกแล้ว</span>` : html`<span class="status active">ใช้ได้</span>`}</td>
      <td class="actions-cell"><a class="button small quiet" href="#/print/receipt/${r.receipt}" data-print="${r.receipt}">พิมพ์</a>
        ${r.reversed ? '' : html`<button type="button" class="small" data-reverse="${r.receipt}">ยกเลิก…</button>`}</td>
    </tr>`;
  }

  // The whole list, when a day is loaded.
  function drawReceipts() {
    const holder = el.querySelector('#day-receipts');
    if (!state.receipts.length) {
      render(holder, html`<p class="muted" id="no-receipts">ยังไม่มีใบเสร็จในวันนี้</p>`);
      return;
    }
    render(
      holder,
      html`<table id="receipts-list">
        <thead><tr><th>เลขที่ใบเสร็จ</th><th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th><th>รายการ</th>
          <th class="num">เงินสด</th><th>สถานะ</th><th></th></tr></thead>
        <tbody>${state.receipts.map(receiptLine)}</tbody>
      </table>`,
    );
  }

  // New receipts go at the end; the lines already drawn stay as they are, so a long day
  // costs no more per row than a short one.
  function appendReceipts(lines) {
    if (!lines.length) return;
    const tbody = el.querySelector('#receipts-list tbody');
    if (!tbody) return drawReceipts();
    tbody.insertAdjacentHTML('beforeend', String(html`${lines.map(receiptLine)}`));
  }

  function drawCounts() {
    el.querySelector('#cash-expected').textContent = baht(state.day.cash_expected);
    const holder = el.querySelector('#count-results');
    render(
      holder,
      state.counts.length
        ? html`<table id="count-list">
            <thead><tr><th>ครั้งที่</th><th class="num">ควรมีตามบัญชี</th><th class="num">นับได้</th><th>ผลต่าง</th><th>หมายเหตุ</th></tr></thead>
            <tbody>${state.counts.map(
              (c, i) => html`<tr><td>${i + 1}</td><td class="num">${baht(c.expected)}</td>
                <td class="num">${baht(c.counted)}</td>
                <td>${difference(c.difference)}${c.entry ? html`<div class="hint">บันทึกผลต่างในบัญชีแล้ว</div>` : ''}</td>
                <td>${c.note}</td></tr>`,
            )}</tbody>
          </table>`
        : '',
    );
  }

  function drawDay() {
    el.querySelector('#day-title').textContent = thaiDateLong(state.date);
    drawTotals();
    drawReceipts();
    drawCounts();
  }

  // ---- errors next to the field and at the top ----

  function clearSheetErrors() {
    clearErrors(area);
    body.querySelectorAll('tr.row-errors').forEach((tr) => tr.remove());
    body.querySelectorAll('td.invalid').forEach((td) => td.classList.remove('invalid'));
  }

  // `{message, field}` errors: in the open row (a line under the row, starting below the
  // field's column), or beside the date / member box, and always in the summary at the top.
  function showSheetErrors(errors) {
    const tr = state.editing !== null ? body.querySelector('tr.editing') : null;
    const inRow = [];
    const others = [];
    for (const err of errors) {
      const cell = tr && err.field ? tr.querySelector(`td[data-field="${CSS.escape(err.field)}"]`) : null;
      if (cell) inRow.push([err, cell]);
      else others.push(err);
    }
    // The summary and the date/member fields: the shared form helper. A row's error is said
    // once, under the row; the summary only names the column.
    showErrors(area, [...others, ...inRow.map(([err]) => ({ message: `ช่อง${LABEL[err.field]}ในแถวที่กำลังพิมพ์ — ดูข้อความใต้แถว`, field: null }))]);
    if (!inRow.length) return;
    const cells = [...tr.children];
    const lines = document.createElement('tr');
    lines.className = 'row-errors';
    const first = Math.min(...inRow.map(([, cell]) => cells.indexOf(cell)));
    render(
      lines,
      html`${first > 0 ? html`<td colspan="${first}"></td>` : ''}<td colspan="${cells.length - first}">${inRow.map(
        ([err, cell]) => html`<p class="field-error" id="err-${err.field}">${LABEL[err.field]}: ${err.message}</p>`,
      )}</td>`,
    );
    tr.after(lines);
    for (const [err, cell] of inRow) {
      cell.classList.add('invalid');
      const input = cell.querySelector('input');
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `err-${err.field}`);
    }
    const input = inRow[0][1].querySelector('input');
    input.focus();
    input.select();
  }

  // ---- loading a day ----

  // Loads the sheet of a date. `keepFind`: what was typed in the member box meanwhile stays
  // (a quick treasurer types the number right after Enter on the date).
  function load(dateText, opts = {}) {
    state.loading = loadNow(dateText, opts).finally(() => {
      state.loading = null;
    });
    return state.loading;
  }

  async function loadNow(dateText, { focusFind = true, keepFind = false } = {}) {
    clearSheetErrors();
    let due;
    let day;
    try {
      [due, day] = await Promise.all([api.due(dateText), api.collectionDay(dateText)]);
    } catch (err) {
      showSheetErrors([{ ...err, field: err.field || 'date' }]);
      return false;
    }
    if (!ctx.alive()) return false;
    state.date = due.date;
    lastDate = due.date;
    state.rows = due.members;
    state.byNumber = new Map(due.members.map((d) => [d.member, d]));
    keepDay(day, true);
    state.editing = null;
    if (!keepFind) find.value = '';
    state.filter = find.value.trim();
    dateInput.value = typedDate(due.date);
    render(notice, '');
    setEditing(false);
    drawRows();
    drawDay();
    if (focusFind) find.focus();
    return true;
  }

  // After the cash count: new totals and counts, and only the receipts not shown yet.
  async function refreshDay() {
    const day = await api.collectionDay(state.date, state.lastSeq);
    if (!ctx.alive()) return;
    keepDay(day, false);
    drawTotals();
    appendReceipts(day.receipts);
    drawCounts();
  }

  // ---- the open row ----

  function setEditing(on) {
    postButton.disabled = !on;
    cancelButton.disabled = !on;
  }

  function rowInputs() {
    return [...body.querySelectorAll('tr.editing input')];
  }

  function openRow(number) {
    const d = state.byNumber.get(number);
    if (!d) return;
    clearSheetErrors();
    render(notice, '');
    state.editing = number;
    if (!state.rows.filter((r) => matches(r, state.filter)).slice(0, SHOW_AT_MOST).includes(d)) {
      state.filter = '';
    }
    drawRows();
    setEditing(true);
    const tr = body.querySelector('tr.editing');
    tr.scrollIntoView({ block: 'nearest' });
    const first = rowInputs()[0];
    first.focus();
    first.select();
  }

  function closeRow() {
    if (state.editing === null) return;
    const number = state.editing;
    state.editing = null;
    clearSheetErrors();
    setEditing(false);
    const tr = body.querySelector('tr.editing');
    const d = state.byNumber.get(number);
    if (tr && d) {
      const holder = document.createElement('tbody');
      render(holder, rowView(d));
      tr.replaceWith(holder.firstElementChild);
    }
  }

  async function postRow() {
    if (state.editing === null || state.busy) return;
    const number = state.editing;
    const row = { date: typedDate(state.date), member: String(number) };
    for (const input of rowInputs()) row[input.name] = input.value.trim();
    state.busy = true;
    setEditing(false);
    clearSheetErrors();
    const wasFiltered = state.filter !== '';
    // One round trip: the receipt, the member's fresh row, the day's totals and the
    // receipts after the last one shown.
    let done;
    try {
      done = await api.collect(row, state.lastSeq);
    } catch (err) {
      state.busy = false;
      if (!ctx.alive()) return;
      setEditing(true);
      showSheetErrors([err]);
      // A refusal that names no field of the row: the cursor stays in the row.
      const inputs = rowInputs();
      if (inputs.length && !inputs.includes(document.activeElement)) inputs[0].focus();
      return;
    }
    state.busy = false;
    if (!ctx.alive()) return;
    const receipt = done.receipt;
    if (done.due) {
      state.rows[state.rows.indexOf(state.byNumber.get(number))] = done.due;
      state.byNumber.set(number, done.due);
    }
    state.day = done.day;
    state.lastSeq = done.last_seq;
    keepReceipts(done.receipts, false);
    state.editing = null;
    state.filter = '';
    find.value = '';
    // Only the member's row changes on the sheet, unless a search had narrowed it.
    const tr = body.querySelector(`tr[data-member="${number}"]`);
    if (wasFiltered || !tr) {
      drawRows();
    } else {
      const holder = document.createElement('tbody');
      render(holder, rowView(state.byNumber.get(number)));
      tr.replaceWith(holder.firstElementChild);
    }
    drawTotals();
    appendReceipts(done.receipts);
    render(
      notice,
      html`<div class="notice saved" id="saved-notice">✓ บันทึกแล้ว ใบเสร็จเลขที่ <strong id="saved-receipt">${receipt.receipt}</strong>
        — เลขที่ ${receipt.member} ${receipt.name}
        · ${isNegative(receipt.net_cash) ? `จ่ายเงินสด ${unsigned(receipt.net_cash)}` : `รับเงินสด ${baht(receipt.net_cash)}`} บาท
        ${isZero(receipt.fines_charged) ? '' : html`<span class="muted">(คิดค่าปรับส่งช้า ${baht(receipt.fines_charged)} บาท)</span>`}</div>`,
    );
    body.querySelector(`tr[data-member="${number}"]`)?.scrollIntoView({ block: 'nearest' });
    find.focus();
  }

  // ---- keys and events ----

  dateInput.addEventListener('keydown', async (e) => {
    if (e.ctrlKey && e.code === 'Semicolon') {
      e.preventDefault();
      dateInput.value = todayTyped();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const typed = dateInput.value.trim();
      if (state.date && typed === typedDate(state.date)) {
        find.focus();
        return;
      }
      // A day outside the open accounting month is asked about once, before its sheet opens.
      if (!(await dateInOpenMonth(el, typed))) {
        dateInput.focus();
        dateInput.select();
        return;
      }
      find.focus();
      await load(typed, { keepFind: true });
    }
  });

  find.addEventListener('input', () => {
    if (state.editing !== null) closeRow();
    state.filter = find.value.trim();
    drawRows();
  });

  find.addEventListener('keydown', async (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      if (find.value) {
        find.value = '';
        state.filter = '';
        drawRows();
      }
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      body.querySelector('a.open-row')?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (state.loading) await state.loading;
      const q = find.value.trim();
      if (!q) return;
      clearSheetErrors();
      const digits = toArabicDigits(q);
      if (/^\d+$/.test(digits)) {
        const n = Number(digits);
        if (state.byNumber.has(n)) return openRow(n);
        // Not on today's sheet: the core says why (no such member, left the group, ...).
        try {
          await api.due(state.date, n);
          showSheetErrors([{ message: `สมาชิกเลขที่ ${n} ไม่มีในรายการของวันนี้`, field: 'member' }]);
        } catch (err) {
          showSheetErrors([{ ...err, field: 'member' }]);
        }
        return;
      }
      const first = state.rows.find((d) => matches(d, q));
      if (first) openRow(first.member);
      else showSheetErrors([{ message: `ไม่พบสมาชิกชื่อ "${q}" — ลองพิมพ์เลขที่สมาชิก`, field: 'member' }]);
    }
  });

  body.addEventListener('input', (e) => {
    if (e.target.matches('tr.editing input')) drawLiveTotal();
  });

  body.addEventListener('click', (e) => {
    const a = e.target.closest('a.open-row');
    if (!a) return;
    e.preventDefault();
    openRow(Number(a.dataset.open));
  });

  body.addEventListener('keydown', (e) => {
    if (arrowsAlong(e, [...body.querySelectorAll('a.open-row')], find)) {
      if (e.key === 'Escape') {
        e.stopPropagation();
        find.focus();
      }
      return;
    }
    if (!e.target.matches('tr.editing input')) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      const inputs = rowInputs();
      const next = inputs[inputs.indexOf(e.target) + 1];
      if (next) {
        next.focus();
        next.select();
      } else {
        postRow();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeRow();
      find.focus();
    }
  });

  postButton.addEventListener('click', postRow);
  cancelButton.addEventListener('click', () => {
    closeRow();
    find.focus();
  });

  el.querySelector('#go-date').addEventListener('click', () => {
    closeRow();
    dateInput.focus();
    dateInput.select();
  });
  el.querySelector('#go-count').addEventListener('click', () => {
    closeRow();
    const input = el.querySelector('#cash-counted');
    input.scrollIntoView({ block: 'center' });
    input.focus();
    input.select();
  });

  const reverseAndRefresh = async (run) => {
    closeRow();
    try {
      const done = await run();
      if (!done || !ctx.alive()) return;
      await load(typedDate(state.date), { focusFind: false });
      render(
        notice,
        html`<div class="notice" id="reversed-notice">ยกเลิกแล้ว: ${done.original.memo}</div>`,
      );
      find.focus();
    } catch (err) {
      showSheetErrors([err]);
    }
  };
  el.querySelector('#go-reverse').addEventListener('click', () => {
    const last = [...state.receipts].reverse().find((r) => !r.reversed);
    reverseAndRefresh(() => askAndReverse(el, { suggestion: last ? last.receipt : '', date: typedDate(state.date) }));
  });
  el.querySelector('#day-receipts').addEventListener('click', (e) => {
    const b = e.target.closest('[data-reverse]');
    if (b) reverseAndRefresh(() => reverseEntry(el, b.dataset.reverse, { date: typedDate(state.date) }));
  });

  bindForm(countForm, async (v) => {
    const c = await api.countCash(typedDate(state.date), v.counted, v.note);
    await refreshDay();
    countForm.querySelector('#cash-counted').value = '';
    countForm.querySelector('#count-note').value = '';
    const result = document.createElement('div');
    render(
      result,
      html`<div class="count-result" id="count-result" role="status">
        <div><div class="label">ควรมีตามบัญชี</div><div class="big num">${baht(c.expected)}</div></div>
        <div><div class="label">นับได้</div><div class="big num">${baht(c.counted)}</div></div>
        <div><div class="label">ผลต่าง</div><div class="big">${difference(c.difference)}</div></div>
        <p class="muted small">${c.entry
          ? `บันทึกผลต่างเป็นเงินสด${isNegative(c.difference) ? 'ขาด' : 'เกิน'}บัญชีแล้ว เงินสดตามบัญชีจึงเท่ากับที่นับได้`
          : 'เงินในกล่องตรงกับบัญชี'}</p>
      </div>`,
    );
    el.querySelector('#count-results').prepend(result.firstElementChild);
  });

  // ---- first draw ----
  const ok = await load(state.date ? typedDate(state.date) : workDateTyped(), { focusFind: false });
  // The first visit starts at the date (to confirm it); later visits at the member box.
  (ok && visited ? find : dateInput).setAttribute('autofocus', '');
  visited = true;
}
