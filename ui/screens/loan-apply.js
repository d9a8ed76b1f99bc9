// ยื่นคำขอกู้: the application form. As the treasurer types, the side shows who the borrower is
// (savings, loans, arrears) and the schedule and yearly rate the loan would have; above 15 % a
// year it warns and asks for the committee's confirmation, which is recorded with the loan.
// The core checks every limit and guarantor and answers in Thai next to the field.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { toArabicDigits } from '../lib/digits.js';
import { arrearsBadge, cardHref, legalWarning, money, splitNumbers } from './loan-parts.js';

export async function show(el, ctx) {
  const products = await api.loanProducts();
  if (products.length === 0) {
    render(
      el,
      html`<div class="screen-head"><h1>ยื่นคำขอกู้</h1></div>
        <p class="notice" id="no-products">ยังไม่มีประเภทเงินกู้ — เพิ่มประเภทเงินกู้ตามระเบียบกลุ่มก่อน</p>
        <div class="actions">
          <a class="button primary" href="#/loans/products" data-key="F4" autofocus><kbd>F4</kbd>ประเภทเงินกู้</a>
          <a class="button quiet" href="#/loans" data-key="Escape"><kbd>Esc</kbd>กลับ</a>
        </div>`,
    );
    return;
  }
  render(
    el,
    html`<form id="apply-form" novalidate>
      <div class="screen-head">
        <h1>ยื่นคำขอกู้</h1>
      </div>
      ${errorSummary}
      <div class="apply-layout">
        <section class="panel">
          <h2>คำขอกู้</h2>
          <div class="form-grid">
            ${field({ name: 'member', label: 'เลขที่สมาชิกผู้กู้', width: 'w2', attrs: { autofocus: true, class: 'num', inputmode: 'numeric' } })}
            <div class="field w4 who" id="borrower-info" aria-live="polite"></div>
            ${selectField({ name: 'product', label: 'ประเภทเงินกู้', options: products.map((p) => [p.code, `${p.code} — ${p.name} (ร้อยละ ${p.rate} ต่อเดือน)`]), width: 'w6' })}
            ${field({ name: 'amount', label: 'จำนวนเงินกู้ (บาท)', width: 'w2', attrs: { class: 'num', inputmode: 'decimal' } })}
            ${field({ name: 'months', label: 'ผ่อนกี่งวด (เดือน)', width: 'w2', attrs: { class: 'num', inputmode: 'numeric' } })}
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่ยื่นคำขอ', value: workDateTyped(), width: 'w2' })}
            ${field({ name: 'guarantors', label: 'เลขที่สมาชิกผู้ค้ำประกัน', hint: 'หลายคนคั่นด้วยจุลภาค เช่น 5, 12', width: 'w3' })}
            ${field({ name: 'recorded_by', label: 'ผู้บันทึกคำขอ (เลขที่สมาชิก)', hint: 'ผู้บันทึกจะเป็นผู้อนุมัติไม่ได้', width: 'w3', attrs: { class: 'num', inputmode: 'numeric' } })}
            ${field({ name: 'purpose', label: 'วัตถุประสงค์การกู้', width: 'w6', attrs: { placeholder: 'เช่น ซื้อปุ๋ยทำนา' } })}
          </div>
        </section>
        <section class="panel" id="preview-panel" aria-live="polite">
          <h2>ตารางผ่อนโดยประมาณ</h2>
          <div id="preview"><p class="muted">ใส่ประเภท จำนวนเงิน และจำนวนงวด เพื่อดูยอดผ่อนและอัตราดอกเบี้ยต่อปี</p></div>
          <div class="field" data-field="confirm_rate" id="confirm-box" hidden>
            <label class="check confirm-rate"><input type="checkbox" id="confirm-rate">
              คณะกรรมการยืนยันใช้อัตรานี้ (บันทึกการยืนยันไว้กับสัญญา)</label>
          </div>
        </section>
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-key="F2" id="apply-submit"><kbd>F2</kbd>บันทึกคำขอกู้</button>
        <a class="button quiet" href="#/loans" data-key="Escape"><kbd>Esc</kbd>ไม่บันทึก</a>
        <span class="muted small">Enter = ช่องถัดไป · ช่องสุดท้ายกด Enter เพื่อบันทึก · คำขอต้องให้คณะกรรมการอนุมัติก่อนจ่ายเงิน</span>
      </div>
    </form>`,
  );

  const form = el.querySelector('#apply-form');
  const preview = el.querySelector('#preview');
  const who = el.querySelector('#borrower-info');
  const confirmBox = el.querySelector('#confirm-box');
  const confirm = el.querySelector('#confirm-rate');
  const input = (name) => form.querySelector(`[name="${name}"]`);

  let asked = 0;
  // The request last drawn: leaving a field (change) after typing it (input) asks nothing new,
  // and redrawing then would swap the buttons under the pointer (a click on "ทำไม" lost).
  let drawn = '';
  async function updatePreview() {
    const [product, amount, months, date] = ['product', 'amount', 'months', 'date'].map((n) => input(n).value.trim());
    if (!product || !amount || !months) return;
    const key = JSON.stringify([product, amount, months, date]);
    if (key === drawn) return;
    const my = ++asked;
    try {
      const s = await api.loanPreview(product, amount, months, date);
      if (my !== asked || !ctx.alive()) return;
      const first = s.installments[0];
      const last = s.installments[s.installments.length - 1];
      render(
        preview,
        html`<dl class="details preview-facts">
            <dt>งวดแรก</dt><dd>${thaiDate(first.due)} · ${money(first.total)} บาท
              <div class="hint" id="preview-first-period">${s.first_period_label}</div></dd>
            <dt>งวดสุดท้าย</dt><dd>${thaiDate(last.due)} · ${money(last.total)} บาท</dd>
            <dt>รวม${s.charge_word}</dt><dd>${money(s.total_interest)} บาท</dd>
            <dt>รวมต้องชำระ</dt><dd>${money(s.total_payments)} บาท</dd>
            <dt>อัตราต่อปีตามสัญญา</dt><dd id="preview-rate"><strong>ร้อยละ ${s.nominal_annual_rate}</strong></dd>
            <dt>คิดเป็นรายปีตามจริง</dt><dd>ร้อยละ ${s.effective_annual_rate}</dd>
          </dl>
          ${s.legal_warning ? legalWarning(s.legal_warning, s.legal_why) : ''}
          <table class="amounts compact-schedule">
            <thead><tr><th class="num">งวด</th><th>ครบกำหนด</th><th class="num">เงินต้น</th><th class="num">${s.charge_word}</th><th class="num">รวม</th></tr></thead>
            <tbody>${s.installments.slice(0, 6).map(
              (i) => html`<tr><td class="num">${i.no}</td><td>${thaiDate(i.due)}</td><td class="num">${baht(i.principal)}</td>
                <td class="num">${baht(i.interest)}</td><td class="num">${baht(i.total)}</td></tr>`,
            )}
            ${s.installments.length > 6 ? html`<tr><td colspan="5" class="muted">… อีก ${s.installments.length - 6} งวด</td></tr>` : ''}</tbody>
          </table>`,
      );
      drawn = key;
      confirmBox.hidden = !s.above_legal_cap;
      if (!s.above_legal_cap) confirm.checked = false;
    } catch (err) {
      if (my !== asked) return;
      drawn = '';
      render(preview, html`<p class="muted">${err.message}</p>`);
    }
  }

  let whoAsked = 0;
  async function updateWho() {
    const my = ++whoAsked;
    const n = Number(toArabicDigits(input('member').value.trim()));
    if (!n) {
      render(who, '');
      return;
    }
    try {
      const [m, loans] = await Promise.all([api.member(n), api.memberLoans(n)]);
      if (my !== whoAsked || !ctx.alive()) return;
      const open = loans.loans.filter((l) => l.status === 'active');
      render(
        who,
        html`<div class="label">ผู้กู้</div><div id="borrower-name"><strong>${m.full_name}</strong>
          ${m.status !== 'active' ? html` <span class="status left">พ้นสภาพ</span>` : ''}
          ${loans.in_arrears ? arrearsBadge('ค้างชำระเงินกู้') : ''}</div>
          <div class="muted small">เงินสัจจะสะสม ${money(loans.savings)} บาท
            ${open.length ? html` · กำลังผ่อน ${open.map((l) => l.loan).join(', ')}` : ''}</div>`,
      );
    } catch (err) {
      if (my !== whoAsked) return;
      render(who, html`<div class="label">ผู้กู้</div><div class="muted">${err.message}</div>`);
    }
  }

  let timer = null;
  const soon = (f) => {
    clearTimeout(timer);
    timer = setTimeout(f, 250);
  };
  for (const name of ['product', 'amount', 'months', 'date']) {
    input(name).addEventListener('input', () => soon(updatePreview));
    input(name).addEventListener('change', updatePreview);
  }
  input('member').addEventListener('change', updateWho);
  input('member').addEventListener('input', () => soon(updateWho));

  bindForm(form, async (v) => {
    const card = await api.applyLoan({
      member: v.member,
      product: v.product,
      amount: v.amount,
      months: v.months,
      date: v.date,
      guarantors: splitNumbers(v.guarantors),
      purpose: v.purpose,
      confirm_rate: confirm.checked,
      recorded_by: v.recorded_by,
    }).catch((err) => {
      // Refused for the rate: show the confirmation (hidden until a preview said so).
      if (err && err.field === 'confirm_rate') confirmBox.hidden = false;
      throw err;
    });
    ctx.go(cardHref(card.loan));
  });
}
