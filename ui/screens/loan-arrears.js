// ลูกหนี้ค้างชำระ: every loan with an overdue instalment or unpaid fines on a date, aged by its
// oldest unpaid instalment (1 month, 2–3, over 3), with the guarantors to call on.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { arrearsBadge, loanLink, money } from './loan-parts.js';

let lastDate = '';

export async function show(el, ctx) {
  const list = await api.loanArrears(lastDate);
  render(
    el,
    html`<div class="screen-head">
        <h1>ลูกหนี้ค้างชำระ ณ ${thaiDate(list.date)}</h1>
        <a class="button quiet" href="#/loans" data-key="Escape"><kbd>Esc</kbd>กลับไปหน้าเงินกู้</a>
      </div>
      <form class="month-picker" id="arrears-date" novalidate>
        ${errorSummary}
        ${field({ name: 'date', date: true, label: 'ดูยอด ณ วันที่', value: lastDate || workDateTyped(), attrs: { autofocus: true } })}
        <button type="submit" class="primary">แสดง</button>
      </form>
      <div class="cards bucket-cards" id="arrears-buckets">
        ${list.buckets.map(
          (b) => html`<div class="card bucket-${b.bucket}"><div class="label">${b.label}</div>
            <div class="big">${b.loans} สัญญา</div><div class="muted small">${money(b.total)} บาท</div></div>`,
        )}
      </div>
      <section class="panel">
        <h2>รายสัญญา <span class="muted small">ค้างรวม ${money(list.total)} บาท · เงินต้นคงเหลือของสัญญาเหล่านี้ ${money(list.balance)} บาท
          · จากสัญญาที่กำลังผ่อน ${list.active_loans} สัญญา</span></h2>
        ${list.loans.length === 0
          ? html`<p class="notice" id="no-arrears">ไม่มีลูกหนี้ค้างชำระ</p>`
          : html`<table class="amounts arrears-table" id="arrears-list">
              <thead><tr><th>สัญญา</th><th>ผู้กู้</th><th>อายุหนี้</th>
                <th class="num">ค้างเงินต้น</th><th class="num">ค้างดอกเบี้ย</th><th class="num">ค่าปรับ</th><th class="num">รวมค้าง</th>
                <th>ผู้ค้ำประกัน</th></tr></thead>
              <tbody>${list.loans.map(
                (r) => html`<tr class="in-arrears bucket-${r.bucket}" data-loan="${r.loan}"><td>${loanLink(r.loan)}</td>
                  <td><a href="#/members/${r.member}">${r.member} ${r.name}</a>
                    <div class="muted small">เงินต้นคงเหลือ ${baht(r.balance)}</div></td>
                  <td>${arrearsBadge(r.bucket_label)}${r.oldest_due ? html`<div class="muted small">ตั้งแต่งวด ${thaiDate(r.oldest_due)}</div>` : ''}</td>
                  <td class="num">${baht(r.overdue_principal)}</td><td class="num">${baht(r.overdue_interest)}</td>
                  <td class="num">${baht(r.fines)}</td><td class="num"><strong>${baht(r.total)}</strong></td>
                  <td>${r.guarantors.length ? r.guarantors.map((g, i) => html`${i ? html`<br>` : ''}<a href="#/members/${g.member}">${g.member} ${g.name}</a>`) : html`<span class="muted">ไม่มี</span>`}</td></tr>`,
              )}</tbody>
              <tfoot><tr><th colspan="3">รวม ${list.loans.length} สัญญา</th>
                <td class="num">${baht(list.overdue_principal)}</td><td class="num">${baht(list.overdue_interest)}</td>
                <td class="num">${baht(list.fines)}</td><td class="num"><strong>${baht(list.total)}</strong></td>
                <td></td></tr></tfoot>
            </table>`}
      </section>`,
  );
  bindForm(el.querySelector('#arrears-date'), async (v) => {
    await api.loanArrears(v.date);
    lastDate = v.date;
    ctx.go('#/loans/arrears');
  });
}
