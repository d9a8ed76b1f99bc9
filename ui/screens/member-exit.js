// A member leaves or dies (#/members/12/exit): choose the reason, the date and where the money
// is paid from; see the settlement (savings, deposits, debts, payout and, on death, each
// beneficiary's part) before anything is posted; then confirm. It cannot be undone.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm, clearErrors, values } from '../lib/form.js';
import { baht, isZero } from '../lib/money.js';
import { confirmDialog } from '../lib/dialog.js';
import { cardHref } from './loan-parts.js';

const REASONS = [
  ['resign', 'ลาออก'],
  ['death', 'เสียชีวิต'],
  ['expel', 'ให้ออก'],
];
const PLACES = [
  ['cash', 'เงินสด'],
  ['bank', 'เงินฝากธนาคาร'],
  ['payable', 'ตั้งเป็นเงินรอจ่ายคืน (จ่ายภายหลัง)'],
];
const PAY_NOW = PLACES.slice(0, 2);
const label = (list, v) => (list.find(([k]) => k === v) || [v, v])[1];

function settlementView(s) {
  const line = (text, amount, cls = '') => html`<tr class="${cls}"><th>${text}</th><td class="num">${baht(amount)}</td></tr>`;
  return html`<table class="amounts settlement" id="settlement">
      <tbody>
        ${line('เงินสัจจะสะสม', s.sajja)}
        ${line('เงินฝาก', s.deposits)}
        ${line('หัก ค่าปรับค้างชำระ', s.fines_owed)}
        ${isZero(s.loans_owed) ? '' : line('หัก เงินกู้ค้างชำระ', s.loans_owed)}
        ${line(s.paid_from === 'payable' ? 'กลุ่มต้องคืน (ตั้งเป็นเงินรอจ่ายคืน จ่ายภายหลัง)' : `กลุ่มจ่ายคืน (จาก${label(PLACES, s.paid_from)})`, s.payout, 'subtotal')}
        ${isZero(s.remaining_debt) ? '' : line('หนี้ที่ยังค้างหลังหักกลบ', s.remaining_debt, 'warning-line')}
      </tbody>
    </table>
    ${isZero(s.payable) ? '' : html`<p class="notice" id="exit-payable">เงินรอจ่ายคืนสมาชิกพ้นสภาพ ${baht(s.payable)} บาท — ${s.payable_note}</p>`}
    ${s.loans.length
      ? html`<h3>เงินกู้ที่หักจากเงินสัจจะและเงินฝาก</h3>
        <table class="amounts" id="exit-loans">
          <thead><tr><th>สัญญา</th><th class="num">ยอดปิดบัญชี</th><th class="num">หักจากเงินออม</th><th class="num">ยังค้าง</th></tr></thead>
          <tbody>${s.loans.map(
            (x) => html`<tr class="${isZero(x.debt) ? '' : 'warning-line'}"><td><a href="${cardHref(x.loan)}">${x.loan}</a></td>
              <td class="num">${baht(x.payoff)}</td><td class="num">${baht(x.paid)}</td><td class="num">${baht(x.debt)}</td></tr>`,
          )}</tbody>
        </table>
        ${isZero(s.remaining_debt) ? '' : html`<p class="muted small">หนี้ที่ยังค้างอยู่ในบัตรลูกหนี้ เป็นหนี้ของ${s.reason === 'death' ? 'กองมรดก (ทายาท) แล้วจึงเป็นของผู้ค้ำประกัน' : 'ผู้กู้ แล้วจึงเป็นของผู้ค้ำประกัน'} ดอกเบี้ยยังเดินต่อจนกว่าจะชำระ</p>`}`
      : ''}
    ${s.cancelled_applications.length
      ? html`<p class="muted" id="exit-cancelled">คำขอกู้ที่จะถูกยกเลิก: ${s.cancelled_applications.map((n, i) => html`${i ? ', ' : ''}<a href="${cardHref(n)}">${n}</a>`)}</p>`
      : ''}
    ${s.payees.length
      ? html`<h3>${s.reason === 'death' ? 'จ่ายให้ผู้รับผลประโยชน์ตามส่วนแบ่ง' : 'จ่ายให้'}</h3>
        <table class="amounts" id="payees">
          <thead><tr><th>ชื่อ–นามสกุล</th><th>เกี่ยวข้องเป็น</th><th class="num">ส่วนแบ่ง (%)</th><th class="num">จำนวนเงิน</th></tr></thead>
          <tbody>${s.payees.map(
            (p) => html`<tr><td>${p.name}</td><td>${p.relation}</td><td class="num">${p.share_percent}</td><td class="num">${baht(p.amount)}</td></tr>`,
          )}</tbody>
        </table>`
      : html`<p class="muted">ไม่มีเงินที่ต้องจ่ายคืน</p>`}`;
}

export async function show(el, ctx) {
  const number = ctx.params.number;
  const m = await api.member(number);
  const back = `#/members/${number}`;
  if (m.status !== 'active') {
    const owed = await api.exitPayable(number);
    render(
      el,
      html`<div class="screen-head"><h1>เลขที่ ${m.number} ${m.full_name}</h1></div>
        <div class="notice">สมาชิกคนนี้พ้นสภาพแล้ว${m.left_on ? ` เมื่อ ${thaiDate(m.left_on)}` : ''}</div>
        ${isZero(owed)
          ? ''
          : html`<form class="panel" id="pay-exit-form" novalidate>
              <h2>จ่ายเงินรอจ่ายคืนสมาชิกพ้นสภาพ ${baht(owed)} บาท</h2>
              <p class="muted small">ออกใบสำคัญจ่ายเลขที่ของตัวเอง ถ้าสมาชิกเสียชีวิตและไม่มีผู้รับประโยชน์ ให้ใส่ชื่อทายาทที่มารับ</p>
              ${errorSummary}
              <div class="form-grid">
                ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่จ่าย', value: workDateTyped(), width: 'w2', attrs: { autofocus: true } })}
                ${selectField({ name: 'from', label: 'จ่ายจาก', options: PAY_NOW, value: 'cash', width: 'w2' })}
                ${field({ name: 'to', label: 'ผู้รับเงิน', hint: 'เว้นว่าง = สมาชิก หรือทายาทโดยธรรม', width: 'w3' })}
              </div>
              <div class="actions"><button type="submit" class="primary" data-key="F2" id="pay-exit-submit"><kbd>F2</kbd>จ่ายเงิน</button></div>
              <div id="pay-exit-done" role="status"></div>
            </form>`}
        <a class="button quiet" href="${back}" data-key="Escape" autofocus><kbd>Esc</kbd>กลับไปข้อมูลสมาชิก</a>`,
    );
    const pay = el.querySelector('#pay-exit-form');
    if (pay) {
      bindForm(pay, async (v) => {
        const p = await api.payExit(number, v.date, v.from, v.to);
        render(
          pay,
          html`<p class="notice saved" id="pay-exit-done">✓ จ่ายให้ ${p.paid_to} ${baht(p.amount)} บาท ใบสำคัญจ่ายเลขที่ ${p.voucher}</p>`,
        );
      });
    }
    return;
  }

  let preview = null;
  let asked = null;
  render(
    el,
    html`<div class="screen-head">
        <h1 id="exit-title">สมาชิกพ้นสภาพ: เลขที่ ${m.number} ${m.full_name}</h1>
        <a class="button quiet" href="${back}" data-key="Escape"><kbd>Esc</kbd>กลับ</a>
      </div>
      <p class="lead">คืนเงินสัจจะและเงินฝากหลังหักหนี้ที่ค้างกับกลุ่ม ถ้าเสียชีวิต จ่ายให้ผู้รับผลประโยชน์ตามส่วนแบ่งที่บันทึกไว้
        ดูยอดก่อนได้ ยังไม่มีอะไรถูกบันทึกจนกว่าจะยืนยัน</p>
      <form id="exit-form" novalidate>
        ${errorSummary}
        <section class="panel compact">
          <div class="form-grid">
            ${selectField({ name: 'reason', label: 'เหตุที่พ้นสภาพ', options: REASONS, value: 'resign' })}
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่พ้นสภาพ', value: workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.' })}
            ${selectField({ name: 'pay_from', label: 'จ่ายเงินคืนจาก', options: PLACES, value: 'cash' })}
          </div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="exit-preview"><kbd>F2</kbd>คำนวณยอดคืนเงิน</button>
            <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = คำนวณ</span>
          </div>
        </section>
      </form>
      <div id="exit-view"></div>
      <div class="actions">
        <button type="button" class="danger" id="exit-confirm" disabled>ให้พ้นสภาพและจ่ายเงินคืน…</button>
      </div>`,
  );
  const form = el.querySelector('#exit-form');
  const view = el.querySelector('#exit-view');
  const confirmButton = el.querySelector('#exit-confirm');
  form.querySelector('[name=reason]').setAttribute('autofocus', '');

  const invalidate = () => {
    preview = null;
    confirmButton.disabled = true;
    render(view, '');
  };
  // A field's `change` also fires when it merely loses focus (the preview moves the focus to
  // the confirm button): only a real edit of what was previewed throws the preview away.
  const edited = () => {
    if (!asked || JSON.stringify(values(form)) !== JSON.stringify(asked)) invalidate();
  };
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);

  bindForm(form, async (v) => {
    invalidate();
    preview = await api.memberExitPreview(number, v.date, v.reason, v.pay_from);
    asked = v;
    const blocked = preview.blocked_by;
    render(
      view,
      html`${blocked.length
          ? html`<section class="panel warning-panel" id="exit-blocked" role="alert">
              <h2>⚠ ยังพ้นสภาพพร้อมรับเงินคืนไม่ได้: ค้ำประกันเงินกู้ที่ยังผ่อนไม่หมด</h2>
              <ul>${blocked.map(
                (b) => html`<li><a href="${cardHref(b.loan)}">สัญญา ${b.loan}</a> ของ ${b.borrower} ${b.name} คงเหลือ ${baht(b.balance)} บาท</li>`,
              )}</ul>
              <p>ตามระเบียบกลุ่ม ต้องให้สัญญาชำระครบ หรือมีสมาชิกอื่นค้ำแทน หรือบันทึกมติคณะกรรมการให้พ้นจากการค้ำ
                (ที่บัตรลูกหนี้ของแต่ละสัญญา) ก่อน</p>
            </section>`
          : ''}
        <section class="panel" id="exit-settlement">
          <h2>ยอดคืนเงิน ${label(REASONS, preview.reason)} เมื่อ ${thaiDate(preview.date)}</h2>
          ${settlementView(preview)}
        </section>`,
    );
    if (blocked.length) return;
    confirmButton.disabled = false;
    confirmButton.focus();
  });

  confirmButton.addEventListener('click', async () => {
    if (!preview) return;
    const p = preview;
    const v = asked;
    const done = await confirmDialog(el, {
      title: `ให้สมาชิกเลขที่ ${m.number} พ้นสภาพ (${label(REASONS, p.reason)})`,
      body: html`<p><strong>${m.full_name}</strong> พ้นสภาพตั้งแต่ ${thaiDate(p.date)}
          · กลุ่มจ่ายคืน <strong>${baht(p.payout)}</strong> บาท จาก${label(PLACES, p.paid_from)}</p>
        ${p.payees.length > 1 ? html`<ul>${p.payees.map((x) => html`<li>${x.name} (${x.relation}) ${baht(x.amount)} บาท</li>`)}</ul>` : ''}
        <p class="irreversible">บันทึกแล้วย้อนกลับไม่ได้ — สมาชิกจะถูกปิดบัญชี บันทึกรายการให้อีกไม่ได้ และเลขที่สมาชิกนี้จะไม่ถูกใช้ซ้ำ</p>`,
      confirmLabel: 'ยืนยัน ให้พ้นสภาพ',
      focus: 'cancel',
      onConfirm: () => api.memberExit(number, v.date, v.reason, v.pay_from),
    });
    if (!done || !ctx.alive()) return;
    clearErrors(form);
    form.hidden = true;
    confirmButton.hidden = true;
    render(
      view,
      html`<div class="notice" id="exit-done" role="status">✓ บันทึกแล้ว: เลขที่ ${done.member} ${done.name}
          พ้นสภาพ (${label(REASONS, done.reason)}) เมื่อ ${thaiDate(done.date)} · จ่ายคืน ${baht(done.payout)} บาท</div>
        <section class="panel">${settlementView(done)}</section>
        <a class="button primary" href="${back}" id="exit-back" autofocus><kbd>Esc</kbd>กลับไปข้อมูลสมาชิก</a>`,
    );
    el.querySelector('#exit-back').focus();
  });
}
