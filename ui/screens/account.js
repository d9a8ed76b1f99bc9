// A member's account (#/members/12/account): every movement of their pledged savings,
// deposits, fines and loans with the running balances, like the passbook. Optional dates
// narrow it down; reversed lines stay, marked.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { field, errorSummary, bindForm, clearErrors, showErrors } from '../lib/form.js';
import { baht, bahtOrBlank } from '../lib/money.js';

export async function show(el, ctx) {
  const number = ctx.params.number;
  const [m, balance] = await Promise.all([api.member(number), api.memberBalance(number, '')]);

  render(
    el,
    html`<div class="screen-head">
        <h1 id="account-title">สมุดคู่ฝาก สมาชิกเลขที่ ${m.number} ${m.full_name}</h1>
        <a class="button quiet" href="#/members/${m.number}" data-key="Escape"><kbd>Esc</kbd>กลับไปข้อมูลสมาชิก</a>
      </div>
      <div class="cards position-cards account-cards">
        <div class="card"><div class="label">เงินสัจจะสะสม</div><div class="big num" id="acc-sajja">${baht(balance.sajja)}</div></div>
        <div class="card"><div class="label">เงินฝาก</div><div class="big num" id="acc-deposits">${baht(balance.deposits)}</div></div>
        <div class="card"><div class="label">ค่าปรับค้าง / เงินกู้คงเหลือ</div>
          <div class="big num">${baht(balance.fines_owed)} / ${baht(balance.loans)}</div></div>
      </div>
      <form id="account-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'from', date: true, label: 'ตั้งแต่วันที่', hint: 'ว่าง = ตั้งแต่เริ่ม', attrs: { autofocus: true } })}
          ${field({ name: 'to', date: true, label: 'ถึงวันที่', hint: 'ว่าง = ถึงปัจจุบัน' })}
          <button type="submit">แสดง</button>
        </div>
      </form>
      <div id="account-view"></div>`,
  );
  const form = el.querySelector('#account-form');
  const view = el.querySelector('#account-view');

  function draw(h) {
    const loans = h.has_loans;
    render(
      view,
      html`<table class="amounts history" id="account-history">
        <thead><tr>
          <th>วันที่ / ใบเสร็จ</th><th>รายการ</th>
          <th class="num">ฝาก<br>สัจจะ</th><th class="num">ถอน</th>
          <th class="num">สัจจะ<br>คงเหลือ</th><th class="num">เงินฝาก<br>คงเหลือ</th><th class="num">รวม<br>คงเหลือ</th>
          <th class="num">จ่าย<br>ค่าปรับ</th>
          ${loans ? html`<th class="num">ส่งต้น</th><th class="num">ดอกเบี้ย</th><th class="num">เงินกู้<br>คงเหลือ</th>` : ''}
        </tr></thead>
        <tbody>
          <tr class="opening"><td></td><td><strong>ยอดยกมา</strong></td><td></td><td></td>
            <td class="num">${baht(h.opening_sajja)}</td><td class="num">${baht(h.opening_deposits)}</td>
            <td class="num"><strong>${baht(h.opening_balance)}</strong></td><td></td>
            ${loans ? html`<td></td><td></td><td class="num">${baht(h.opening_loan)}</td>` : ''}</tr>
          ${h.lines.length
            ? h.lines.map(
                (l) => html`<tr class="${l.reversed ? 'void' : ''}">
                  <td class="date">${thaiDate(l.date)}${l.receipt ? html`<div class="small muted">${l.receipt}</div>` : ''}</td>
                  <td class="memo">${l.what}${l.reversed ? html` <span class="status voided">ยกเลิกแล้ว</span>` : ''}${l.kind === 'reversal' && !String(l.what ?? l.memo ?? '').includes('รายการหักล้าง') ? html` <span class="status left">รายการหักล้าง</span>` : ''}</td>
                  <td class="num">${bahtOrBlank(l.saved)}</td><td class="num">${bahtOrBlank(l.withdrawn)}</td>
                  <td class="num">${baht(l.sajja_balance)}</td><td class="num">${baht(l.deposit_balance)}</td>
                  <td class="num"><strong>${baht(l.balance)}</strong></td>
                  <td class="num">${bahtOrBlank(l.fines_paid)}</td>
                  ${loans ? html`<td class="num">${bahtOrBlank(l.principal_paid)}</td><td class="num">${bahtOrBlank(l.interest_paid)}</td>
                    <td class="num">${baht(l.loan_balance)}</td>` : ''}
                </tr>`,
              )
            : html`<tr><td colspan="${loans ? 11 : 8}" class="muted">ไม่มีรายการในช่วงนี้</td></tr>`}
        </tbody>
      </table>`,
    );
  }

  async function look(from, to) {
    clearErrors(form);
    let h;
    try {
      h = await api.accountHistory(number, from, to);
    } catch (err) {
      showErrors(form, [err]);
      return;
    }
    if (ctx.alive()) draw(h);
  }

  bindForm(form, (v) => look(v.from, v.to));
  await look('', '');
}
