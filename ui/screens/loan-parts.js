// Pieces shared by the loan screens and the member screen: status and arrears badges, the link
// to a loan card, and a member's loans-and-guarantees panel.

import * as api from '../api.js';
import { html } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { baht } from '../lib/money.js';

// "2568/007" -> "#/loans/2568/007"
export const cardHref = (number) => `#/loans/${number}`;

export function loanLink(number, attrs = '') {
  return html`<a href="${cardHref(number)}" class="loan-link"${attrs ? html` ${attrs}` : ''}>${number}</a>`;
}

const STATUS_CLASS = {
  applied: 'waiting',
  approved: 'waiting',
  active: 'active',
  closed: 'done',
  rejected: 'left',
  restructured: 'done',
  written_off: 'left',
};

export function statusBadge(status, label) {
  return html`<span class="status ${STATUS_CLASS[status] || ''}">${label}</span>`;
}

// Arrears are marked with a word and an icon, never by colour alone.
export function arrearsBadge(text = 'ค้างชำระ') {
  return html`<span class="arrears-badge" role="img" aria-label="${text}">⚠ ${text}</span>`;
}

export const money = (m) => html`<span class="nowrap">${baht(m)}</span>`;

// The "เงินกู้และการค้ำประกัน" panel of a member (member screen, loan card).
export async function memberLoansPanel(number, { heading = 'เงินกู้และการค้ำประกัน' } = {}) {
  const m = await api.memberLoans(number);
  const open = m.loans.filter((l) => ['applied', 'approved', 'active'].includes(l.status));
  return html`<section class="panel" id="member-loans">
    <h2>${heading} ${m.in_arrears ? arrearsBadge('ค้างชำระเงินกู้') : ''}</h2>
    ${m.loans.length === 0
      ? html`<p class="muted">ยังไม่เคยกู้เงิน</p>`
      : html`<table class="amounts" id="member-loan-list">
          <thead><tr><th>สัญญา</th><th>ประเภท</th><th class="num">ยอดกู้</th><th class="num">คงเหลือ</th><th>สถานะ</th></tr></thead>
          <tbody>${m.loans.map(
            (l) => html`<tr><td>${loanLink(l.loan)}</td><td>${l.product}</td><td class="num">${money(l.amount)}</td>
              <td class="num">${money(l.balance)}</td><td>${statusBadge(l.status, l.status_label)}</td></tr>`,
          )}</tbody>
        </table>`}
    ${open.length
      ? html`<p class="loan-due-line">ต้องชำระเดือนนี้ <strong>${money(m.due.total)}</strong> บาท
          ${m.due.arrears !== '0.00' ? html`(รวมค้างชำระ ${money(m.due.arrears)} บาท)` : ''}
          · ยอดปิดสัญญา ${money(m.due.payoff)} บาท</p>`
      : ''}
    <h3>ค้ำประกันให้ผู้อื่น</h3>
    ${m.guarantees.length === 0
      ? html`<p class="muted" id="no-guarantees">ไม่ได้ค้ำประกันให้ใคร</p>`
      : html`<table class="amounts" id="member-guarantees">
          <thead><tr><th>สัญญา</th><th>ผู้กู้</th><th class="num">คงเหลือ</th><th>สถานะ</th></tr></thead>
          <tbody>${m.guarantees.map(
            (g) => html`<tr class="${g.in_arrears ? 'in-arrears' : ''}"><td>${loanLink(g.loan)}</td>
              <td>${g.borrower} ${g.name}</td><td class="num">${money(g.balance)}</td>
              <td>${statusBadge(g.status, g.status_label)}
                ${g.in_arrears ? arrearsBadge(`ผู้กู้ค้างชำระ ${baht(g.overdue)} บาท`) : ''}</td></tr>`,
          )}</tbody>
        </table>
        <p class="muted small">ค้ำประกันอยู่รวม ${money(m.guaranteed_total)} บาท</p>`}
  </section>`;
}

// Member numbers typed as "2, 5" or "2 5" -> ["2", "5"].
export function splitNumbers(text) {
  return String(text || '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function dateOrDash(iso) {
  return iso ? thaiDate(iso) : html`<span class="muted">—</span>`;
}

// A rate above the legal cap: one short line, and the law behind a "ทำไม" that opens the
// explanation in place (no technical words, nothing to scroll past).
// The explanation stays open once asked for: the preview is redrawn as the form changes (a
// field left by the click on "ทำไม" redraws it too).
let whyOpen = false;

export function legalWarning(short, why, { id = 'legal-warning', after = '' } = {}) {
  return html`<div class="legal-warning" id="${id}" role="alert">⚠ ${short}${why
    ? html` <button type="button" class="legal-why-toggle" aria-expanded="${String(whyOpen)}">ทำไม</button><p class="legal-why"${whyOpen ? '' : html` hidden`}>${why}</p>`
    : ''}${after}</div>`;
}

// "ทำไม" opens and closes its explanation wherever a warning is drawn: one listener for the
// page rather than one per drawing.
document.addEventListener('click', (e) => {
  const toggle = e.target.closest('.legal-why-toggle');
  if (!toggle) return;
  whyOpen = !whyOpen;
  for (const box of document.querySelectorAll('.legal-warning')) {
    const why = box.querySelector('.legal-why');
    if (why) why.hidden = !whyOpen;
    box.querySelector('.legal-why-toggle')?.setAttribute('aria-expanded', String(whyOpen));
  }
});
