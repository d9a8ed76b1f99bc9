// One member: details, beneficiaries and the dated history of changes.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, idCard } from '../lib/format.js';
import { memberMoneyPanel } from './member-money.js';
import { memberLoansPanel } from './loan-parts.js';

const dash = (v) => (v === null || v === undefined || v === '' ? html`<span class="muted">—</span>` : v);

// The core stores why a member left as a code; the words are the core's (exit::ExitReason).
const LEFT_REASONS = { resign: 'ลาออก', death: 'เสียชีวิต', expel: 'ให้ออก' };
const reasonText = (code) => LEFT_REASONS[code] || code;

// History values: ISO dates in พ.ศ., status codes in words, everything else as stored.
function changeValue(v) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v || '')) return thaiDate(v);
  if (v === 'active') return 'เป็นสมาชิก';
  if (v === 'left') return 'พ้นสภาพ';
  const left = /^left:(.*)$/.exec(v || '');
  if (left) return `พ้นสภาพ (${reasonText(left[1])})`;
  return v;
}

export async function show(el, ctx) {
  const number = ctx.params.number;
  const [m, history] = await Promise.all([api.member(number), api.memberHistory(number)]);

  render(
    el,
    html`<div class="screen-head">
        <h1 id="member-title">เลขที่ ${m.number} ${m.full_name}</h1>
        <div class="head-actions">
        ${m.status === 'active'
          ? html`<a class="button primary" href="#/members/${m.number}/edit" data-key="F4" id="edit-member" autofocus><kbd>F4</kbd>แก้ไขข้อมูล</a>`
          : ''}
        <a class="button" href="#/print/passbook/${m.number}" id="print-passbook">พิมพ์สมุดคู่ฝาก</a>
        <a class="button" href="#/print/application/${m.number}" id="print-application">พิมพ์ใบสมัคร</a>
        <a class="button" href="#/print/member-card/${m.number}" id="print-card">พิมพ์บัตรสมาชิก</a>
        <a class="button quiet" href="#/members" data-key="Escape"${m.status === 'active' ? '' : html` autofocus`}><kbd>Esc</kbd>กลับไปรายชื่อ</a>
        </div>
      </div>
      <section class="panel">
        <h2>ข้อมูลสมาชิก</h2>
        <dl class="details" id="member-details">
          <dt>สถานะ</dt>
          <dd>${m.status === 'active'
            ? html`<span class="status active">เป็นสมาชิก</span>`
            : html`<span class="status left">พ้นสภาพ</span>${m.left_on ? html` เมื่อ ${thaiDate(m.left_on)}` : ''}${m.left_reason ? html` (${reasonText(m.left_reason)})` : ''}`}</dd>
          <dt>วันที่สมัคร</dt><dd>${thaiDate(m.joined)}</dd>
          <dt>เลขประจำตัวประชาชน</dt><dd id="id-card">${dash(idCard(m.id_card))}${m.id_card
            ? html` <button type="button" class="quiet" id="reveal-id">แสดงเลขเต็ม</button>`
            : ''}</dd>
          <dt>วันเกิด</dt><dd>${dash(thaiDate(m.birth_date))}</dd>
          <dt>โทรศัพท์</dt><dd>${dash(m.phone)}</dd>
          <dt>ส่งหุ้นเดือนละ</dt><dd>${m.shares} หุ้น</dd>
          <dt>ที่อยู่</dt><dd class="wide">${dash(m.address)}</dd>
        </dl>
      </section>
      <section class="panel">
        <h2>ผู้รับผลประโยชน์</h2>
        ${m.beneficiaries.length === 0
          ? html`<p class="muted">ยังไม่ได้ระบุ</p>`
          : html`<table id="beneficiaries">
              <thead><tr><th>ชื่อ–นามสกุล</th><th>เกี่ยวข้องเป็น</th><th class="num">ส่วนแบ่ง (%)</th></tr></thead>
              <tbody>${m.beneficiaries.map(
                (b) => html`<tr><td>${b.name}</td><td>${dash(b.relation)}</td><td class="num">${b.share_percent}</td></tr>`,
              )}</tbody>
            </table>`}
      </section>
      <section class="panel">
        <h2>ประวัติการเปลี่ยนแปลง</h2>
        ${history.length === 0
          ? html`<p class="muted" id="no-history">ยังไม่เคยแก้ไขข้อมูล</p>`
          : html`<table id="history">
              <thead><tr><th>วันที่</th><th>ข้อมูล</th><th>เดิม</th><th>ใหม่</th></tr></thead>
              <tbody>${history.map(
                (h) => html`<tr><td class="date">${thaiDate(h.changed_on)}</td><td>${h.field_label || h.field}</td>
                  <td>${dash(changeValue(h.old_value))}</td><td>${dash(changeValue(h.new_value))}</td></tr>`,
              )}</tbody>
            </table>`}
      </section>`,
  );
  // The full ID only on an explicit click (personal data stays masked by default).
  const reveal = el.querySelector('#reveal-id');
  if (reveal) {
    reveal.addEventListener('click', async () => {
      const full = await api.member(number, true);
      el.querySelector('#id-card').textContent = idCard(full.id_card);
    });
  }
  // Loans and guarantees, after the member's details (a borrower in arrears is flagged there).
  try {
    const panel = await memberLoansPanel(number);
    el.querySelector('#member-details').closest('section').insertAdjacentHTML('afterend', String(panel));
  } catch (err) {
    // The member screen stays usable even if the loan panel cannot be drawn.
  }
  // Balances, the account history and leaving the group, right after the member's details.
  try {
    const money = await memberMoneyPanel(m);
    el.querySelector('#member-details').closest('section').insertAdjacentHTML('afterend', String(money));
  } catch (err) {
    // The member screen stays usable even if the balances cannot be read.
  }
}
