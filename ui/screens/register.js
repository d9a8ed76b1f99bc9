// ทะเบียนคุมเงินสัจจะ: pledged savings paid by every member in each month of an accounting year,
// with the balance brought forward and carried forward. Type the year in พ.ศ.; PageUp /
// PageDown move a year. A member's name opens their account history.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { MONTHS_SHORT, thaiDate, workDay } from '../lib/format.js';
import { field, errorSummary, bindForm, callForForm } from '../lib/form.js';
import { isZero, orWord } from '../lib/money.js';

let lastYear = null; // พ.ศ. shown last

// "2026-10" -> "ต.ค. 69"
function monthHead(ym) {
  const [y, m] = ym.split('-').map(Number);
  return html`${MONTHS_SHORT[m - 1]}<br>${String(y + 543).slice(2)}`;
}

// A month can go below zero when savings are paid back (a member leaves) or a payment is
// reversed in a later month: say so in words.
const cell = (amount) => (isZero(amount) ? html`<span class="zero">–</span>` : orWord(amount, 'คืน'));

export async function show(el, ctx) {
  let reg = null;
  const thisYear = Number(workDay(ctx).slice(0, 4)) + 543 || '';
  render(
    el,
    html`<div class="screen-head"><h1>ทะเบียนคุมเงินสัจจะ</h1></div>
      <form id="register-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: String(lastYear || thisYear), hint: 'เช่น 2569', attrs: { id: 'register-year', autofocus: true, inputmode: 'numeric' } })}
          <button type="submit">แสดง</button>
          <span class="muted small">Enter = แสดง · PageUp/PageDown = ปีก่อน/ถัดไป · Tab แล้วลูกศรซ้าย/ขวา = เลื่อนดูเดือนอื่น · คลิกชื่อ = ประวัติบัญชีของสมาชิก</span>
        </div>
      </form>
      <div id="register-view"></div>`,
  );
  const form = el.querySelector('#register-form');
  const input = el.querySelector('#register-year');
  const view = el.querySelector('#register-view');

  function draw() {
    const r = reg;
    render(
      view,
      html`<h2 id="register-title">ปีบัญชี ${r.year} <span class="muted small">(${thaiDate(r.from)} – ${thaiDate(r.to)})</span></h2>
        <div class="grid-scroll" tabindex="0" aria-label="ทะเบียนคุมเงินสัจจะ เลื่อนซ้าย-ขวาด้วยลูกศร">
          <table class="amounts register" id="register">
            <thead><tr>
              <th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th><th class="num">ยกมา</th>
              ${r.months.map((m) => html`<th class="num">${monthHead(m)}</th>`)}
              <th class="num">รวมปีนี้</th><th class="num">คืนเมื่อพ้นสภาพ</th><th class="num">คงเหลือ</th>
            </tr></thead>
            <tbody>${r.rows.length
              ? r.rows.map(
                  (row) => html`<tr data-member="${row.member}">
                    <td class="num">${row.member}</td>
                    <td class="who"><a href="#/members/${row.member}/account">${row.name}</a>${row.status === 'active' ? '' : html` <span class="status left">พ้นสภาพ</span>`}</td>
                    <td class="num">${cell(row.opening)}</td>
                    ${row.months.map((a) => html`<td class="num">${cell(a)}</td>`)}
                    <td class="num strong">${cell(row.total)}</td>
                    <td class="num">${cell(row.refund)}</td>
                    <td class="num strong">${orWord(row.closing, 'คืน')}</td>
                  </tr>`,
                )
              : html`<tr><td colspan="18" class="muted">ไม่มีสมาชิกในปีบัญชีนี้</td></tr>`}</tbody>
            <tfoot><tr class="subtotal" id="register-totals">
              <th colspan="3">รวม ${r.rows.length} คน</th>
              ${r.month_totals.map((a) => html`<td class="num">${cell(a)}</td>`)}
              <td class="num">${orWord(r.total, 'คืน')}</td><td class="num">${cell(r.refund_total)}</td><td></td>
            </tr></tfoot>
          </table>
        </div>`,
    );
  }

  async function look(typed) {
    const got = await callForForm(form, 'year', () => api.sajjaRegister(typed));
    if (!got || !ctx.alive()) return;
    reg = got;
    lastYear = reg.year;
    input.value = String(reg.year);
    draw();
  }

  bindForm(form, (v) => look(v.year));
  input.addEventListener('keydown', (e) => {
    if ((e.key === 'PageUp' || e.key === 'PageDown') && reg) {
      e.preventDefault();
      look(String(reg.year + (e.key === 'PageUp' ? -1 : 1)));
    }
  });

  await look(input.value);
}
