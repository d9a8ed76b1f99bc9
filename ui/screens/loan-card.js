// บัตรลูกหนี้: one loan, from application to the last instalment. The head says who, how
// much, at what yearly rate, who guarantees it and whether it is behind; below are the next
// step (approve, pay out, take a repayment), the schedule with each instalment's state, every
// payment with the balance after it, and the dated history of the contract.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { notBefore, thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht, typedAmount, isZero } from '../lib/money.js';
import { confirmDialog } from '../lib/dialog.js';
import { arrearsBadge, cardHref, dateOrDash, legalWarning, loanLink, money, splitNumbers, statusBadge } from './loan-parts.js';

const STATE = {
  paid: ['ชำระแล้ว', 'paid'],
  overdue: ['⚠ ค้างชำระ', 'overdue'],
  due: ['งวดนี้', 'due'],
  upcoming: ['', ''],
  closed: ['ปิดสัญญาแล้ว', 'muted'],
};

const KINDS = {
  loan_payout: 'จ่ายเงินกู้',
  loan_repayment: 'รับชำระ',
  collection: 'รับชำระ (วันรับเงิน)',
  loan_restructure: 'ปรับโครงสร้างหนี้',
  loan_writeoff: 'ตัดหนี้สูญ',
  reversal: 'รายการหักล้าง',
};

const who = (m) => (m ? html`<a href="#/members/${m.member}">${m.member} ${m.name}</a>` : html`<span class="muted">—</span>`);

function summary(l) {
  return html`<section class="panel">
    <h2>สัญญา</h2>
    <dl class="details" id="loan-details">
      <dt>ผู้กู้</dt><dd id="loan-borrower">${who(l)}</dd>
      <dt>ประเภท</dt><dd>${l.product} — ${l.product_name}</dd>
      <dt>ยอดกู้</dt><dd><strong>${money(l.amount)} บาท</strong> · ${l.months} งวด</dd>
      <dt>${l.charge_word}</dt><dd>ร้อยละ ${l.rate} ต่อเดือน · ${l.method_label}</dd>
      <dt>อัตราต่อปี</dt>
      <dd id="loan-rates"><strong>ร้อยละ ${l.nominal_annual_rate}</strong> ตามสัญญา · ร้อยละ ${l.effective_annual_rate} เมื่อคิดเป็นรายปีตามจริง
        ${l.above_legal_cap ? html`<div class="legal-flag">⚠ เกินร้อยละ 15 ต่อปี (ป.พ.พ. มาตรา 654)</div>` : ''}</dd>
      <dt>วัตถุประสงค์</dt><dd>${l.purpose || html`<span class="muted">—</span>`}</dd>
      <dt>ผู้ค้ำประกัน</dt>
      <dd class="wide" id="loan-guarantors">${l.guarantors.length
        ? l.guarantors.map((g, i) => html`${i ? ', ' : ''}${who(g)}${g.in_arrears ? html` ${arrearsBadge('ผู้ค้ำค้างชำระเอง')}` : ''}`)
        : html`<span class="muted">ไม่มี</span>`}</dd>
      <dt>ยื่นคำขอ</dt><dd>${thaiDate(l.applied_on)}${l.recorded_by ? html` · บันทึกโดย ${who(l.recorded_by)}` : ''}</dd>
      <dt>อนุมัติ</dt><dd id="loan-approved">${l.approved_on
        ? html`${thaiDate(l.approved_on)} โดย ${who(l.approved_by)}${l.meeting ? html` · ${l.meeting}` : ''}`
        : html`<span class="muted">ยังไม่อนุมัติ</span>`}</dd>
      <dt>จ่ายเงิน</dt><dd>${dateOrDash(l.disbursed_on)}</dd>
      <dt>ผ่อนชำระ</dt><dd>${l.first_due ? html`${thaiDate(l.first_due)} ถึง ${thaiDate(l.last_due)} ทุกวันที่ ${l.due_day}` : html`<span class="muted">—</span>`}</dd>
      ${l.restructures ? html`<dt>ปรับโครงสร้างจาก</dt><dd>${loanLink(l.restructures)}</dd>` : ''}
      ${l.restructured_into ? html`<dt>ปรับโครงสร้างเป็น</dt><dd>${loanLink(l.restructured_into)}</dd>` : ''}
      <dt>เงินต้นคงเหลือ</dt><dd id="loan-balance"><strong>${money(l.balance)} บาท</strong></dd>
    </dl>
    ${l.rate_confirmation
      ? legalWarning(l.rate_confirmation.warning.split(' — ')[0], l.rate_confirmation.warning.split(' — ').slice(1).join(' — '), {
          id: 'rate-confirmation',
          after: html`<br><span class="small">ยืนยันใช้อัตรานี้แล้ว บันทึกไว้เมื่อ ${thaiDate(l.rate_confirmation.confirmed_at.slice(0, 10))}</span>`,
        })
      : ''}
  </section>`;
}

function position(p, l) {
  if (!p) return '';
  return html`<section class="panel" id="loan-position">
    <h2>ณ วันที่ ${thaiDate(p.date)}</h2>
    <div class="cards">
      <div class="card"><div class="label">ต้องชำระตอนนี้</div><div class="big" id="due-now">${money(p.total_due)}</div>
        <div class="muted small">งวดนี้ ${baht(p.installment)}${isZero(p.arrears) ? '' : html` · ค้าง ${baht(p.arrears)}`}${isZero(p.fines) ? '' : html` · ค่าปรับ ${baht(p.fines)}`}</div></div>
      <div class="card"><div class="label">ค้างชำระ (เลยกำหนด)</div>
        <div class="big" id="overdue-now">${money(p.overdue)}</div>
        <div class="muted small">${p.months_overdue ? html`${arrearsBadge(`ค้าง ${p.months_overdue} เดือน ตั้งแต่ ${thaiDate(p.oldest_overdue)}`)}` : 'ไม่มี'}</div></div>
      <div class="card"><div class="label">ยอดปิดสัญญาวันนี้</div><div class="big" id="payoff-now">${money(p.payoff)}</div>
        <div class="muted small">เงินต้น ${baht(p.balance)} + ${l.charge_word}ถึงงวดปัจจุบัน ${baht(p.payoff_interest)}${isZero(p.fines) ? '' : ` + ค่าปรับ ${baht(p.fines)}`}</div></div>
    </div>
  </section>`;
}

function scheduleTable(card) {
  const l = card;
  return html`<section class="panel">
    <h2>ตารางผ่อนชำระ ${l.disbursed_on ? '' : html`<span class="muted small">(ยังไม่จ่ายเงิน วันที่นับจากวันยื่นคำขอ)</span>`}</h2>
    <table class="amounts" id="loan-schedule">
      <thead><tr><th class="num">งวด</th><th>ครบกำหนด</th><th class="num">เงินต้น</th><th class="num">${l.charge_word}</th>
        <th class="num">รวม</th><th class="num">ต้นคงเหลือ</th><th></th></tr></thead>
      <tbody>${card.schedule.map((i) => {
        const [label, cls] = STATE[i.state] || ['', ''];
        return html`<tr class="inst ${cls}" data-no="${i.no}"><td class="num">${i.no}</td><td>${thaiDate(i.due)}</td>
          <td class="num">${baht(i.principal)}</td><td class="num">${baht(i.interest)}</td><td class="num">${baht(i.total)}</td>
          <td class="num">${baht(i.balance)}</td><td class="state">${label}</td></tr>`;
      })}</tbody>
    </table>
    <p class="muted small" id="loan-first-period">${l.first_period_label}</p>
    <p class="muted small">ตารางตามสัญญา: ส่งเกินกว่างวดจะลดเงินต้น และ${l.method === 'flat' ? 'ดอกเบี้ยคงที่ไม่ลดลง' : `${l.charge_word}ของงวดต่อไปจะลดลงตามเงินต้นที่เหลือ`}</p>
  </section>`;
}

function movementsTable(card) {
  if (!card.movements.length) return '';
  return html`<section class="panel">
    <h2>การจ่ายเงินกู้และการรับชำระ</h2>
    <table class="amounts" id="loan-movements">
      <thead><tr><th>วันที่</th><th>รายการ</th><th>ใบเสร็จ</th><th class="num">เงินต้น</th><th class="num">${card.charge_word}</th>
        <th class="num">ค่าปรับ</th><th class="num">รวม</th><th class="num">ต้นคงเหลือ</th></tr></thead>
      <tbody>${card.movements.map(
        (m) => html`<tr><td>${thaiDate(m.date)}</td><td>${KINDS[m.kind] || m.kind}</td><td>${m.receipt || ''}</td>
          <td class="num">${baht(m.principal)}</td><td class="num">${baht(m.interest)}</td><td class="num">${baht(m.fines)}</td>
          <td class="num">${baht(m.total)}</td><td class="num">${baht(m.balance_after)}</td></tr>`,
      )}</tbody>
    </table>
  </section>`;
}

function eventsList(card) {
  return html`<section class="panel">
    <h2>ประวัติสัญญา</h2>
    <table id="loan-events">
      <thead><tr><th>วันที่</th><th>เหตุการณ์</th><th>โดย</th><th>หมายเหตุ</th></tr></thead>
      <tbody>${card.events.map(
        (e) => html`<tr><td>${thaiDate(e.date)}</td><td>${e.label}</td><td>${e.by ? who(e.by) : ''}</td>
          <td>${[e.meeting, e.note].filter(Boolean).join(' · ')}</td></tr>`,
      )}</tbody>
    </table>
  </section>`;
}

// The next step for the loan's status.
function actions(card) {
  const l = card;
  if (l.status === 'applied') {
    return html`<form class="panel action-panel" id="approve-form" novalidate>
      <h2>คณะกรรมการเงินกู้พิจารณา</h2>
      ${errorSummary}
      <div class="form-grid">
        ${field({ name: 'by', label: 'กรรมการผู้อนุมัติ (เลขที่สมาชิก)', hint: 'ไม่ใช่ผู้กู้ ผู้ค้ำ หรือผู้บันทึกคำขอ', width: 'w2', attrs: { autofocus: true, class: 'num', inputmode: 'numeric' } })}
        ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่อนุมัติ', hint: 'วัน/เดือน/ปี พ.ศ.', value: notBefore(l.applied_on, workDateTyped()), width: 'w2' })}
        ${field({ name: 'meeting', label: 'การประชุม (ถ้ามี)', hint: 'เช่น ครั้งที่ 3/2568', width: 'w2' })}
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-key="F2" id="approve-submit"><kbd>F2</kbd>อนุมัติ</button>
        <button type="button" class="quiet" id="reject-button">ไม่อนุมัติ…</button>
      </div>
    </form>`;
  }
  if (l.status === 'approved') {
    return html`<form class="panel action-panel" id="disburse-form" novalidate>
      <h2>จ่ายเงินกู้ ${money(l.amount)} บาท ${l.restructures ? html`(ย้ายยอดจากสัญญา ${l.restructures} ไม่จ่ายเงินสด)` : ''}</h2>
      ${errorSummary}
      <div class="form-grid">
        ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่จ่ายเงิน', value: notBefore(l.approved_on, workDateTyped()), width: 'w2', attrs: { autofocus: true } })}
        ${l.restructures ? '' : selectField({ name: 'from', label: 'จ่ายจาก', options: [['cash', 'เงินสด'], ['bank', 'บัญชีธนาคารของกลุ่ม']], width: 'w2' })}
      </div>
      <p class="muted small">งวดแรกครบกำหนดวันรับเงินของเดือนถัดจากเดือนที่จ่ายเงิน</p>
      <div class="actions">
        <button type="submit" class="primary" data-key="F2" id="disburse-submit"><kbd>F2</kbd>จ่ายเงินกู้</button>
        <button type="button" class="quiet" id="reject-button">ถอนการอนุมัติ…</button>
      </div>
    </form>`;
  }
  if (l.status === 'active') {
    const p = card.position;
    return html`<form class="panel action-panel" id="repay-form" novalidate>
      <h2>ส่งเงินกู้</h2>
      <p class="muted small">ปกติรับในแถวของวันรับเงิน (พร้อมเงินสัจจะ) ที่นี่ใช้เมื่อสมาชิกมาชำระวันอื่น
        ยอดที่รับจะหักค่าปรับ → ${l.charge_word} → เงินต้น ตามลำดับ</p>
      ${errorSummary}
      <div class="form-grid">
        ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่รับเงิน', hint: 'วัน/เดือน/ปี พ.ศ.', value: workDateTyped(), width: 'w2' })}
        ${field({ name: 'amount', label: 'จำนวนเงิน (บาท)', value: p ? typedAmount(p.total_due) : '', hint: p ? `ต้องชำระ ${baht(p.total_due)} · ยอดปิดสัญญา ${baht(p.payoff)}` : '', width: 'w2', attrs: { autofocus: true, class: 'num', inputmode: 'decimal' } })}
        ${selectField({ name: 'to', label: 'รับเป็น', hint: ' ', options: [['cash', 'เงินสด'], ['bank', 'โอนเข้าบัญชีธนาคาร']], width: 'w2' })}
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-key="F2" id="repay-submit"><kbd>F2</kbd>รับชำระ</button>
        <button type="button" class="quiet" id="restructure-button">ปรับโครงสร้างหนี้…</button>
        <button type="button" class="quiet danger-outline" id="writeoff-button">ตัดหนี้สูญ…</button>
      </div>
      <div id="repay-result" role="status"></div>
    </form>
    <form class="panel action-panel" id="restructure-form" novalidate hidden>
      <h2>ปรับโครงสร้างหนี้ (ยื่นคำขอสัญญาใหม่สำหรับเงินต้นคงเหลือ ${money(l.balance)} บาท)</h2>
      <p class="muted small">${l.charge_word}และค่าปรับที่ค้างไม่ยกไปสัญญาใหม่ (ห้ามคิดดอกเบี้ยทบต้น)${p && !(isZero(p.payoff_interest) && isZero(p.fines)) ? html` — วันนี้ค้าง${l.charge_word} ${baht(p.payoff_interest)} บาท${isZero(p.fines) ? '' : html` ค่าปรับ ${baht(p.fines)} บาท`} ควรรับชำระก่อนยื่นคำขอ มิฉะนั้นกลุ่มจะไม่ได้รับยอดนี้` : ''}
        สัญญาใหม่ต้องให้คณะกรรมการอนุมัติเหมือนเงินกู้ใหม่</p>
      ${errorSummary}
      <div class="form-grid">
        ${field({ name: 'months', label: 'ผ่อนใหม่กี่งวด (เดือน)', width: 'w2', attrs: { class: 'num', inputmode: 'numeric' } })}
        ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่ยื่นคำขอ', value: workDateTyped(), width: 'w2' })}
        ${field({ name: 'product', label: 'ประเภทเงินกู้ใหม่ (รหัส)', hint: 'เว้นว่าง = ประเภทเดิม', width: 'w2' })}
        ${field({ name: 'guarantors', label: 'ผู้ค้ำประกัน (เลขที่สมาชิก)', value: l.guarantors.map((g) => g.member).join(', '), width: 'w3' })}
        ${field({ name: 'recorded_by', label: 'ผู้บันทึกคำขอ (เลขที่สมาชิก)', width: 'w3', attrs: { class: 'num', inputmode: 'numeric' } })}
      </div>
      <div class="field" data-field="confirm_rate">
        <label class="check"><input type="checkbox" id="restructure-confirm"> ยืนยันอัตราดอกเบี้ย (เมื่อเกินร้อยละ 15 ต่อปี)</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" id="restructure-submit">ยื่นคำขอปรับโครงสร้างหนี้</button>
      </div>
    </form>`;
  }
  return '';
}

// The borrower left the group owing more than their savings covered: whose debt it is now.
function exitDebt(card) {
  const d = card.exit_debt;
  if (!d) return '';
  return html`<section class="panel warning-panel" id="loan-exit-debt">
    <h2>⚠ หนี้ค้างของผู้กู้ที่พ้นสภาพสมาชิก</h2>
    <p>${d.label}</p>
    <dl class="details">
      <dt>หักจากเงินสัจจะและเงินฝากแล้ว</dt><dd>${money(d.from_savings)} บาท</dd>
      <dt>เงินต้นคงเหลือ</dt><dd>${money(d.balance)} บาท</dd>
      <dt>ยอดปิดสัญญาวันนี้</dt><dd><strong id="loan-exit-debt-payoff">${money(d.payoff)} บาท</strong>
        <span class="muted small">${card.charge_word}ยังเดินต่อทุกเดือนจนกว่าจะชำระ</span></dd>
    </dl>
  </section>`;
}

// A guarantor leaves the guarantee: another member takes it over, or the committee releases
// them (its decision, with the reason). Either is recorded in the history below.
function guarantorPanel(card) {
  if (!['applied', 'approved', 'active'].includes(card.status) || !card.guarantors.length) return '';
  return html`<form class="panel action-panel" id="guarantor-form" novalidate>
    <h2>เปลี่ยนผู้ค้ำประกัน / มติให้พ้นจากการค้ำ</h2>
    <p class="muted small">ผู้ค้ำที่จะลาออกต้องให้สัญญานี้ชำระครบ มีสมาชิกอื่นค้ำแทน หรือมีมติคณะกรรมการให้พ้นจากการค้ำก่อน</p>
    ${errorSummary}
    <div class="form-grid">
      ${selectField({ name: 'action', label: 'ทำอะไร', options: [['replace', 'ให้สมาชิกอื่นค้ำแทน'], ['release', 'มติคณะกรรมการให้พ้นจากการค้ำ']], width: 'w3' })}
      ${selectField({ name: 'member', label: 'ผู้ค้ำที่จะพ้นจากการค้ำ', options: card.guarantors.map((g) => [String(g.member), `${g.member} ${g.name}`]), width: 'w3' })}
      ${field({ name: 'with', label: 'ผู้ค้ำคนใหม่ (เลขที่สมาชิก)', hint: 'เฉพาะการค้ำแทน', width: 'w2', attrs: { class: 'num', inputmode: 'numeric' } })}
      ${field({ name: 'by', label: 'กรรมการผู้บันทึกมติ (เลขที่สมาชิก)', width: 'w2', attrs: { class: 'num', inputmode: 'numeric' } })}
      ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่', value: workDateTyped(), width: 'w2' })}
      ${field({ name: 'meeting', label: 'การประชุม (ถ้ามี)', hint: 'เช่น ครั้งที่ 3/2568', width: 'w2' })}
      ${field({ name: 'reason', label: 'เหตุผล', hint: 'ต้องมีเมื่อเป็นมติให้พ้นจากการค้ำ', width: 'w6' })}
    </div>
    <div class="actions">
      <button type="submit" class="primary" id="guarantor-submit">บันทึก</button>
    </div>
  </form>`;
}

function decisionFields(card, { reason = true } = {}) {
  return html`${field({ name: 'by', label: 'กรรมการผู้พิจารณา (เลขที่สมาชิก)', width: 'w3', attrs: { class: 'num', inputmode: 'numeric' } })}
    ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่', value: workDateTyped(), width: 'w3' })}
    ${field({ name: 'meeting', label: 'การประชุม (ถ้ามี)', width: 'w3' })}
    ${reason ? field({ name: 'reason', label: 'เหตุผล', width: 'w6' }) : ''}`;
}

export async function show(el, ctx) {
  const number = ctx.params.number;
  const card = await api.loan(number);
  const l = card;
  render(
    el,
    html`<div class="screen-head">
        <h1 id="loan-title">สัญญาเงินกู้เลขที่ ${l.loan}</h1>
        ${statusBadge(l.status, l.status_label)}
        ${card.position && card.position.in_arrears ? arrearsBadge() : ''}
        <div class="head-actions">
        <a class="button" href="#/print/loan-application/${l.loan}" id="print-application">พิมพ์คำขอกู้</a>
        ${!['applied', 'rejected'].includes(l.status)
          ? html`<a class="button" href="#/print/loan-contract/${l.loan}" id="print-contract">พิมพ์สัญญากู้เงิน</a>
            ${l.guarantors.length ? html`<a class="button" href="#/print/guarantee/${l.loan}" id="print-guarantee">พิมพ์สัญญาค้ำประกัน</a>` : ''}`
          : ''}
        <a class="button quiet" href="#/loans" data-key="Escape"><kbd>Esc</kbd>กลับไปหน้าเงินกู้</a>
        </div>
      </div>
      <p class="lead-line" id="loan-lead">${l.name} (เลขที่ ${l.member}) · ${l.product_name} ${money(l.amount)} บาท · ${l.months} งวด</p>
      ${exitDebt(card)}
      ${actions(card)}
      ${position(card.position, l)}
      ${guarantorPanel(card)}
      ${summary(l)}
      ${scheduleTable(card)}
      ${movementsTable(card)}
      ${eventsList(card)}`,
  );

  const reload = () => ctx.go(cardHref(l.loan));
  const approve = el.querySelector('#approve-form');
  if (approve) {
    bindForm(approve, async (v) => {
      await api.approveLoan({ loan: l.loan, by: v.by, date: v.date, meeting: v.meeting, reason: '' });
      reload();
    });
  }
  const disburse = el.querySelector('#disburse-form');
  if (disburse) {
    bindForm(disburse, async (v) => {
      await api.disburseLoan({ loan: l.loan, date: v.date, from: v.from || '' });
      reload();
    });
  }
  const guarantor = el.querySelector('#guarantor-form');
  if (guarantor) {
    bindForm(guarantor, async (v) => {
      const change = { loan: l.loan, member: v.member, with: v.with, by: v.by, date: v.date, meeting: v.meeting, reason: v.reason };
      await (v.action === 'release' ? api.releaseGuarantor(change) : api.replaceGuarantor(change));
      reload();
    });
  }
  const reject = el.querySelector('#reject-button');
  if (reject) {
    reject.addEventListener('click', async () => {
      const done = await confirmDialog(el, {
        title: l.status === 'applied' ? `ไม่อนุมัติคำขอกู้ ${l.loan}` : `ถอนการอนุมัติสัญญา ${l.loan}`,
        body: html`<p>คำขอกู้ของ ${l.name} ${money(l.amount)} บาท จะปิดเป็น <strong>ไม่อนุมัติ</strong> พร้อมเหตุผล
          ประวัติคำขอยังอยู่ครบ ถ้าจะกู้ใหม่ให้ยื่นคำขอใหม่</p>`,
        fields: decisionFields(card),
        confirmLabel: 'ไม่อนุมัติ',
        onConfirm: (v) => api.rejectLoan({ loan: l.loan, ...v }),
      });
      if (done) reload();
    });
  }
  const repay = el.querySelector('#repay-form');
  if (repay) {
    bindForm(repay, async (v) => {
      const r = await api.repayLoan({ loan: l.loan, date: v.date, amount: v.amount, to: v.to });
      const s = r.loan_payment;
      sessionStorage.setItem(
        'loan-notice',
        `รับชำระ ${baht(s.total)} บาท: ค่าปรับ ${baht(s.fines)} · ${s.charge_word} ${baht(s.interest)} · เงินต้น ${baht(s.principal)}`,
      );
      reload();
    });
    const notice = sessionStorage.getItem('loan-notice');
    if (notice) {
      sessionStorage.removeItem('loan-notice');
      render(el.querySelector('#repay-result'), html`<p class="notice saved" id="repay-notice">${notice}</p>`);
    }
    const restructure = el.querySelector('#restructure-form');
    el.querySelector('#restructure-button').addEventListener('click', () => {
      restructure.hidden = false;
      restructure.querySelector('input').focus();
    });
    bindForm(restructure, async (v) => {
      const next = await api.restructureLoan({
        loan: l.loan,
        date: v.date,
        months: v.months,
        product: v.product,
        guarantors: splitNumbers(v.guarantors),
        purpose: '',
        confirm_rate: restructure.querySelector('#restructure-confirm').checked,
        recorded_by: v.recorded_by,
      });
      ctx.go(cardHref(next.loan));
    });
    el.querySelector('#writeoff-button').addEventListener('click', async () => {
      const done = await confirmDialog(el, {
        title: `ตัดสัญญา ${l.loan} เป็นหนี้สูญ`,
        body: html`<p>เงินต้นคงเหลือ <strong>${money(l.balance)} บาท</strong> ของ ${l.name} จะบันทึกเป็นค่าใช้จ่ายหนี้สูญ
          ${l.charge_word}และค่าปรับที่ค้างจะไม่ได้รับ ประวัติสัญญาและการชำระทั้งหมดยังอยู่ครบ</p>
          <p class="irreversible">ต้องมีมติคณะกรรมการ ตัดแล้วแก้กลับไม่ได้ (ถ้าภายหลังได้รับเงิน ให้บันทึกเป็นรายได้อื่น)</p>`,
        fields: decisionFields(card),
        confirmLabel: 'ตัดหนี้สูญ',
        onConfirm: (v) => api.writeOffLoan({ loan: l.loan, ...v }),
      });
      if (done) reload();
    });
  }
}
