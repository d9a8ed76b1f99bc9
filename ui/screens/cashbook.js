// สมุดเงินสด: a month's receipts and payments with cash and bank columns, the balance brought
// forward and carried forward. Type a month in พ.ศ. (10/2569, ต.ค. 2569); PageUp / PageDown
// move a month. A line can be reversed with a reason; the original stays, marked ยกเลิกแล้ว.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, thaiMonth, workDay } from '../lib/format.js';
import { field, errorSummary, bindForm, callForForm, showErrors } from '../lib/form.js';
import { baht, bahtOrBlank } from '../lib/money.js';
import { bindReverseButtons } from '../lib/reverse.js';
import { monthOf, typedMonth, bindMonthKeys } from '../lib/month.js';

// Entries a treasurer may reverse from here (a cash count or a member's exit is not undone
// by a reversal; loans have their own screens).
const REVERSIBLE = new Set(['collection', 'expense', 'income', 'transfer']);
const KIND_LABEL = {
  collection: 'รับเงินสมาชิก',
  expense: 'รายจ่าย',
  income: 'รายรับ',
  transfer: 'ธนาคาร',
  cash_count: 'นับเงินสด',
  settlement: 'คืนเงินสมาชิกพ้นสภาพ',
  reversal: 'รายการหักล้าง',
};

let lastMonth = null; // "YYYY-MM" shown last, kept while the app runs

function lines(book) {
  return book.lines.map(
    (l) => html`<tr data-entry="${l.entry}" class="${l.reversed ? 'void' : ''}">
      <td class="date">${thaiDate(l.date)}</td>
      <td class="nowrap">${l.receipt || html`<span class="muted small">${KIND_LABEL[l.kind] || l.kind}</span>`}</td>
      <td class="memo">${l.memo}${l.reversed ? html` <span class="status voided">ยกเลิกแล้ว</span>` : ''}${l.kind === 'reversal' && !String(l.memo ?? '').includes('รายการหักล้าง') ? html` <span class="status left">รายการหักล้าง</span>` : ''}</td>
      <td class="num">${bahtOrBlank(l.cash_in)}</td><td class="num">${bahtOrBlank(l.cash_out)}</td>
      <td class="num">${bahtOrBlank(l.bank_in)}</td><td class="num">${bahtOrBlank(l.bank_out)}</td>
      <td class="actions-cell">${!l.reversed && REVERSIBLE.has(l.kind)
        ? html`<button type="button" class="small" data-reverse="${l.entry}">ยกเลิก…</button>`
        : ''}</td>
    </tr>`,
  );
}

export async function show(el, ctx) {
  let book = null;
  render(
    el,
    html`<div class="screen-head"><h1>สมุดเงินสด</h1></div>
      <form id="cashbook-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'month', label: 'เดือน', value: typedMonth(lastMonth || monthOf(workDay(ctx))), hint: 'เช่น 10/2569 หรือ ต.ค. 2569', attrs: { id: 'cashbook-month', autofocus: true } })}
          <button type="submit">แสดง</button>
          <span class="muted small">Enter = แสดง · PageUp/PageDown = เดือนก่อน/ถัดไป</span>
        </div>
      </form>
      <div id="cashbook-view"></div>`,
  );
  const form = el.querySelector('#cashbook-form');
  const input = el.querySelector('#cashbook-month');
  const view = el.querySelector('#cashbook-view');

  function draw() {
    const b = book;
    render(
      view,
      html`<h2 id="cashbook-title">สมุดเงินสด เดือน${thaiMonth(b.month)}</h2>
        <table class="amounts cash-summary" id="cashbook-summary">
          <thead><tr><th></th><th class="num">ยกมา ${thaiDate(b.from)}</th><th class="num">รับ</th><th class="num">จ่าย</th>
            <th class="num">คงเหลือ ${thaiDate(b.to)}</th></tr></thead>
          <tbody>
            <tr><th>เงินสด</th><td class="num">${baht(b.cash.opening)}</td><td class="num">${baht(b.cash.receipts)}</td>
              <td class="num">${baht(b.cash.payments)}</td><td class="num closing">${baht(b.cash.closing)}</td></tr>
            <tr><th>เงินฝากธนาคาร</th><td class="num">${baht(b.bank.opening)}</td><td class="num">${baht(b.bank.receipts)}</td>
              <td class="num">${baht(b.bank.payments)}</td><td class="num closing">${baht(b.bank.closing)}</td></tr>
          </tbody>
        </table>
        <table class="amounts cashbook" id="cashbook">
          <thead>
            <tr><th rowspan="2">วันที่</th><th rowspan="2">ใบเสร็จ</th><th rowspan="2">รายการ</th>
              <th colspan="2" class="group">เงินสด</th><th colspan="2" class="group">เงินฝากธนาคาร</th><th rowspan="2"></th></tr>
            <tr><th class="num">รับ</th><th class="num">จ่าย</th><th class="num">รับ</th><th class="num">จ่าย</th></tr>
          </thead>
          <tbody>
            <tr class="opening"><td class="date">${thaiDate(b.from)}</td><td></td><td><strong>ยอดยกมา</strong></td>
              <td class="num" colspan="2"><strong>${baht(b.cash.opening)}</strong></td>
              <td class="num" colspan="2"><strong>${baht(b.bank.opening)}</strong></td><td></td></tr>
            ${b.lines.length ? lines(b) : html`<tr><td colspan="8" class="muted">ไม่มีรายการในเดือนนี้</td></tr>`}
          </tbody>
          <tfoot>
            <tr class="subtotal"><th colspan="3">รวมรับ–จ่ายเดือนนี้</th>
              <td class="num">${baht(b.cash.receipts)}</td><td class="num">${baht(b.cash.payments)}</td>
              <td class="num">${baht(b.bank.receipts)}</td><td class="num">${baht(b.bank.payments)}</td><td></td></tr>
            <tr class="subtotal" id="cashbook-closing"><th colspan="3">ยอดคงเหลือยกไป ${thaiDate(b.to)}</th>
              <td class="num" colspan="2">${baht(b.cash.closing)}</td>
              <td class="num" colspan="2">${baht(b.bank.closing)}</td><td></td></tr>
          </tfoot>
        </table>`,
    );
  }

  async function look(typed) {
    const got = await callForForm(form, 'month', () => api.cashbook(typed));
    if (!got || !ctx.alive()) return;
    book = got;
    lastMonth = book.month;
    input.value = typedMonth(book.month);
    draw();
  }

  bindForm(form, (v) => look(v.month));
  bindMonthKeys(input, () => book && book.month, look);
  bindReverseButtons(view, el, ctx, {
    redraw: () => look(typedMonth(book.month)),
    fail: (err) => showErrors(form, [err]),
  });

  await look(input.value);
}
