// เงินกู้: loans waiting for approval, waiting to be paid out, and being repaid. Type a contract
// number (2568/7) or a member's number or name: Enter opens the first match.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { toArabicDigits } from '../lib/digits.js';
import { arrowsAlong } from '../lib/arrows.js';
import { loanLink, statusBadge, arrearsBadge, money, cardHref } from './loan-parts.js';

let showAll = false;
// Drawing thousands of rows on every keystroke would make typing lag.
const SHOW_AT_MOST = 300;

const SECTIONS = [
  ['applied', 'รออนุมัติ', 'คำขอกู้ที่คณะกรรมการยังไม่ได้พิจารณา'],
  ['approved', 'อนุมัติแล้ว รอจ่ายเงิน', ''],
  ['active', 'กำลังผ่อนชำระ', ''],
];

function table(all, arrears, id) {
  const rows = all.slice(0, SHOW_AT_MOST);
  const more = all.length - rows.length;
  return html`<table class="amounts loan-table" id="${id}">
    <thead><tr><th>สัญญา</th><th class="num">เลขที่</th><th>ผู้กู้</th><th>ประเภท</th>
      <th>วันที่ยื่น</th><th class="num">ยอดกู้</th><th class="num">คงเหลือ</th><th>สถานะ</th></tr></thead>
    <tbody>${rows.map(
      (r) => html`<tr data-loan="${r.loan}" class="${arrears.has(r.id) ? 'in-arrears' : ''}">
        <td>${loanLink(r.loan)}</td><td class="num">${r.member}</td><td>${r.name}</td><td>${r.product}</td>
        <td>${thaiDate(r.applied_on)}</td><td class="num">${money(r.amount)}</td><td class="num">${money(r.balance)}</td>
        <td>${statusBadge(r.status, r.status_label)} ${arrears.has(r.id) ? arrearsBadge() : ''}</td></tr>`,
    )}</tbody>
  </table>
  ${more > 0 ? html`<p class="muted small">แสดง ${SHOW_AT_MOST} สัญญาแรก อีก ${more} สัญญา — พิมพ์เลขที่สัญญา เลขที่สมาชิก หรือชื่อเพื่อค้นหา</p>` : ''}`;
}

export async function show(el, ctx) {
  const [rows, products, arrearsList] = await Promise.all([
    api.loans({ status: showAll ? '' : 'open' }),
    api.loanProducts(),
    api.loanArrears(),
  ]);
  const arrears = new Set(arrearsList.loans.map((r) => r.id));
  let filter = '';

  render(
    el,
    html`<div class="screen-head">
        <h1>เงินกู้</h1>
        <a class="button primary" href="#/loans/apply" data-key="F3" id="loan-apply"><kbd>F3</kbd>ยื่นคำขอกู้</a>
        <a class="button" href="#/loans/arrears" data-key="F7" id="loan-arrears-link"><kbd>F7</kbd>ลูกหนี้ค้างชำระ
          ${arrearsList.loans.length ? html` (${arrearsList.loans.length})` : ''}</a>
        <a class="button quiet" href="#/loans/products" data-key="F4" id="loan-products-link"><kbd>F4</kbd>ประเภทเงินกู้</a>
      </div>
      ${products.length === 0
        ? html`<p class="notice" id="no-products">ยังไม่มีประเภทเงินกู้ — กด F4 เพื่อเพิ่มประเภทเงินกู้ตามระเบียบกลุ่มก่อนรับคำขอกู้</p>`
        : ''}
      <div class="cards loan-cards">
        <div class="card"><div class="label">สัญญาที่กำลังผ่อนชำระ</div>
          <div class="big" id="loans-active">${arrearsList.active_loans} สัญญา</div>
          <div class="muted small">เงินต้นคงเหลือ ${money(arrearsList.active_balance)} บาท</div></div>
        <div class="card"><div class="label">ค้างชำระ</div>
          <div class="big" id="loans-in-arrears">${arrearsList.loans.length} สัญญา</div>
          <div class="muted small">ค้างรวม ${money(arrearsList.total)} บาท</div></div>
        <div class="card"><div class="label">รออนุมัติ / รอจ่ายเงิน</div>
          <div class="big">${rows.filter((r) => r.status === 'applied').length} / ${rows.filter((r) => r.status === 'approved').length}</div></div>
      </div>
      <div class="search-row">
        <div class="field">
          <label for="loan-search">ค้นหาด้วยเลขที่สัญญา เลขที่สมาชิก หรือชื่อ</label>
          <input id="loan-search" type="search" autocomplete="off" autofocus placeholder="เช่น 2568/7 หรือ 12 หรือ สมชาย">
        </div>
        <label class="check"><input type="checkbox" id="loan-show-all" ${showAll ? 'checked' : ''}> แสดงสัญญาที่ปิดแล้วด้วย</label>
      </div>
      <div id="loan-sections"></div>`,
  );

  const input = el.querySelector('#loan-search');
  const sections = el.querySelector('#loan-sections');
  const draw = () => {
    const q = filter.toLowerCase();
    const match = (r) =>
      !q || r.loan.includes(q) || String(r.member) === q || r.name.toLowerCase().includes(q);
    const shown = rows.filter(match);
    const groups = SECTIONS.map(([status, title, hint]) => [status, title, hint, shown.filter((r) => r.status === status)]);
    const ended = shown.filter((r) => !['applied', 'approved', 'active'].includes(r.status));
    render(
      sections,
      html`${groups.map(
        ([status, title, hint, list]) => html`<section class="panel" id="loans-${status}">
          <h2>${title} <span class="muted small">${list.length} สัญญา</span></h2>
          ${hint ? html`<p class="muted small">${hint}</p>` : ''}
          ${list.length ? table(list, arrears, `loan-list-${status}`) : html`<p class="muted">ไม่มี</p>`}
        </section>`,
      )}
      ${showAll
        ? html`<section class="panel" id="loans-ended"><h2>สัญญาที่ปิดแล้ว <span class="muted small">${ended.length} สัญญา</span></h2>
            ${ended.length ? table(ended, arrears, 'loan-list-ended') : html`<p class="muted">ไม่มี</p>`}</section>`
        : ''}`,
    );
  };
  draw();

  input.addEventListener('input', () => {
    filter = toArabicDigits(input.value.trim());
    draw();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const m = /^(\d{4})\/(\d+)$/.exec(filter);
      if (m) {
        ctx.go(cardHref(`${m[1]}/${m[2].padStart(3, '0')}`));
        return;
      }
      const first = sections.querySelector('a.loan-link');
      if (first) first.click();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      sections.querySelector('a.loan-link')?.focus();
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      e.stopPropagation();
      input.value = '';
      filter = '';
      draw();
    }
  });
  sections.addEventListener('keydown', (e) => arrowsAlong(e, [...sections.querySelectorAll('a.loan-link')], input));
  el.querySelector('#loan-show-all').addEventListener('change', (e) => {
    showAll = e.target.checked;
    ctx.go('#/loans');
  });
}
