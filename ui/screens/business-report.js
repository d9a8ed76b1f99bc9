// รายงานกำไรขาดทุนของธุรกิจ: a business's year (พ.ศ.) — sales, cost of goods sold, other income,
// expenses and profit, month by month; stock on hand; members' purchases and goods debts.
// F10 prints it (the print screen with the business and the year chosen).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, thaiMonth, workDay } from '../lib/format.js';
import { field, errorSummary, bindForm } from '../lib/form.js';
import { baht, orWord } from '../lib/money.js';
import { head, stockTable } from './business-parts.js';

let lastYear = null;

function view(r) {
  return html`<p class="muted" id="report-span">ปีบัญชี ${r.year} (${thaiDate(r.from)} ถึง ${thaiDate(r.to)})</p>
    <div class="cards">
      <div class="card"><div class="label">ขาย</div><div class="big num" id="report-sales">${baht(r.sales)}</div></div>
      <div class="card"><div class="label">ต้นทุนสินค้าที่ขาย</div><div class="big num" id="report-cogs">${baht(r.cost_of_goods_sold)}</div></div>
      <div class="card"><div class="label">กำไร (รายได้ของทุนดำเนินการ)</div><div class="big num" id="report-profit">${orWord(r.profit, 'ขาดทุน')}</div></div>
    </div>
    <table class="amounts" id="report-months">
      <thead><tr><th>เดือน</th><th class="num">ขาย</th><th class="num">ต้นทุนขาย</th><th class="num">กำไรขั้นต้น</th>
        <th class="num">รายได้อื่น</th><th class="num">ค่าใช้จ่าย</th><th class="num">กำไรสุทธิ</th></tr></thead>
      <tbody>${r.months.map(
        (m) => html`<tr><td>${thaiMonth(m.month)}</td><td class="num">${baht(m.sales)}</td><td class="num">${baht(m.cost_of_goods_sold)}</td>
          <td class="num">${orWord(m.gross_profit, 'ขาดทุน')}</td><td class="num">${baht(m.other_income)}</td>
          <td class="num">${baht(m.expenses)}</td><td class="num">${orWord(m.profit, 'ขาดทุน')}</td></tr>`,
      )}</tbody>
      <tfoot><tr><th>ทั้งปี</th><td class="num">${baht(r.sales)}</td><td class="num">${baht(r.cost_of_goods_sold)}</td>
        <td class="num">${orWord(r.gross_profit, 'ขาดทุน')}</td><td class="num">${baht(r.other_income)}</td><td class="num">${baht(r.expenses)}</td>
        <td class="num"><strong>${orWord(r.profit, 'ขาดทุน')}</strong></td></tr></tfoot>
    </table>
    <p>เงินสดของธุรกิจสิ้นปี <strong class="num">${baht(r.cash)}</strong> บาท · ลูกหนี้ (ค่าสินค้าเงินเชื่อและข้าวที่ยืม) <strong class="num">${baht(r.receivables)}</strong> บาท</p>
    <h2>สินค้าคงเหลือสิ้นปี</h2>
    ${stockTable(r.stock, 'report-stock')}
    <h2>การซื้อของสมาชิกในปี</h2>
    ${r.members.length
      ? html`<table class="amounts" id="report-members">
          <thead><tr><th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th><th class="num">ซื้อทั้งปี</th><th class="num">ค้างชำระค่าสินค้า</th></tr></thead>
          <tbody>${r.members.map(
            (m) => html`<tr><td class="num">${m.member}</td><td>${m.name}</td><td class="num">${baht(m.purchases)}</td><td class="num">${baht(m.owed)}</td></tr>`,
          )}</tbody>
        </table>`
      : html`<p class="muted">ไม่มีสมาชิกซื้อสินค้าในปีนี้</p>`}`;
}

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const b = await api.business(key);
  const year = lastYear || String(Number(workDay(ctx).slice(0, 4)) + 543);
  render(
    el,
    html`${head(b, '/report', 'รายงานกำไรขาดทุน')}
      <form id="report-form" novalidate class="report-tools">
        ${errorSummary}
        <div class="form-grid">
          ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: year, width: 'w1', attrs: { id: 'report-year' } })}
        </div>
        <div class="actions">
          <button type="submit" id="report-show"><kbd>Enter</kbd>แสดง</button>
          <button type="button" class="primary" data-key="F9" id="report-print"><kbd>F9</kbd>พิมพ์</button>
        </div>
      </form>
      <section class="panel" id="report-body"></section>`,
  );
  const form = el.querySelector('#report-form');
  const load = async (y) => {
    const r = await api.businessReport(key, y);
    if (!ctx.alive()) return;
    lastYear = String(r.year);
    render(el.querySelector('#report-body'), view(r));
  };
  bindForm(form, (v) => load(v.year));
  el.querySelector('#report-print').addEventListener('click', () => {
    ctx.go(`#/print/business/${b.number}:${form.querySelector('[name=year]').value.trim()}`);
  });
  await load(year);
}
