// รายรับ-รายจ่ายกลุ่ม: the group's own money. Expenses (paid from the expense fund, which the
// core checks), other income and subsidies, cash to the bank and back, bank interest. The
// cash box, the bank and the expense fund are shown above the form; the month's movements
// below it, each can be reversed with a reason.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, thaiMonth, workDateTyped, workDay } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht, bahtOrBlank } from '../lib/money.js';
import { bindReverseButtons } from '../lib/reverse.js';
import { monthOf, typedMonth } from '../lib/month.js';

const KINDS = [
  ['expense', 'จ่ายค่าใช้จ่ายของกลุ่ม'],
  ['income', 'รับรายได้อื่นของกลุ่ม'],
  ['subsidy', 'รับเงินอุดหนุน / เงินบริจาค'],
  ['deposit', 'นำเงินสดฝากธนาคาร'],
  ['withdraw', 'ถอนเงินธนาคารมาเป็นเงินสด'],
  ['interest', 'ดอกเบี้ยเงินฝากธนาคาร'],
];
const CATEGORIES = [
  ['supplies', 'ค่าวัสดุ เครื่องเขียน'],
  ['meeting', 'ค่าประชุม'],
  ['bank_fee', 'ค่าธรรมเนียมธนาคาร'],
  ['allowance', 'ค่าตอบแทนกรรมการ'],
  ['other', 'ค่าใช้จ่ายอื่น'],
];
const PLACES = [
  ['cash', 'เงินสด'],
  ['bank', 'เงินฝากธนาคาร'],
];
// Entries that belong on this screen (the cash book shows everything).
const OWN_KINDS = new Set(['expense', 'income', 'transfer']);

let lastKind = 'expense';

function kindFields(kind, keep) {
  const memo = (label, placeholder) =>
    field({ name: 'memo', label, value: keep.memo || '', width: 'w4', attrs: { placeholder } });
  switch (kind) {
    case 'expense':
      return html`${selectField({ name: 'category', label: 'หมวดรายจ่าย', options: CATEGORIES, value: keep.category || 'supplies' })}
        ${memo('จ่ายค่าอะไร', 'เช่น ค่าสมุดบัญชี ค่าถ่ายเอกสาร')}
        ${field({ name: 'payee', label: 'จ่ายให้ (ถ้ามี)', value: keep.payee || '', width: 'w4', attrs: { placeholder: 'เช่น ร้านเครื่องเขียนในตำบล' } })}
        ${selectField({ name: 'from', label: 'จ่ายจาก', options: PLACES, value: keep.from || 'cash' })}`;
    case 'income':
      return html`${memo('รับเงินอะไร', 'เช่น ขายสมุดบัญชีให้สมาชิก')}
        ${selectField({ name: 'to', label: 'รับเข้า', options: PLACES, value: keep.to || 'cash' })}`;
    case 'subsidy':
      return html`${selectField({ name: 'income_kind', label: 'ประเภท', options: [['subsidy', 'เงินอุดหนุน'], ['donation', 'เงินบริจาค']], value: keep.income_kind || 'subsidy' })}
        ${memo('จากใคร เพื่ออะไร', 'เช่น เงินอุดหนุนจาก อบต.')}
        ${selectField({ name: 'fund', label: 'เข้าทุน', options: [['operating', 'ทุนดำเนินการ (ให้กู้)'], ['expense', 'ทุนค่าใช้สอย (จ่ายค่าใช้จ่าย)']], value: keep.fund || 'operating', width: 'w3' })}
        ${selectField({ name: 'to', label: 'รับเข้า', options: PLACES, value: keep.to || 'cash' })}`;
    default:
      return memo('หมายเหตุ (ถ้ามี)', kind === 'interest' ? 'เช่น ดอกเบี้ยงวดมิถุนายน' : 'เช่น เลขที่ใบฝาก/ใบถอน');
  }
}

// The form's values -> the core call. Everything as typed.
function post(kind, v) {
  switch (kind) {
    case 'expense':
      return api.expense({ date: v.date, amount: v.amount, memo: v.memo, payee: v.payee, category: v.category, from: v.from });
    case 'income':
      return api.income({ date: v.date, amount: v.amount, memo: v.memo, kind: 'other', fund: '', to: v.to });
    case 'subsidy':
      return api.income({ date: v.date, amount: v.amount, memo: v.memo, kind: v.income_kind, fund: v.fund, to: v.to });
    default:
      return api.bankMovement(kind, v.date, v.amount, v.memo);
  }
}

export async function show(el, ctx) {
  let month = monthOf(workDay(ctx));

  render(
    el,
    html`<div class="screen-head"><h1>รายรับ-รายจ่ายกลุ่ม</h1></div>
      <div class="cards position-cards" id="money-position"></div>
      <section class="panel">
        <h2>บันทึกรายการ</h2>
        <form id="money-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${selectField({ name: 'kind', label: 'ประเภทรายการ', options: KINDS, value: lastKind })}
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่', value: workDateTyped(), hint: '', width: 'w1', attrs: { id: 'money-date' } })}
            ${field({ name: 'amount', label: 'จำนวนเงิน (บาท)', width: 'w3', attrs: { id: 'money-amount', class: 'num', inputmode: 'decimal' } })}
          </div>
          <div class="form-grid kind-fields" id="kind-fields"></div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="money-submit"><kbd>F2</kbd>บันทึก</button>
            <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = บันทึก · Ctrl+; = วันนี้</span>
          </div>
          <div id="money-notice" role="status"></div>
        </form>
      </section>
      <section class="panel">
        <h2 id="movements-title"></h2>
        <div id="movements"></div>
      </section>`,
  );

  const form = el.querySelector('#money-form');
  const kindSelect = form.querySelector('[name=kind]');
  kindSelect.setAttribute('autofocus', '');
  const holder = el.querySelector('#kind-fields');

  const drawKind = () => {
    const keep = {};
    holder.querySelectorAll('input, select').forEach((i) => (keep[i.name] = i.value));
    lastKind = kindSelect.value;
    render(holder, kindFields(lastKind, keep));
  };
  kindSelect.addEventListener('change', drawKind);
  drawKind();

  async function drawPosition() {
    const p = await api.moneyPosition('');
    if (!ctx.alive()) return;
    render(
      el.querySelector('#money-position'),
      html`<div class="card"><div class="label">เงินสดในกล่อง</div><div class="big num" id="pos-cash">${baht(p.cash)}</div></div>
        <div class="card"><div class="label">เงินฝากธนาคาร</div><div class="big num" id="pos-bank">${baht(p.bank)}</div></div>
        <div class="card"><div class="label">ทุนค่าใช้สอยคงเหลือ</div>
          <div class="big num ${p.expense_fund_note ? 'negative' : ''}" id="pos-fund">${baht(p.expense_fund)}</div>
          ${p.expense_fund_note
            ? html`<div class="negative small" id="pos-fund-note">${p.expense_fund_note}</div>`
            : html`<div class="muted small">จ่ายค่าใช้จ่ายของกลุ่มได้ไม่เกินยอดนี้</div>`}</div>`,
    );
  }

  async function drawMovements() {
    const book = await api.cashbook(typedMonth(month));
    if (!ctx.alive()) return;
    const own = book.lines.filter((l) => OWN_KINDS.has(l.kind));
    const ids = new Set(own.map((l) => l.entry));
    const lines = book.lines.filter((l) => OWN_KINDS.has(l.kind) || (l.kind === 'reversal' && ids.has(l.reverses)));
    el.querySelector('#movements-title').textContent = `รายการของกลุ่ม เดือน${thaiMonth(book.month)}`;
    render(
      el.querySelector('#movements'),
      lines.length
        ? html`<table class="amounts" id="movement-list">
            <thead>
              <tr><th rowspan="2">วันที่</th><th rowspan="2">รายการ</th><th colspan="2" class="group">เงินสด</th>
                <th colspan="2" class="group">เงินฝากธนาคาร</th><th rowspan="2"></th></tr>
              <tr><th class="num">รับ</th><th class="num">จ่าย</th><th class="num">รับ</th><th class="num">จ่าย</th></tr>
            </thead>
            <tbody>${lines.map(
              (l) => html`<tr data-entry="${l.entry}" class="${l.reversed ? 'void' : ''}">
                <td class="date">${thaiDate(l.date)}</td>
                <td>${l.memo}${l.reversed ? html` <span class="status voided">ยกเลิกแล้ว</span>` : ''}${l.kind === 'reversal' && !String(l.memo ?? '').includes('รายการหักล้าง') ? html` <span class="status left">รายการหักล้าง</span>` : ''}</td>
                <td class="num">${bahtOrBlank(l.cash_in)}</td><td class="num">${bahtOrBlank(l.cash_out)}</td>
                <td class="num">${bahtOrBlank(l.bank_in)}</td><td class="num">${bahtOrBlank(l.bank_out)}</td>
                <td class="actions-cell">${l.reversed || l.kind === 'reversal' ? '' : html`<button type="button" class="small" data-reverse="${l.entry}">ยกเลิก…</button>`}</td>
              </tr>`,
            )}</tbody>
          </table>`
        : html`<p class="muted" id="no-movements">ยังไม่มีรายรับ-รายจ่ายของกลุ่มในเดือนนี้</p>`,
    );
  }

  bindForm(form, async (v) => {
    const done = await post(v.kind, v);
    render(
      el.querySelector('#money-notice'),
      html`<div class="notice" id="money-saved">✓ บันทึกแล้ว: ${done.memo} <strong>${baht(done.amount)}</strong> บาท
        (${thaiDate(done.date)}) · เงินสด ${baht(done.cash)} · ธนาคาร ${baht(done.bank)} · ทุนค่าใช้สอย ${baht(done.expense_fund)}</div>`,
    );
    month = monthOf(done.date);
    form.querySelector('[name=amount]').value = '';
    holder.querySelectorAll('input').forEach((i) => (i.value = ''));
    await Promise.all([drawPosition(), drawMovements()]);
    kindSelect.focus();
  });

  bindReverseButtons(el.querySelector('#movements'), el, ctx, {
    redraw: () => Promise.all([drawPosition(), drawMovements()]),
    fail: (err) => render(el.querySelector('#money-notice'), html`<div class="error-summary" role="alert"><p>${err.message}</p></div>`),
  });

  await Promise.all([drawPosition(), drawMovements()]);
}
