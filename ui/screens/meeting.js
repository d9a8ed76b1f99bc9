// One meeting, held at the table: who came (tick the list: มา, or the reason for not coming,
// or who came in their place), the quorum as the regulation counts it, outside attendees,
// the five ระเบียบวาระ with each item and its มติ, what the books offer agenda 3/4 (the fund
// report, members admitted and leaving, waiting loan applications — approved here, the
// approval records this meeting — and the arrears list; at a general meeting also the year's
// statements and the allocation of its profit, with the way to the year-end's preview and
// close), closing (times, recorder, checker) and printing the minutes.
//
// Keys: Space ticks a person, ↑/↓ move along the list, Enter in a reason or substitute box
// records it; F2 records an agenda item, F6 a guest, F9 closes, F7 prints. Certified minutes
// are shown read-only.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDateLong } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm, clearErrors, showErrors } from '../lib/form.js';
import { toArabicDigits } from '../lib/digits.js';
import { confirmDialog } from '../lib/dialog.js';
import { loanLink, money } from './loan-parts.js';
import { meetingState } from './meetings.js';


// The people the attendance list is ticked on: the committee (seats held that day) for a
// committee meeting, the members of the group otherwise; plus anyone already marked.
function people(m, seats, members) {
  const list = new Map();
  if (m.kind === 'committee') {
    for (const s of seats) {
      const p = list.get(s.member);
      // ประธาน (เงินกู้): the position, then which committee.
      const seat = `${s.position} (${s.committee_label.replace('คณะกรรมการ', '')})`;
      if (p) p.position += `, ${seat}`;
      else list.set(s.member, { member: s.member, name: s.name, position: seat });
    }
  } else {
    for (const r of members) {
      if (r.status === 'active' && r.joined <= m.date) list.set(r.number, { member: r.number, name: r.full_name, position: '' });
    }
  }
  for (const a of [...m.present, ...m.absent]) {
    if (a.substitute_for) continue;
    if (!list.has(a.member)) list.set(a.member, { member: a.member, name: a.name, position: a.position });
  }
  return [...list.values()].sort((a, b) => a.member - b.member);
}

// How one person stands: present, substituted (by whom), absent with a reason, or unmarked.
function standing(m, n) {
  const sub = m.present.find((a) => a.substitute_for && a.substitute_for.member === n);
  if (sub) return { state: 'substitute', by: sub };
  if (m.present.some((a) => a.member === n && !a.substitute_for)) return { state: 'present' };
  const away = m.absent.find((a) => a.member === n);
  if (away && away.reason) return { state: 'absent', reason: away.reason };
  return { state: 'none' };
}

function stateWords(st) {
  switch (st.state) {
    case 'present': return html`<span class="att present">✓ มาประชุม</span>`;
    case 'substitute': return html`<span class="att present">✓ ${st.by.name} (เลขที่ ${st.by.member}) มาแทน</span>`;
    case 'absent': return html`<span class="att away">✗ ไม่มา: ${st.reason}</span>`;
    default: return html`<span class="att muted">— ยังไม่ได้ติ๊ก</span>`;
  }
}

function quorumBox(m) {
  const q = m.quorum;
  return html`<div class="quorum ${q.met ? 'met' : 'short'}" id="meeting-quorum" role="status">
    <strong>${q.met ? '✓' : '⚠'} ${q.text}</strong>
    <span class="muted small">ผู้มาประชุม ${m.present.length} คน · ไม่มา ${m.absent_count} คน · ผู้เข้าร่วมประชุม ${m.guests.length} คน</span>
  </div>`;
}

function attendance(m, list, locked) {
  const committee = m.kind === 'committee';
  return html`<form class="panel" id="attendance-form" novalidate>
    <h2>ผู้มาประชุม <span class="muted small">${committee ? 'กรรมการตามทะเบียนในวันประชุม' : 'สมาชิกของกลุ่มในวันประชุม'} ${list.length} คน</span></h2>
    ${errorSummary}
    ${list.length > 12
      ? html`<div class="search-row"><div class="field"><label for="attendance-search">ค้นหาด้วยเลขที่หรือชื่อ</label>
          <input id="attendance-search" type="search" autocomplete="off"></div></div>`
      : ''}
    ${list.length
      ? html`<table id="attendance">
          <thead><tr><th>มา</th><th class="num">เลขที่</th><th>ชื่อ</th>${committee ? html`<th>ตำแหน่ง</th>` : ''}
            <th>เหตุที่ไม่มา</th>${committee ? html`<th>ผู้มาแทน (เลขที่)</th>` : ''}<th>บันทึกไว้</th></tr></thead>
          <tbody>${list.map((p) => {
            const st = standing(m, p.member);
            return html`<tr data-member="${p.member}" data-name="${p.name}">
              <td><input type="checkbox" class="tick" id="tick-${p.member}" aria-label="${p.name} มาประชุม"${st.state === 'present' ? html` checked` : ''}${locked ? html` disabled` : ''}></td>
              <td class="num">${p.member}</td><td class="nowrap">${p.name}</td>${committee ? html`<td class="small">${p.position}</td>` : ''}
              <td><input class="reason" id="reason-${p.member}" aria-label="เหตุที่ ${p.name} ไม่มา" value="${st.state === 'absent' ? st.reason : ''}"${locked ? html` disabled` : ''}></td>
              ${committee ? html`<td><input class="sub num" id="sub-${p.member}" inputmode="numeric" aria-label="เลขที่สมาชิกผู้มาประชุมแทน ${p.name}" value="${st.state === 'substitute' ? st.by.member : ''}"${locked ? html` disabled` : ''}></td>` : ''}
              <td class="state" id="state-${p.member}">${stateWords(st)}</td></tr>`;
          })}</tbody></table>`
      : html`<p class="notice" id="no-attendees">${committee ? html`ยังไม่มีกรรมการในทะเบียนวันประชุม — บันทึกกรรมการที่หน้า <a href="#/committee">คณะกรรมการ</a> ก่อน` : 'ยังไม่มีสมาชิก'}</p>`}
    <p class="muted small">Space = ติ๊กมา/ไม่มา · ↑ ↓ = คนก่อน/คนถัดไป · พิมพ์เหตุที่ไม่มาหรือเลขที่ผู้มาแทนแล้วกด Enter</p>
  </form>`;
}

function guests(m, locked) {
  return html`<form class="panel" id="guest-form" novalidate>
    <h2>ผู้เข้าร่วมประชุม <span class="muted small">ผู้ที่ไม่ใช่${m.kind === 'committee' ? 'กรรมการ' : 'สมาชิก'} เช่น พัฒนากร</span></h2>
    ${m.guests.length
      ? html`<ol id="guest-list">${m.guests.map((g) => html`<li>${g.name}${g.position ? html` <span class="muted">${g.position}</span>` : ''}</li>`)}</ol>`
      : html`<p class="muted" id="guest-list">ไม่มี</p>`}
    ${locked ? '' : html`${errorSummary}<div class="form-grid">
        ${field({ name: 'name', label: 'ชื่อ', width: 'w3', attrs: { id: 'guest-name' } })}
        ${field({ name: 'position', label: 'ตำแหน่ง', hint: 'เช่น พัฒนากรตำบล', width: 'w3', attrs: { id: 'guest-position' } })}
      </div>
      <div class="actions"><button type="submit" data-key="F3" id="guest-submit"><kbd>F3</kbd>เพิ่มผู้เข้าร่วมประชุม</button></div>`}
  </form>`;
}

function votes(i) {
  if (i.votes_for == null && i.votes_against == null && i.votes_abstain == null) return '';
  return html`<span class="muted small"> (เห็นด้วย ${i.votes_for ?? 0} เสียง ไม่เห็นด้วย ${i.votes_against ?? 0} เสียง งดออกเสียง ${i.votes_abstain ?? 0} เสียง)</span>`;
}

function agenda(m) {
  return html`<section class="panel" id="agenda">
    <h2>ระเบียบวาระการประชุม</h2>
    ${m.agenda.map(
      (a) => html`<div class="agenda" data-agenda="${a.number}">
        <h3>ระเบียบวาระที่ ${a.number} ${a.title}</h3>
        ${a.items.length
          ? a.items.map(
              (i) => html`<div class="agenda-item${i.source ? ' from-books' : ''}">
                <p class="item-title"><strong>${i.title}</strong>${i.source ? html` <span class="tag">จากสมุดบัญชี</span>` : ''}</p>
                ${i.text ? html`<p class="item-text">${i.text}</p>` : ''}
                ${i.resolution ? html`<p class="item-resolution"><strong>มติที่ประชุม</strong> ${i.resolution}${votes(i)}</p>` : ''}
              </div>`,
            )
          : html`<p class="muted small">ไม่มีเรื่อง</p>`}
      </div>`,
    )}
  </section>`;
}

function textArea(name, label, id, hint = '') {
  return html`<div class="field w6" data-field="${name}">
    <label for="${id}">${label}</label>${hint ? html`<p class="hint">${hint}</p>` : ''}
    <textarea id="${id}" name="${name}" rows="3"></textarea></div>`;
}

function itemForm() {
  return html`<form class="panel action-panel" id="item-form" novalidate>
    <h2>บันทึกเรื่องในระเบียบวาระ</h2>
    ${errorSummary}
    <div class="form-grid">
      ${selectField({ name: 'agenda', label: 'ระเบียบวาระที่', value: '5', options: [1, 2, 3, 4, 5].map((n) => [String(n), `${n}`]), width: 'w1' })}
      ${field({ name: 'title', label: 'ชื่อเรื่อง', width: 'w5', attrs: { id: 'item-title' } })}
      ${textArea('text', 'รายละเอียด', 'item-text', 'Enter ในช่องนี้ขึ้นบรรทัดใหม่ · Tab ไปช่องถัดไป')}
      ${textArea('resolution', 'มติที่ประชุม', 'item-resolution')}
      ${field({ name: 'votes_for', label: 'เห็นด้วย (เสียง)', hint: 'เมื่อนับคะแนน', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
      ${field({ name: 'votes_against', label: 'ไม่เห็นด้วย', hint: ' ', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
      ${field({ name: 'votes_abstain', label: 'งดออกเสียง', hint: ' ', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
    </div>
    <div class="actions"><button type="submit" class="primary" data-key="F2" id="item-submit"><kbd>F2</kbd>บันทึกเรื่อง</button></div>
  </form>`;
}

// A general meeting: the year it approves, its statements and allocation from the books, and
// the way to the year-end screen (preview, approval and close naming this meeting).
function yearEndOffer(o, m, add) {
  const y = o.year_end;
  if (!y) {
    return o.year_end_note ? html`<div class="offer" id="offer-year"><h3>งบการเงินประจำปี</h3><p class="muted">${o.year_end_note}</p></div>` : '';
  }
  const loss = y.net_profit.startsWith('-');
  const closedHere = m.year_closes.some((c) => c.year === y.year);
  return html`<div class="offer" id="offer-year">
    <h3>งบการเงินปีบัญชี ${y.year} <span class="muted small">${thaiDateLong(y.from)} – ${thaiDateLong(y.to)}</span> ${add('statements', 4)}</h3>
    <dl class="details" id="offer-statements">
      <dt>รายได้ (ทุนดำเนินการ)</dt><dd class="num">${money(y.operating_income)}</dd><dt>ค่าใช้จ่าย (ทุนดำเนินการ)</dt><dd class="num">${money(y.operating_expenses)}</dd>
      <dt>${loss ? 'ขาดทุนสุทธิ' : 'กำไรสุทธิ'}</dt><dd class="num" id="offer-net-profit">${money(y.net_profit)}</dd><dt>ปีก่อน</dt><dd class="num">${money(y.previous_net_profit)}</dd>
      <dt>ทุนค่าใช้สอย รับ / จ่าย (แยกจากกำไร)</dt><dd class="num">${money(y.expense_fund_income)} / ${money(y.expense_fund_expenses)}</dd><dt>ทุนค่าใช้สอยคงเหลือ</dt><dd class="num">${money(y.expense_fund)}</dd>
      <dt>สินทรัพย์รวม</dt><dd class="num">${money(y.total_assets)}</dd><dt>หนี้สินและทุนรวม</dt><dd class="num">${money(y.total_liabilities_and_funds)}${y.balanced ? '' : ' ⚠ ไม่สมดุล'}</dd>
    </dl>
    <h3>การจัดสรรกำไรสุทธิ ${y.allocation_note ? '' : add('allocation', 4)}</h3>
    ${y.allocation_note
      ? html`<p class="warning-line">⚠ ${y.allocation_note}</p>`
      : loss
        ? html`<p class="muted">ขาดทุนสุทธิ ไม่มีการจัดสรร ยกไปเป็นขาดทุนสะสม</p>`
        : html`<table class="amounts" id="offer-allocation"><thead><tr><th>หมวด</th><th class="num">ร้อยละ</th><th class="num">จำนวนเงิน</th></tr></thead>
            <tbody>${y.allocation.map((a) => html`<tr data-heading="${a.heading}"><td>${a.label}</td><td class="num">${a.percent}</td><td class="num">${money(a.amount)}</td></tr>`)}</tbody></table>
          <p>ปันผลร้อยละ ${y.dividend_rate} ต่อปี (${y.members_eligible_dividend} คน) · เฉลี่ยคืนร้อยละ ${y.average_return_rate} ของดอกเบี้ยที่ชำระ (${y.members_eligible_average_return} คน) · เศษจากการปัดเข้าทุนสำรอง ${money(y.residual)} บาท</p>`}
    <p>${y.closed_by
      ? html`<span class="ok">✓ ปีบัญชีนี้ปิดแล้ว ตามมติ${closedHere ? 'การประชุมนี้' : y.closed_by}</span>`
      : y.months_open.length
        ? html`<span class="muted">ยังไม่ได้ปิดบัญชีเดือน ${y.months_open.join(', ')} — ปิดครบแล้วจึงอนุมัติและปิดบัญชีประจำปีได้</span>`
        : ''}
      <a class="button" href="#/yearend/${y.year}" id="to-yearend">${y.closed_by ? 'ดูการจัดสรรและจ่ายปันผล' : 'ร่างการจัดสรร อนุมัติและปิดบัญชีประจำปี'}</a></p>
  </div>`;
}

// Agenda 3/4 from the books. `signers`: the loan committee members present, prefilled.
function offersPanel(o, m, signers, locked) {
  const f = o.fund;
  const names = (list) => (list.length ? list.map((p) => `${p.name} (เลขที่ ${p.member}${p.position ? `, ${p.position}` : ''})`).join(', ') : 'ไม่มี');
  const add = (what, agendaNo) =>
    locked ? '' : html`<button type="button" class="small" data-offer="${what}" data-agenda="${agendaNo}">ใส่ในวาระที่ ${agendaNo}</button>`;
  return html`<section class="panel" id="offers">
    <h2>เรื่องจากสมุดบัญชี <span class="muted small">เดือน${o.month_label} — ไม่ต้องพิมพ์ใหม่</span></h2>
    <div class="error-summary" role="alert" tabindex="-1" hidden id="offers-errors"></div>
    <div class="offer">
      <h3>รายงานฐานะการเงินประจำเดือน ${add('fund', 3)}</h3>
      <dl class="details" id="offer-fund">
        <dt>รายรับ</dt><dd class="num">${money(f.receipts)}</dd><dt>รายจ่าย</dt><dd class="num">${money(f.payments)}</dd>
        <dt>เงินสดคงเหลือ</dt><dd class="num">${money(f.cash)}</dd><dt>เงินฝากธนาคาร</dt><dd class="num">${money(f.bank)}</dd>
        <dt>เงินสัจจะสะสม</dt><dd class="num">${money(f.sajja)}</dd><dt>เงินฝากสมาชิก</dt><dd class="num">${money(f.deposits)}</dd>
        <dt>เงินกู้คงเหลือ</dt><dd class="num">${money(f.loans_outstanding)}</dd><dt>ในจำนวนนี้ค้างชำระ</dt><dd class="num">${money(f.loans_in_arrears)}</dd>
        <dt>ทุนค่าใช้สอย</dt><dd class="num">${money(f.expense_fund)}</dd><dt>สมาชิก</dt><dd class="num">${f.members_active} คน</dd>
      </dl>
    </div>
    <div class="offer">
      <h3>สมาชิกเข้าใหม่และพ้นสภาพ ${add('members', 4)}</h3>
      <p>เข้าใหม่ ${o.admitted.length} คน: ${names(o.admitted)}</p>
      <p>พ้นสภาพ ${o.leaving.length} คน: ${names(o.leaving)}</p>
    </div>
    <form class="offer" id="approve-form" novalidate>
      <h3>คำขอกู้ที่รอการพิจารณา <span class="muted small">${o.waiting_loans.length} ราย</span></h3>
      ${o.waiting_loans.length
        ? html`${locked ? '' : html`<div class="form-grid">${field({ name: 'by', label: 'กรรมการเงินกู้ผู้ลงนามอนุมัติ (เลขที่สมาชิก คั่นด้วยจุลภาค)', value: signers, hint: 'ใส่ไว้ให้แล้วจากกรรมการเงินกู้ที่มาประชุม ต้องไม่ใช่ผู้กู้หรือผู้ค้ำ', width: 'w6', attrs: { id: 'approve-by' } })}</div>`}
          <table class="amounts" id="waiting-loans">
            <thead><tr><th>คำขอ</th><th>ผู้กู้</th><th>ประเภท</th><th class="num">ขอกู้</th><th class="num">งวด</th><th></th></tr></thead>
            <tbody>${o.waiting_loans.map(
              (l) => html`<tr data-loan="${l.loan}"><td>${loanLink(l.loan)}</td><td>${l.member} ${l.name}</td><td>${l.product}</td>
                <td class="num">${money(l.amount)}</td><td class="num">${l.months}</td>
                <td>${locked ? '' : html`<button type="button" class="primary small" data-approve="${l.loan}">อนุมัติ</button>
                  <button type="button" class="quiet small" data-reject="${l.loan}">ไม่อนุมัติ…</button>`}</td></tr>`,
            )}</tbody></table>`
        : html`<p class="muted">ไม่มีคำขอกู้ค้างพิจารณา</p>`}
      <p class="muted small">เงินกู้ที่อนุมัติหรือไม่อนุมัติที่นี่ลงในวาระที่ 4 ของรายงานการประชุมเอง พร้อมจำนวนเงินและชื่อผู้กู้</p>
    </form>
    <div class="offer">
      <h3>ลูกหนี้ค้างชำระ <span class="muted small">${o.arrears.length} ราย</span> ${add('arrears', 4)}</h3>
      ${o.arrears.length
        ? html`<table class="amounts" id="offer-arrears"><thead><tr><th>สัญญา</th><th>ผู้กู้</th><th class="num">ค้างชำระ</th><th class="num">เดือน</th></tr></thead>
            <tbody>${o.arrears.map((a) => html`<tr><td>${loanLink(a.loan)}</td><td>${a.member} ${a.name}</td><td class="num">${money(a.total)}</td><td class="num">⚠ ${a.months_overdue}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">ไม่มีลูกหนี้ค้างชำระ</p>`}
    </div>
    ${yearEndOffer(o, m, add)}
  </section>`;
}

function closeForm(m, recorder, checker) {
  return html`<form class="panel action-panel" id="close-form" novalidate>
    <h2>${m.closed ? 'แก้เวลาและผู้จดรายงาน' : 'ปิดการประชุม'}</h2>
    ${m.certifies && !m.closed
      ? html`<p class="muted small">เมื่อปิดการประชุม รายงานการประชุมครั้งที่ ${m.certifies} จะได้รับการรับรองในวาระที่ 2 และแก้ไขไม่ได้อีก</p>`
      : ''}
    ${errorSummary}
    <div class="form-grid">
      ${field({ name: 'start', label: 'เริ่มประชุมเวลา', value: m.start || '', hint: 'เช่น 09:30', width: 'w1', attrs: { id: 'close-start', class: 'num' } })}
      ${field({ name: 'end', label: 'เลิกประชุมเวลา', value: m.end || '', hint: 'เช่น 12:00', width: 'w1', attrs: { id: 'close-end', class: 'num' } })}
      ${field({ name: 'recorder', label: 'ผู้จดรายงานการประชุม (เลขที่)', value: m.recorder ? m.recorder.member : recorder, hint: 'ปกติเลขานุการ', width: 'w2', attrs: { id: 'close-recorder', class: 'num', inputmode: 'numeric' } })}
      ${field({ name: 'checker', label: 'ผู้ตรวจรายงานการประชุม (เลขที่)', value: m.checker ? m.checker.member : checker, hint: 'ปกติประธาน', width: 'w2', attrs: { id: 'close-checker', class: 'num', inputmode: 'numeric' } })}
    </div>
    <div class="actions"><button type="submit" class="primary" id="close-submit">${m.closed ? 'บันทึก' : 'ปิดการประชุม…'}</button></div>
  </form>`;
}

export async function show(el, ctx) {
  const number = ctx.params.number;
  const holder = () => document.getElementById('screen');
  // Redraws the screen with fresh figures where the treasurer was: the same scroll, and the
  // focus on `focus`, or (without one) on the field that has it now — on the attendance
  // list that is wherever the keys moved to while the tick was being recorded.
  const redraw = async (focus, fallback) => {
    const top = holder() ? holder().scrollTop : 0;
    await draw(() => document.activeElement && document.activeElement.id);
    const active = lastActive;
    if (holder()) holder().scrollTop = top;
    const target =
      (focus && el.querySelector(focus)) ||
      (active && el.querySelector(`#${CSS.escape(active)}`)) ||
      (fallback && el.querySelector(fallback)) ||
      el.querySelector('h1');
    if (target && target.matches('h1, h2, h3, section')) target.setAttribute('tabindex', '-1');
    if (target) target.focus({ preventScroll: true });
  };

  let lastActive = null;
  async function draw(beforeRender = () => null) {
    const m = await api.meeting(number);
    const [offers, seats, members] = await Promise.all([
      api.meetingOffers(number),
      api.committee(m.date),
      m.kind === 'committee' ? Promise.resolve([]) : api.members(''),
    ]);
    lastActive = beforeRender();
    const locked = Boolean(m.certified_by);
    const list = people(m, seats, members);
    const seatOf = (committee, position) => seats.find((s) => s.committee === committee && s.position === position);
    const secretary = seatOf('executive', 'เลขานุการ');
    const chair = seatOf('executive', 'ประธาน');
    const presentNumbers = new Set(m.present.map((a) => a.member));
    const signers = seats
      .filter((s) => s.committee === 'loans' && (presentNumbers.has(s.member) || m.present.some((a) => a.substitute_for && a.substitute_for.member === s.member)))
      .map((s) => s.member)
      .join(', ');
    render(
      el,
      html`<div class="screen-head">
          <h1 id="meeting-title">${m.kind_label} ครั้งที่ ${m.number_label}</h1>
          ${meetingState(m)}
          <a class="button" href="#/print/minutes/${m.meeting}" data-key="F9" id="print-minutes"><kbd>F9</kbd>พิมพ์รายงานการประชุม</a>
          <a class="button quiet" href="#/meetings" data-key="Escape"><kbd>Esc</kbd>กลับไปหน้าการประชุม</a>
        </div>
        <p class="lead-line" id="meeting-lead">วันที่ ${thaiDateLong(m.date)}${m.place ? ` · ณ ${m.place}` : ''}${m.start ? ` · เวลา ${m.start}–${m.end} น.` : ''}</p>
        ${m.year_closes.map((y) => html`<p class="notice" id="meeting-year-close">✓ การประชุมนี้อนุมัติงบการเงินและการจัดสรรกำไรสุทธิปีบัญชี ${y.year} (${money(y.net_profit)} บาท) และปิดบัญชีแล้ว
          <a href="#/yearend/${y.year}">ดูที่หน้าสิ้นปีบัญชี</a></p>`)}
        ${locked ? html`<p class="notice" id="meeting-locked">รายงานการประชุมนี้ได้รับการรับรองแล้วในการประชุมครั้งที่ ${m.certified_by} จึงแก้ไขไม่ได้ พิมพ์ได้อย่างเดียว</p>` : ''}
        ${quorumBox(m)}
        ${attendance(m, list, locked)}
        ${guests(m, locked)}
        ${offersPanel(offers, m, signers, locked)}
        ${agenda(m)}
        ${locked ? '' : itemForm()}
        ${locked ? '' : closeForm(m, secretary ? String(secretary.member) : '', chair ? String(chair.member) : '')}`,
    );
    wire(m, list, locked);
  }

  function wire(m, list, locked) {
    const attForm = el.querySelector('#attendance-form');
    // `own`: the box that recorded it, focused again when the focus went nowhere (a click
    // on a checkbox does not focus it in WebKit).
    const mark = async (input, own) => {
      clearErrors(attForm);
      try {
        await api.meetingAttend({ meeting: m.meeting, reason: '', substitute_for: '', ...input });
        await redraw(null, own);
      } catch (err) {
        showErrors(attForm, [err]);
      }
    };
    const search = el.querySelector('#attendance-search');
    if (search) {
      search.addEventListener('input', () => {
        const q = toArabicDigits(search.value.trim()).toLowerCase();
        for (const row of attForm.querySelectorAll('tbody tr')) {
          row.hidden = Boolean(q) && row.dataset.member !== q && !row.dataset.name.toLowerCase().includes(q);
        }
      });
    }
    if (!locked) {
      for (const row of attForm.querySelectorAll('tbody tr')) {
        const n = row.dataset.member;
        const st = standing(m, Number(n));
        row.querySelector('.tick').addEventListener('change', (e) =>
          mark({ member: n, status: e.target.checked ? 'present' : 'none' }, `#tick-${n}`),
        );
        const reason = row.querySelector('.reason');
        const saveReason = () => {
          const text = reason.value.trim();
          if (text === (st.state === 'absent' ? st.reason : '')) return;
          mark(text ? { member: n, status: 'absent', reason: text } : { member: n, status: 'none' }, `#reason-${n}`);
        };
        reason.addEventListener('change', saveReason);
        const sub = row.querySelector('.sub');
        if (sub) {
          sub.addEventListener('change', async () => {
            const who = toArabicDigits(sub.value.trim());
            const before = st.state === 'substitute' ? String(st.by.member) : '';
            if (who === before) return;
            if (before) {
              try {
                await api.meetingAttend({ meeting: m.meeting, member: before, status: 'none', reason: '', substitute_for: '' });
              } catch (err) {
                showErrors(attForm, [err]);
                return;
              }
            }
            if (who) mark({ member: who, status: 'substitute', substitute_for: n }, `#sub-${n}`);
            else await redraw(null, `#sub-${n}`);
          });
        }
      }
      // ↑/↓ (and Enter) move to the same box of the row before/after; leaving a typed box
      // records it (its change event), and the redraw keeps the focus where it moved to.
      attForm.addEventListener('keydown', (e) => {
        const row = e.target.closest('tr[data-member]');
        const col = [...e.target.classList].find((c) => ['tick', 'reason', 'sub'].includes(c));
        const step = e.key === 'ArrowDown' || e.key === 'Enter' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        if (!row || !col || !step) return;
        e.preventDefault();
        const rows = [...attForm.querySelectorAll('tbody tr[data-member]')].filter((r) => !r.hidden);
        const next = rows[rows.indexOf(row) + step];
        if (next) next.querySelector(`.${col}`).focus();
        else if (e.key === 'Enter') e.target.blur();
      });
      attForm.addEventListener('submit', (e) => e.preventDefault());

      const guestForm = el.querySelector('#guest-form');
      bindForm(guestForm, async (v) => {
        await api.meetingGuest({ meeting: m.meeting, name: v.name, position: v.position });
        await redraw('#guest-name');
      });
      bindForm(el.querySelector('#item-form'), async (v) => {
        await api.meetingItem({ meeting: m.meeting, ...v, from_books: '' });
        await redraw('#item-title');
      });
      bindForm(el.querySelector('#close-form'), async (v) => {
        const input = { meeting: m.meeting, start: v.start, end: v.end, recorder: v.recorder, checker: v.checker };
        if (m.certifies && !m.closed) {
          const done = await confirmDialog(el, {
            title: `ปิดการประชุมครั้งที่ ${m.number_label}`,
            body: html`<p>บันทึกเวลา ${v.start}–${v.end} น. และผู้จดรายงานการประชุม</p>
              <p class="irreversible">รายงานการประชุมครั้งที่ ${m.certifies} จะได้รับการรับรองในวาระที่ 2 ของการประชุมนี้ และแก้ไขไม่ได้อีก</p>`,
            confirmLabel: 'ปิดการประชุมและรับรองรายงาน',
            danger: false,
            focus: 'cancel',
            onConfirm: () => api.closeMeeting(input),
          });
          if (!done) return;
        } else {
          await api.closeMeeting(input);
        }
        await redraw('#print-minutes');
        if (holder()) holder().scrollTop = 0;
      });
    }

    const offersErrors = el.querySelector('#offers-errors');
    const offerFailed = (err) => {
      offersErrors.hidden = false;
      render(offersErrors, html`<h2>ยังบันทึกไม่ได้</h2><p>${err.message}</p>`);
      offersErrors.focus();
    };
    for (const button of el.querySelectorAll('[data-offer]')) {
      button.addEventListener('click', async () => {
        try {
          await api.meetingItem({ meeting: m.meeting, agenda: button.dataset.agenda, title: '', text: '', resolution: '', from_books: button.dataset.offer });
          await redraw(`[data-agenda="${button.dataset.agenda}"] h3`);
        } catch (err) {
          offerFailed(err);
        }
      });
    }
    const by = () => (el.querySelector('#approve-by') || {}).value || '';
    for (const button of el.querySelectorAll('[data-approve]')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await api.approveLoan({ loan: button.dataset.approve, by: by(), date: '', meeting: m.meeting, reason: '' });
          await redraw('#agenda');
        } catch (err) {
          button.disabled = false;
          const form = el.querySelector('#approve-form');
          showErrors(form, [err]);
          if (!form.querySelector('.error-summary')) offerFailed(err);
        }
      });
    }
    for (const button of el.querySelectorAll('[data-reject]')) {
      button.addEventListener('click', async () => {
        const loan = button.dataset.reject;
        const done = await confirmDialog(el, {
          title: `ไม่อนุมัติคำขอกู้ ${loan}`,
          body: html`<p>คำขอจะปิดเป็น <strong>ไม่อนุมัติ</strong> พร้อมเหตุผล และลงในรายงานการประชุมนี้ ถ้าจะกู้ใหม่ต้องยื่นคำขอใหม่</p>`,
          fields: html`${field({ name: 'by', label: 'กรรมการเงินกู้ผู้พิจารณา (เลขที่)', value: by(), width: 'w3' })}
            ${field({ name: 'reason', label: 'เหตุผล', width: 'w6' })}`,
          confirmLabel: 'ไม่อนุมัติ',
          onConfirm: (v) => api.rejectLoan({ loan, by: v.by, date: '', meeting: m.meeting, reason: v.reason }),
        });
        if (done) await redraw('#agenda');
      });
    }
  }

  await draw();
  // A fresh screen starts at the first person to tick (or the item form when locked).
  const first = el.querySelector('.tick:not([disabled])');
  if (first) first.setAttribute('autofocus', '');
}
