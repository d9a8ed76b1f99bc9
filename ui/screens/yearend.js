// สิ้นปีบัญชี: the year-end in four steps, as the committee meets it.
// 1. งบการเงิน: the year's income statement (the two funds apart) and balance sheet, with the
//    previous year beside them.
// 2. ร่างการจัดสรร: the net profit, each heading's pool, what rounding leaves to the reserve,
//    the dividend rate, and every member's weight, dividend, average return and why a share
//    was withheld. Whoever prepared it types their member number: it is recorded.
// 3. อนุมัติ: the general meeting that approved (picked from the annual and extraordinary
//    meetings held after the year's end, recorded with the close; or, for a meeting not
//    recorded here, its date) and the approver (another member than the preparer); posts the
//    closing entries and locks the year (a confirmation says it cannot be undone).
// 4. จ่าย: everyone still owed (or one member) in cash, into savings or into deposits.
// Amounts are the core's strings; nothing is computed here.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDay } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm, callForForm, clearErrors, showErrors } from '../lib/form.js';
import { baht, isZero } from '../lib/money.js';
import { confirmDialog } from '../lib/dialog.js';
import { showSaved } from '../lib/saved.js';
import { meetingHref } from './meetings.js';

let lastYear = null;

const PAY_TO = [
  ['cash', 'จ่ายเป็นเงินสด (ลงลายมือชื่อในทะเบียน)'],
  ['savings', 'โอนเข้าเงินสัจจะ'],
  ['deposit', 'โอนเข้าเงินฝาก'],
];

function lines(list) {
  return list.map(
    (l) => html`<tr><td class="indent">${l.name}</td><td class="num">${baht(l.amount)}</td><td class="num muted">${baht(l.previous)}</td></tr>`,
  );
}

function total(label, now, before) {
  return html`<tr class="total"><td>${label}</td><td class="num">${baht(now)}</td><td class="num">${baht(before)}</td></tr>`;
}

function statementsView(s, year) {
  const is = s.income_statement;
  const bs = s.balance_sheet;
  return html`<section class="panel" id="yearend-statements">
    <h2>1. งบการเงินปีบัญชี ${year} <span class="muted small">(${thaiDate(is.from)} – ${thaiDate(is.to)} เทียบปีก่อน)</span></h2>
    <div class="two-col">
      <table class="amounts" id="income-statement">
        <thead><tr><th>งบรายได้–ค่าใช้จ่าย</th><th class="num">ปี ${year}</th><th class="num">ปี ${year - 1}</th></tr></thead>
        <tbody>
          <tr class="group"><td colspan="3">ทุนดำเนินการ: รายได้</td></tr>
          ${lines(is.operating.income)}
          ${total('รวมรายได้', is.operating.income_total, is.operating.previous_income_total)}
          <tr class="group"><td colspan="3">ทุนดำเนินการ: ค่าใช้จ่าย</td></tr>
          ${lines(is.operating.expenses)}
          ${total('รวมค่าใช้จ่าย', is.operating.expenses_total, is.operating.previous_expenses_total)}
          <tr class="total strong" id="net-profit-row"><td>กำไร(ขาดทุน)สุทธิ</td><td class="num">${baht(is.net_profit)}</td><td class="num">${baht(is.previous_net_profit)}</td></tr>
          <tr class="group"><td colspan="3">ทุนค่าใช้สอย (แยกจากกำไร)</td></tr>
          ${lines(is.expense_fund.income)}
          ${lines(is.expense_fund.expenses)}
          ${total('ทุนค่าใช้สอย รับสูง(ต่ำ)กว่าจ่าย', is.expense_fund.net, is.expense_fund.previous_net)}
        </tbody>
      </table>
      <table class="amounts" id="balance-sheet">
        <thead><tr><th>งบแสดงฐานะการเงิน ณ ${thaiDate(bs.to)}</th><th class="num">ปี ${year}</th><th class="num">ปี ${year - 1}</th></tr></thead>
        <tbody>
          <tr class="group"><td colspan="3">สินทรัพย์</td></tr>
          ${lines(bs.assets)}
          ${total('รวมสินทรัพย์', bs.total_assets, bs.previous_total_assets)}
          <tr class="group"><td colspan="3">หนี้สิน</td></tr>
          ${lines(bs.liabilities)}
          <tr class="group"><td colspan="3">ทุนดำเนินการ</td></tr>
          ${lines(bs.operating_capital)}
          <tr><td>ทุนค่าใช้สอย</td><td class="num">${baht(bs.expense_fund)}</td><td class="num muted">${baht(bs.previous_expense_fund)}</td></tr>
          ${total('รวมหนี้สินและทุน', bs.total_liabilities_and_funds, bs.previous_total_liabilities_and_funds)}
        </tbody>
      </table>
    </div>
    <p class="${bs.balanced ? 'muted' : 'warning-line'}" id="balance-check">${bs.balanced ? '✓ งบแสดงฐานะการเงินสมดุล' : '⚠ งบแสดงฐานะการเงินไม่สมดุล — ตรวจสอบไฟล์บัญชี (sajja verify)'}</p>
  </section>`;
}

function previewView(p) {
  const loss = p.net_profit.startsWith('-');
  // The purchase-based return's columns, when the regulation gives it a share this year.
  const pr = !isZero(p.pools.purchase_return || '0');
  return html`<section class="panel" id="yearend-preview">
    <h2>2. ${p.closed ? 'การจัดสรรกำไรที่บันทึกแล้ว' : 'ร่างการจัดสรรกำไรเพื่อเสนอที่ประชุมใหญ่'}</h2>
    <div class="cards">
      <div class="card"><div class="label">กำไรสุทธิ (ทุนดำเนินการ)</div><div class="big num" id="preview-net">${baht(p.net_profit)}</div></div>
      <div class="card"><div class="label">ปันผลคิดเป็น</div><div class="big num" id="preview-rate">ร้อยละ ${p.dividend_rate} ต่อปี</div>
        <div class="small">${p.method_label}</div></div>
      <div class="card"><div class="label">เศษจากการปัดเข้าทุนสำรอง</div><div class="big num" id="preview-residual">${baht(p.residual)}</div>
        <div class="small">${p.rounding_label}</div></div>
    </div>
    ${loss
      ? html`<p class="warning-line" id="preview-loss">⚠ ปีนี้ขาดทุนสุทธิ ${baht(p.loss_carried_forward)} บาท ไม่มีการจัดสรร ยกไปเป็นขาดทุนสะสม</p>`
      : html`<table class="amounts" id="allocation">
          <thead><tr><th>หมวดการจัดสรร</th><th class="num">ร้อยละ</th><th class="num">จำนวนเงิน</th><th class="num">เศษจากการปัด</th></tr></thead>
          <tbody>${p.allocation.map(
            (a) => html`<tr data-heading="${a.heading}"><td>${a.label}</td><td class="num">${a.percent}</td>
              <td class="num">${baht(a.amount)}</td><td class="num">${isZero(a.residual) ? '' : baht(a.residual)}</td></tr>`,
          )}
          <tr class="total"><td>รวม</td><td class="num">${p.percent_total}</td><td class="num">${baht(p.net_profit)}</td><td class="num">${baht(p.residual)}</td></tr>
          </tbody></table>`}
    <h3>สมาชิก ${p.members.length} คน · ได้ปันผล ${p.members_eligible_dividend} คน · ได้เฉลี่ยคืน ${p.members_eligible_average_return} คน</h3>
    <div class="grid-scroll" tabindex="0">
      <table class="amounts" id="yearend-members">
        <thead><tr><th class="num">เลขที่</th><th>ชื่อ–สกุล</th><th class="num">ยอดสัจจะรวม</th><th class="num">ดอกเบี้ยที่จ่าย</th>
          <th class="num">ปันผล</th><th class="num">เฉลี่ยคืน</th>${pr ? html`<th class="num">ยอดซื้อ</th><th class="num">เฉลี่ยคืนตามยอดซื้อ</th>` : ''}<th class="num">รวม</th>${p.closed ? html`<th class="num">ค้างจ่าย</th>` : ''}<th>หมายเหตุ</th></tr></thead>
        <tbody>${p.members.map(
          (m) => html`<tr data-member="${m.member}"><td class="num">${m.member}</td><td>${m.name}</td>
            <td class="num">${baht(m.weight)}</td><td class="num">${baht(m.interest_paid)}</td>
            <td class="num">${baht(m.dividend)}</td><td class="num">${baht(m.average_return)}</td>
            ${pr ? html`<td class="num">${baht(m.purchases)}</td><td class="num">${baht(m.purchase_return)}</td>` : ''}<td class="num">${baht(m.total)}</td>
            ${p.closed ? html`<td class="num">${baht(m.unpaid)}</td>` : ''}<td class="small">${m.excluded}</td></tr>`,
        )}</tbody>
      </table>
    </div>
    <p class="actions">
      <a class="button" href="#/print/yearend/${p.year}">พิมพ์งบการเงินและตารางจัดสรร</a>
      <a class="button" href="#/print/dividends/${p.year}">พิมพ์ทะเบียนปันผล-เฉลี่ยคืน</a>
      <button type="button" class="export" id="yearend-export">ส่งออก Excel (งบการเงินและทะเบียนปันผล)</button>
    </p>
    <div id="yearend-export-result" role="status"></div>
  </section>`;
}

// The general meetings that may approve the year: annual or extraordinary, held after its end.
function generalMeetings(all, p) {
  return all.filter((m) => (m.kind === 'annual' || m.kind === 'extraordinary') && m.date > p.to);
}

function meetingChoice(list) {
  const options = list.map((m) => [m.meeting, `${m.kind_label} ครั้งที่ ${m.meeting} · ${thaiDate(m.date)}`]);
  options.push(['', 'ไม่ได้บันทึกการประชุมไว้ในโปรแกรม (ใส่วันประชุม)']);
  return selectField({
    name: 'meeting',
    label: 'การประชุมใหญ่ที่อนุมัติ',
    options,
    value: list.length ? list[0].meeting : '',
    hint: list.length ? 'บันทึกไว้กับการปิดบัญชี และลงในรายงานการประชุมนั้น' : 'ยังไม่มีการประชุมใหญ่หลังสิ้นปี — บันทึกที่หน้าการประชุม',
    width: 'w4',
  });
}

export async function show(el, ctx) {
  const thisYear = ctx.params.year || Number(workDay(ctx).slice(0, 4)) + 543 - 1 || '';
  render(
    el,
    html`<div class="screen-head"><h1>สิ้นปีบัญชี</h1></div>
      <p class="lead">งบการเงิน → ร่างการจัดสรรกำไร → ที่ประชุมใหญ่อนุมัติ → จ่ายปันผลและเฉลี่ยคืน
        ปิดบัญชีทุกเดือนของปีก่อน ผู้อนุมัติต้องไม่ใช่ผู้จัดทำ</p>
      <form id="yearend-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: String(ctx.params.year || lastYear || thisYear), hint: 'เช่น 2568', attrs: { id: 'yearend-year', autofocus: true, inputmode: 'numeric' } })}
          <button type="submit" id="yearend-show">แสดง</button>
        </div>
      </form>
      <div id="yearend-view"></div>`,
  );
  const form = el.querySelector('#yearend-form');
  const input = el.querySelector('#yearend-year');
  const view = el.querySelector('#yearend-view');
  let year = null;

  async function load(typed) {
    const got = await callForForm(form, 'year', async () => [
      await api.yearStatements(typed),
      await api.yearendPreview(typed),
      await api.meetings(),
    ]);
    if (!got) {
      render(view, '');
      return;
    }
    if (!ctx.alive()) return;
    const [s, p, all] = got;
    year = p.year;
    lastYear = year;
    input.value = String(year);
    draw(s, p, generalMeetings(all, p));
  }

  function draw(s, p, general) {
    const open = p.months_open.length > 0;
    render(
      view,
      html`${statementsView(s, p.year)}
        ${previewView(p)}
        ${p.closed
          ? html`<section class="panel" id="yearend-closed">
              <h2>3. อนุมัติแล้ว</h2>
              <p class="notice" role="status">✓ ที่ประชุมใหญ่อนุมัติเมื่อ ${thaiDate(p.closed.meeting_date)} ·
                ${p.closed.meeting ? html`<a href="${meetingHref(p.closed.meeting)}" id="yearend-meeting">${p.closed.meeting_label}</a> ·` : ''}
                ผู้อนุมัติ ${p.closed.approver_name} (เลขที่ ${p.closed.approved_by}) · ผู้จัดทำ ${p.closed.prepared_by} · ปีบัญชีนี้ปิดแล้ว</p>
            </section>
            <section class="panel" id="yearend-pay">
              <h2>4. จ่ายปันผลและเฉลี่ยคืน</h2>
              <form id="pay-form" novalidate>
                ${errorSummary}
                <div class="form-grid">
                  ${field({ name: 'member', label: 'เลขที่สมาชิก', hint: 'เว้นว่าง = ทุกคนที่ยังไม่ได้รับ', width: 'w1', attrs: { id: 'pay-member', inputmode: 'numeric' } })}
                  ${selectField({ name: 'to', label: 'จ่ายโดย', options: PAY_TO, value: 'cash' })}
                  ${field({ name: 'date', label: 'วันที่จ่าย', date: true, hint: 'เว้นว่าง = วันนี้', attrs: { id: 'pay-date' } })}
                </div>
                <div class="actions"><button type="submit" class="primary" id="pay-submit"><kbd>F2</kbd>จ่าย</button></div>
              </form>
              <div id="pay-result"></div>
            </section>`
          : html`<section class="panel" id="yearend-approve">
              <h2>3. ผู้จัดทำและการอนุมัติ</h2>
              ${open
                ? html`<p class="warning-line" id="yearend-open-months">⚠ ยังไม่ได้ปิดบัญชีเดือน ${p.months_open.join(', ')} — ปิดทุกเดือนของปีก่อนจึงอนุมัติได้ (ดูร่างได้)</p>`
                : ''}
              <form id="prepare-form" novalidate>
                ${errorSummary}
                <div class="form-grid">
                  ${field({ name: 'prepared_by', label: 'ผู้จัดทำ (เลขที่สมาชิก)', value: p.prepared_by || '', hint: p.prepared_by ? `บันทึกไว้แล้ว: ${p.prepared_by}` : 'เช่น เหรัญญิก', width: 'w1', attrs: { id: 'prepared-by', inputmode: 'numeric' } })}
                </div>
                <div class="actions"><button type="submit" id="prepare-submit">บันทึกผู้จัดทำ</button></div>
              </form>
              <form id="approve-form" novalidate>
                ${errorSummary}
                <div class="form-grid">
                  ${meetingChoice(general)}
                  ${field({ name: 'meeting_date', label: 'วันประชุมใหญ่ที่อนุมัติ', date: true, hint: 'เฉพาะเมื่อไม่ได้เลือกการประชุม', attrs: { id: 'meeting-date' } })}
                  ${field({ name: 'approved_by', label: 'ผู้อนุมัติ (เลขที่สมาชิก)', hint: 'ต้องไม่ใช่ผู้จัดทำ', width: 'w1', attrs: { id: 'approved-by', inputmode: 'numeric' } })}
                </div>
                <div class="actions"><button type="submit" class="danger" id="approve-submit"${open ? html` disabled` : ''}><kbd>F2</kbd>อนุมัติและปิดบัญชีประจำปี…</button></div>
              </form>
            </section>`}`,
    );
    bindSteps(p);
  }

  function bindSteps(p) {
    const exportButton = view.querySelector('#yearend-export');
    if (exportButton) {
      exportButton.addEventListener('click', async () => {
        const out = view.querySelector('#yearend-export-result');
        try {
          const w = await api.exportReport('yearend', { year: String(p.year) });
          showSaved(out, w, `บันทึกงบการเงินและทะเบียนปันผลปี ${p.year} เป็น Excel แล้ว`);
        } catch (e) {
          render(out, html`<span class="bad">${e.message}</span>`);
        }
      });
    }
    const prepare = view.querySelector('#prepare-form');
    if (prepare) {
      bindForm(prepare, async (v) => {
        const prepared = await callForForm(prepare, 'prepared_by', () => api.yearendPreview(String(p.year), v.prepared_by));
        if (prepared && ctx.alive()) await load(String(p.year));
      });
    }
    const approve = view.querySelector('#approve-form');
    if (approve) {
      bindForm(approve, async (v) => {
        clearErrors(approve);
        let stale = null;
        const done = await confirmDialog(el, {
          title: `อนุมัติและปิดบัญชีปี ${p.year}`,
          body: html`${v.meeting ? html`<p id="confirm-meeting">ตามมติการประชุมใหญ่ครั้งที่ ${v.meeting}</p>` : ''}
            <p>กำไรสุทธิ <strong>${baht(p.net_profit)}</strong> บาท · ปันผล ${baht(p.dividend_paid_out)} บาท ·
              เฉลี่ยคืน ${baht(p.average_return_paid_out)} บาท · เศษเข้าทุนสำรอง ${baht(p.residual)} บาท</p>
            <p class="irreversible">บันทึกการจัดสรรเป็นรายการบัญชีลงวันที่ ${thaiDate(p.to)} และปิดปีบัญชีนี้
              ทำซ้ำหรือยกเลิกไม่ได้ และจะบันทึกรายการใดในปีนี้ไม่ได้อีก</p>`,
          confirmLabel: 'ยืนยัน อนุมัติและปิดบัญชีประจำปี',
          focus: 'cancel',
          onConfirm: async () => {
            try {
              return await api.yearendClose(String(p.year), v.meeting || '', v.meeting ? '' : v.meeting_date, v.approved_by);
            } catch (err) {
              // The books changed after these figures were shown: nothing was posted, and
              // the dialog closes so the new figures can be shown and approved afresh.
              if (err.kind !== 'changed_since_shown') throw err;
              stale = err;
              return null;
            }
          },
        }).catch((err) => {
          showErrors(approve, [err]);
          return null;
        });
        if (!ctx.alive()) return;
        if (stale) {
          await load(String(p.year));
          const fresh = view.querySelector('#approve-form');
          if (fresh && ctx.alive()) showErrors(fresh, [stale]);
          return;
        }
        if (!done) return;
        await load(String(p.year));
      });
    }
    const pay = view.querySelector('#pay-form');
    if (pay) {
      bindForm(pay, async (v) => {
        const member = v.member && v.member.trim() ? Number(v.member) : null;
        const paid = await callForForm(pay, 'member', () => api.yearendPay(String(p.year), member, v.to, v.date || ''));
        if (!paid || !ctx.alive()) return;
        await load(String(p.year));
        const holder = view.querySelector('#pay-result');
        if (holder) {
          render(
            holder,
            html`<div class="notice" id="pay-done" role="status">✓ จ่ายแล้ว ${paid.members.length} คน รวม ${baht(paid.total)} บาท (${thaiDate(paid.date)})</div>`,
          );
        }
      });
    }
  }

  bindForm(form, (v) => load(v.year));
  await load(String(ctx.params.year || lastYear || thisYear));
}
