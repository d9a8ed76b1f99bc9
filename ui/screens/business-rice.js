// ธนาคารข้าว: the granary's rice in kilograms, lending rice to members and taking it back with
// interest in kind (the core settles interest first, then the rice lent, oldest loan first),
// receiving rice into the granary (donated, or deposited by a member and taken back; rice
// bought goes through buying in), and every loan still owed with its age — overdue loans
// marked with a word and an icon.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { head } from './business-parts.js';
import { arrearsBadge } from './loan-parts.js';

const ACTIONS = [
  ['lend', 'ให้สมาชิกยืมข้าว'],
  ['repay', 'สมาชิกคืนข้าว (รวมดอกเบี้ยข้าว)'],
  ['donation', 'รับข้าวเข้ายุ้งฉาง: รับบริจาค'],
  ['deposit', 'รับข้าวเข้ายุ้งฉาง: สมาชิกฝากข้าว'],
  ['withdraw', 'สมาชิกถอนข้าวที่ฝากไว้'],
];

// What a receipt of rice did, in words.
function receivedWords(done) {
  const who = done.member ? `สมาชิกเลขที่ ${done.member} ${done.name}` : `รับบริจาค${done.name ? `จาก ${done.name}` : ''}`;
  switch (done.how) {
    case 'deposit': return `${who} ฝากข้าว ${done.kg} กก. มูลค่า ${baht(done.value)} บาท · ข้าวฝากของสมาชิก ${done.deposit_kg} กก.`;
    case 'withdraw': return `${who} ถอนข้าวฝาก ${done.kg.replace('-', '')} กก. · ข้าวฝากคงเหลือ ${done.deposit_kg} กก.`;
    default: return `${who} ${done.kg} กก. เข้ายุ้งฉาง มูลค่า ${baht(done.value)} บาท`;
  }
}

function bankView(r) {
  return html`<div class="cards">
      <div class="card"><div class="label">ข้าวในยุ้งฉาง (${r.item})</div><div class="big num" id="rice-stock">${r.stock_kg} กก.</div>
        <div class="muted small">มูลค่าตามทุน ${baht(r.stock_value)} บาท · ตามราคาคณะกรรมการ ${baht(r.stock_value_at_price)} บาท</div></div>
      <div class="card"><div class="label">ข้าวที่สมาชิกยืมอยู่</div><div class="big num" id="rice-lent">${r.lent_kg} กก.</div>
        <div class="muted small">ดอกเบี้ยข้าวค้าง ${r.interest_kg} กก. · มูลค่า ${baht(r.loans_value_at_price)} บาท</div></div>
      <div class="card"><div class="label">ค้างเกินกำหนด</div><div class="big" id="rice-arrears">${r.in_arrears} สัญญา</div>
        <div class="muted small">${r.arrears_kg} กก. · ราคาข้าวปีนี้ ${baht(r.price)} บาท/กก.</div></div>
    </div>
    ${r.loans.length
      ? html`<table class="amounts" id="rice-loans">
          <thead><tr><th class="num">สัญญา</th><th class="num">เลขที่</th><th>ผู้ยืม</th><th>วันที่ยืม</th><th class="num">ยืม (กก.)</th>
            <th>ครบกำหนด</th><th class="num">ข้าวค้าง</th><th class="num">ดอกเบี้ยข้าว</th><th class="num">รวมต้องคืน</th><th>สถานะ</th></tr></thead>
          <tbody>${r.loans.map(
            (l) => html`<tr data-rice-loan="${l.number}" class="${l.in_arrears ? 'in-arrears' : ''}">
              <td class="num">${l.number}</td><td class="num">${l.member}</td><td>${l.name}</td><td class="date">${thaiDate(l.lent_on)}</td>
              <td class="num">${l.kg}</td><td class="date">${thaiDate(l.due)}</td><td class="num">${l.principal_kg}</td>
              <td class="num">${l.interest_kg}</td><td class="num"><strong>${l.owed_kg}</strong></td>
              <td>${l.in_arrears ? html`${arrearsBadge(`เกินกำหนด ${l.days_overdue} วัน`)} <span class="small">${l.bucket_label}</span>` : html`<span class="status active">ยังไม่ถึงกำหนด</span>`}</td></tr>`,
          )}</tbody>
        </table>`
      : html`<p class="muted" id="rice-no-loans">ไม่มีข้าวที่สมาชิกยืมค้างอยู่</p>`}`;
}

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const b = await api.business(key);
  let bank = null;
  let bankError = null;
  try {
    bank = await api.riceBank(key);
  } catch (err) {
    bankError = err.message;
  }
  render(
    el,
    html`${head(b, '/rice', 'ธนาคารข้าว')}
      <section class="panel">
        <form id="rice-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${selectField({ name: 'action', label: 'รายการ', options: ACTIONS, value: 'lend', width: 'w3' })}
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่', value: workDateTyped(), width: 'w1', attrs: { id: 'rice-date' } })}
            ${field({ name: 'member', label: 'เลขที่สมาชิก', width: 'w1', attrs: { id: 'rice-member', inputmode: 'numeric' } })}
            ${field({ name: 'kg', label: 'จำนวนข้าว (กิโลกรัม)', width: 'w2', attrs: { id: 'rice-kg', class: 'num', inputmode: 'decimal' } })}
          </div>
          <div class="form-grid">
            ${field({ name: 'from', label: 'ผู้บริจาค (เมื่อรับบริจาค)', width: 'w4', attrs: { id: 'rice-from', placeholder: 'เช่น องค์การบริหารส่วนตำบล' } })}
          </div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="rice-submit"><kbd>F2</kbd>บันทึก</button>
            <span class="muted small">ข้าวที่คืนหักดอกเบี้ยข้าวก่อน แล้วจึงหักข้าวที่ยืม สัญญาเก่าก่อน · ข้าวรับบริจาคและข้าวฝากคิดมูลค่าตามราคาที่คณะกรรมการกำหนด</span>
            <a class="button quiet" href="#/business/${b.number}/buy" id="rice-buy">ซื้อข้าวเข้ายุ้งฉาง</a>
          </div>
          <div id="rice-notice" role="status"></div>
        </form>
      </section>
      <section class="panel"><h2>ข้าวในยุ้งฉางและข้าวที่สมาชิกยืม</h2>
        <div id="rice-bank">${bank ? bankView(bank) : html`<p class="notice" id="rice-no-item">${bankError}</p>`}</div></section>`,
  );
  const form = el.querySelector('#rice-form');
  const action = form.querySelector('[name=action]');
  action.id = 'rice-action';
  action.setAttribute('autofocus', '');
  bindForm(form, async (v) => {
    const input = { business: key, item: '', member: v.member, kg: v.kg, date: v.date };
    const receiving = ['donation', 'deposit', 'withdraw'].includes(v.action);
    let words;
    let stockKg;
    if (receiving) {
      const done = await api.riceReceive({ ...input, how: v.action, from: v.from || '' });
      words = receivedWords(done);
      stockKg = done.stock_kg;
    } else {
      const done = v.action === 'repay' ? await api.riceRepay(input) : await api.riceLend(input);
      words = v.action === 'repay'
        ? `รับข้าวคืนจากสมาชิกเลขที่ ${done.member} ${done.name} ${done.kg} กก. (ดอกเบี้ยข้าว ${done.interest_kg} กก. ข้าวที่ยืม ${done.principal_kg} กก.)`
        : `ให้สมาชิกเลขที่ ${done.member} ${done.name} ยืมข้าว ${done.kg} กก. (สัญญาที่ ${done.loans.join(', ')})`;
      stockKg = done.stock_kg;
    }
    const r = await api.riceBank(key);
    if (!ctx.alive()) return;
    render(
      el.querySelector('#rice-notice'),
      html`<div class="notice saved" id="rice-saved">✓ ${words} · ข้าวในยุ้งฉาง ${stockKg} กก.</div>`,
    );
    render(el.querySelector('#rice-bank'), bankView(r));
    for (const n of ['member', 'kg', 'from']) form.querySelector(`[name=${n}]`).value = '';
    form.querySelector('[name=member]').focus();
  });
}
