// ยอดยกมา typed by hand, for a group whose books are on paper: the cut-over date, the group's
// funds, each member's savings with the last month paid, deposits and unpaid fines, and the
// loans still being repaid. Each part is a grid that the core checks with exactly the code of
// the spreadsheet import (the grid goes over as the rows of a sheet): "ตรวจ" shows what would
// be posted, or every mistake beside its cell; "บันทึกยอดยกมา" posts the part, all or nothing,
// as one opening entry per kind of balance, after a confirmation that says it cannot be undone.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, thaiMonth, typedDate } from '../lib/format.js';
import { field, errorSummary, bindForm, clearErrors, showErrors } from '../lib/form.js';
import { baht, isNegative, unsigned } from '../lib/money.js';
import { confirmDialog } from '../lib/dialog.js';

// part → the import kind the core runs, its title, its columns (the core's field names) with
// their Thai labels.
const PARTS = {
  funds: {
    kind: 'funds',
    title: 'ทุนและเงินของกลุ่ม',
    fields: [['account', 'บัญชี'], ['amount', 'ยอดยกมา (บาท)']],
  },
  members: {
    kind: 'opening',
    title: 'เงินสัจจะ เงินฝาก ค่าปรับค้างของสมาชิก',
    fields: [
      ['member', 'เลขที่สมาชิก'],
      ['sajja', 'เงินสัจจะสะสม'],
      ['paid_through', 'ส่งสัจจะถึงเดือน'],
      ['deposits', 'เงินฝาก'],
      ['fines', 'ค่าปรับค้าง'],
    ],
  },
  loans: {
    kind: 'loans',
    title: 'เงินกู้ที่ยังผ่อนอยู่',
    fields: [
      ['member', 'เลขที่ผู้กู้'],
      ['product', 'ประเภทเงินกู้'],
      ['amount', 'จำนวนเงินกู้'],
      ['date', 'วันที่จ่ายเงินกู้'],
      ['months', 'จำนวนงวด'],
      ['principal_owed', 'เงินต้นคงเหลือ'],
      ['interest_paid_to', 'ชำระดอกเบี้ยถึงเดือน'],
      ['guarantors', 'ผู้ค้ำ (เลขที่)'],
    ],
  },
};

// The date typed on one part is offered on the others until the cut-over is set.
let typedCutover = '';
// The part just posted and its totals, said once on the screen drawn after it.
let justPosted = null;

function label(part, name) {
  const f = PARTS[part].fields.find(([n]) => n === name);
  return f ? f[1] : name;
}

function tabs(current) {
  return html`<nav class="tabs" aria-label="ส่วนของยอดยกมา">${Object.entries(PARTS).map(
    ([key, p], i) => html`<a href="#/opening/${key}" id="tab-${key}"
      ${key === current ? html`aria-current="page"` : ''}>${i + 1}. ${p.title}</a>`,
  )}</nav>`;
}

function status(v) {
  if (!v.date) {
    return html`<p class="notice" id="opening-status">ยังไม่ได้ใส่ยอดยกมา: วันยกยอดคือวันแรกที่บันทึกในโปรแกรม
      บัญชีก่อนวันนั้นอยู่ในสมุดเดิมและจะถูกปิด</p>`;
  }
  return html`<p class="notice" id="opening-status">วันยกยอด <strong>${thaiDate(v.date)}</strong>
    · ใส่แล้ว: ${v.entries.length ? v.entries.map((e) => e.kind).map(kindLabel).join(', ') : 'ยังไม่มี'} ·
    ${v.balanced
      ? html`<span class="ok">ยอดยกมาลงตัว</span>`
      : html`<span class="bad">ยังไม่ลงตัว ต่างกัน ${unsigned(v.difference)} บาท</span>
        (${isNegative(v.difference) ? 'ทรัพย์สินมากกว่าหนี้สินและทุน' : 'หนี้สินและทุนมากกว่าทรัพย์สิน'} — ใส่ส่วนที่ยังขาดให้ครบ)`}</p>`;
}

function kindLabel(kind) {
  return {
    sajja: 'เงินสัจจะ',
    deposits: 'เงินฝาก',
    fines: 'ค่าปรับค้าง',
    loans: 'เงินกู้',
    funds: 'ทุนและเงินของกลุ่ม',
  }[kind] || kind;
}

function cell(line, name, value = '', attrs = '') {
  return html`<td class="cell-input" data-cell="${name}"><input name="${name}" data-line="${line}"
    value="${value}" autocomplete="off" aria-label="${name}"${attrs}></td>`;
}

// ---- the three grids ----

function fundsGrid(accounts) {
  const known = accounts.map(
    (a, i) => html`<tr data-line="${i + 1}" data-account="${a.code}">
      <td><span class="code">${a.code}</span> ${a.name}<div class="sub muted">${a.side}</div></td>
      ${cell(i + 1, 'amount')}</tr>`,
  );
  // Rows for any other account of the chart (e.g. the year's income so far), by code.
  const others = [1, 2, 3].map((k) => {
    const line = accounts.length + k;
    return html`<tr data-line="${line}" class="other-account">
      <td class="cell-input" data-cell="account"><input name="account" data-line="${line}" autocomplete="off"
        placeholder="บัญชีอื่น: รหัสบัญชี เช่น 4100" aria-label="รหัสบัญชีอื่น"></td>
      ${cell(line, 'amount')}</tr>`;
  });
  return html`<table class="sheet opening-grid" id="grid-funds">
    <thead><tr><th>บัญชี</th><th class="num">ยอดยกมา (บาท)</th></tr></thead>
    <tbody>${known}${others}</tbody></table>`;
}

function fundsRows(el) {
  const rows = [];
  for (const tr of el.querySelectorAll('#grid-funds tbody tr')) {
    const line = Number(tr.dataset.line);
    const amount = tr.querySelector('input[name=amount]').value.trim();
    const account = tr.dataset.account || tr.querySelector('input[name=account]').value.trim();
    if (amount || (!tr.dataset.account && account)) rows.push([line, [account, amount]]);
  }
  return rows;
}

function membersGrid(list, brought) {
  const done = new Map(brought.map((m) => [m.member, m]));
  return html`<table class="sheet opening-grid" id="grid-members">
    <thead><tr><th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th><th class="num">เงินสัจจะสะสม</th>
      <th>ส่งสัจจะถึงเดือน</th><th class="num">เงินฝาก</th><th class="num">ค่าปรับค้าง</th></tr></thead>
    <tbody>${list.map((m, i) => {
      const b = done.get(m.number);
      if (b) {
        return html`<tr class="brought" data-member="${m.number}"><td class="num">${m.number}</td><td>${m.full_name}</td>
          <td class="num">${baht(b.sajja)}</td><td>${b.paid_through ? thaiMonth(b.paid_through) : '–'}</td>
          <td class="num">${baht(b.deposits)}</td><td class="num">${baht(b.fines)}</td></tr>`;
      }
      return html`<tr data-line="${i + 1}" data-member="${m.number}"><td class="num">${m.number}</td>
        <td>${m.full_name}<div class="sub muted">เข้ากลุ่ม ${thaiDate(m.joined)} · ${m.shares} หุ้น</div></td>
        ${cell(i + 1, 'sajja', '', html` inputmode="decimal" class="num"`)}
        ${cell(i + 1, 'paid_through', '', html` placeholder="เช่น 6/2568"`)}
        ${cell(i + 1, 'deposits', '', html` inputmode="decimal" class="num"`)}
        ${cell(i + 1, 'fines', '', html` inputmode="decimal" class="num"`)}</tr>`;
    })}</tbody></table>`;
}

function membersRows(el) {
  const rows = [];
  for (const tr of el.querySelectorAll('#grid-members tbody tr[data-line]')) {
    const get = (n) => tr.querySelector(`input[name=${n}]`).value.trim();
    const cells = [tr.dataset.member, get('sajja'), get('paid_through'), get('deposits'), get('fines')];
    if (cells.slice(1).some((c) => c)) rows.push([Number(tr.dataset.line), cells]);
  }
  return rows;
}

function loanRow(line, products) {
  return html`<tr data-line="${line}">
    <td class="num line-no">${line}</td>
    ${cell(line, 'member', '', html` inputmode="numeric" class="num"`)}
    <td class="cell-input" data-cell="product"><select name="product" data-line="${line}" aria-label="product">
      ${products.map((p) => html`<option value="${p.code}">${p.code} — ${p.name}</option>`)}</select></td>
    ${cell(line, 'amount', '', html` inputmode="decimal" class="num"`)}
    ${cell(line, 'date', '', html` placeholder="เช่น 5/1/2568" data-date`)}
    ${cell(line, 'months', '', html` inputmode="numeric" class="num"`)}
    ${cell(line, 'principal_owed', '', html` inputmode="decimal" class="num"`)}
    ${cell(line, 'interest_paid_to', '', html` placeholder="เช่น 6/2568"`)}
    ${cell(line, 'guarantors', '', html` placeholder="เช่น 12 45"`)}
  </tr>`;
}

function loansGrid(products) {
  return html`<table class="sheet opening-grid" id="grid-loans">
    <thead><tr><th class="num">ที่</th>${PARTS.loans.fields.map(([, l]) => html`<th>${l}</th>`)}</tr></thead>
    <tbody>${loanRow(1, products)}</tbody></table>
    <p><button type="button" id="add-loan" data-key="F3"><kbd>F3</kbd>เพิ่มสัญญา</button></p>`;
}

function loansRows(el) {
  const rows = [];
  for (const tr of el.querySelectorAll('#grid-loans tbody tr[data-line]')) {
    const get = (n) => tr.querySelector(`[name=${n}]`).value.trim();
    const cells = PARTS.loans.fields.map(([n]) => get(n));
    const typed = cells.filter((c, i) => i !== 1 && c);
    if (typed.length) rows.push([Number(tr.dataset.line), cells]);
  }
  return rows;
}

function broughtLoans(v) {
  if (!v.loans.length) return '';
  return html`<h3>เงินกู้ที่ใส่แล้ว</h3><table class="plain" id="brought-loans">
    <thead><tr><th>สัญญา</th><th>ผู้กู้</th><th class="num">เงินกู้</th><th>จ่ายเมื่อ</th>
      <th class="num">งวด</th><th class="num">เงินต้นคงเหลือ</th><th>ดอกเบี้ยถึง</th></tr></thead>
    <tbody>${v.loans.map((l) => html`<tr><td><a href="#/loans/${l.loan}">${l.loan}</a></td>
      <td>${l.member} ${l.name}</td><td class="num">${baht(l.amount)}</td><td>${thaiDate(l.disbursed)}</td>
      <td class="num">${l.months}</td><td class="num">${baht(l.principal_owed)}</td><td>${l.interest_paid_to ? thaiMonth(l.interest_paid_to) : '–'}</td></tr>`)}</tbody></table>`;
}

// ---- what the core said ----

function preview(part, r) {
  return html`<section class="panel" id="opening-preview">
    <h2>สิ่งที่จะบันทึก ณ วันยกยอด ${thaiDate(r.date)}</h2>
    <ol class="preview-lines">${r.lines.map((l) => html`<li>${l.text}</li>`)}</ol>
    ${r.totals.map((t) => html`<p class="strong total-line">${t.label} <span class="num">${baht(t.amount)}</span> บาท</p>`)}
    <div class="actions">
      <button type="button" id="opening-post" class="primary" data-key="F2"><kbd>F2</kbd>บันทึกยอดยกมา${PARTS[part].title}</button>
      <span class="muted small">ยังไม่ได้บันทึก — แก้ตัวเลขในตารางแล้วกด "ตรวจ" อีกครั้งได้</span>
    </div></section>`;
}

// Marks each mistake on its cell and lists them all at the top; mistakes of no row (the date,
// the books as a whole) go to the summary only.
function markErrors(form, part, errors) {
  form.querySelectorAll('tr.row-errors').forEach((r) => r.remove());
  form.querySelectorAll('td.invalid').forEach((c) => c.classList.remove('invalid'));
  const summary = [];
  let first = null;
  for (const e of errors) {
    const tr = e.row ? form.querySelector(`tbody tr[data-line="${e.row}"]`) : null;
    const td = tr && tr.querySelector(`td[data-cell="${e.column}"]`);
    if (td) {
      td.classList.add('invalid');
      const input = td.querySelector('input, select');
      input.setAttribute('aria-invalid', 'true');
      if (!first) first = input;
      const note = document.createElement('tr');
      note.className = 'row-errors';
      note.innerHTML = String(html`<td colspan="${tr.children.length}"><p class="field-error">${label(part, e.column)}: ${e.message}</p></td>`);
      tr.after(note);
    }
    const who = tr && tr.dataset.member ? `สมาชิกเลขที่ ${tr.dataset.member}` : tr ? `แถว ${e.row}` : '';
    // A mistake of no cell that speaks of the cut-over belongs to its field.
    const field = !td && /วันยกยอด/.test(e.message) ? 'cutover' : null;
    summary.push({ message: `${who ? `${who} · ${label(part, e.column)}: ` : ''}${e.message}`, field });
  }
  showErrors(form, summary);
  if (first) first.focus();
}

export async function show(el, ctx) {
  const part = PARTS[ctx.params.part] ? ctx.params.part : 'funds';
  const spec = PARTS[part];
  const [view, accounts, list, products] = await Promise.all([
    api.openingShow(),
    part === 'funds' ? api.openingAccounts() : [],
    part === 'members' ? api.members('') : [],
    part === 'loans' ? api.loanProducts() : [],
  ]);
  const active = list.filter((m) => m.status === 'active');
  const posted = justPosted && justPosted.part === part ? justPosted : null;
  justPosted = null;
  const fundsDone = view.entries.some((e) => e.kind === 'funds');

  let body;
  if (part === 'funds' && fundsDone) {
    body = html`<p class="ok" id="funds-done">ใส่ยอดยกมาของทุนและเงินของกลุ่มแล้ว</p>
      <table class="plain" id="brought-funds"><tbody>${view.funds.map((f) => html`<tr><td>${f.account} ${f.name}</td>
        <td class="num">${baht(f.amount)}</td></tr>`)}</tbody></table>`;
  } else if (part === 'members' && active.length === 0) {
    body = html`<p class="notice" id="no-members">ยังไม่มีสมาชิก — เพิ่มสมาชิกก่อน (เมนูสมาชิก) หรือนำเข้าทะเบียนสมาชิกจาก Excel</p>`;
  } else if (part === 'loans' && products.length === 0) {
    body = html`<p class="notice" id="no-products">ยังไม่มีประเภทเงินกู้ — เพิ่มประเภทเงินกู้ตามระเบียบกลุ่มก่อน
      <a href="#/loans/products">ประเภทเงินกู้</a></p>`;
  } else {
    const grid = part === 'funds' ? fundsGrid(accounts) : part === 'members' ? membersGrid(active, view.members) : loansGrid(products);
    const hint = {
      funds: 'ใส่ยอดคงเหลือของแต่ละบัญชี ณ วันยกยอดตามสมุดเดิม (บัญชีที่ไม่มีเว้นว่าง) เงินสัจจะ เงินฝาก ค่าปรับค้าง และเงินกู้ของสมาชิกใส่ในส่วนที่ 2 และ 3',
      members: 'ใส่เฉพาะสมาชิกที่มียอดยกมา · ส่งสัจจะถึงเดือน = เดือนสุดท้ายที่ส่งแล้ว (เดือนต่อจากนั้นจะเป็นยอดที่ต้องส่ง) · เงินสัจจะสะสมตามสมุดคุมเงินสัจจะ',
      loans: 'ใส่ตามบัตรเงินกู้: จำนวนเงินและวันที่ตามสัญญา เงินต้นที่ยังค้าง และเดือนสุดท้ายที่ชำระดอกเบี้ยแล้ว งวดต่อไปจะคิดต่อจากนั้นตามสัญญา',
    }[part];
    body = html`<form id="opening-form" novalidate>
      ${errorSummary}
      <div class="form-grid">
        ${field({
          name: 'cutover',
          label: 'วันยกยอด (วันแรกที่บันทึกในโปรแกรม)',
          value: view.date ? typedDate(view.date) : typedCutover,
          hint: view.date ? 'ตั้งไว้แล้ว ยอดยกมาทุกส่วนใช้วันเดียวกัน' : 'เช่น 1/7/2568 · เว้นว่าง = วันที่ 1 ของเดือนนี้',
          date: true,
          width: 'w6',
          attrs: { id: 'opening-date', readonly: Boolean(view.date) },
        })}
      </div>
      <p class="muted small">${hint}</p>
      ${part === 'loans' ? broughtLoans(view) : ''}
      ${grid}
      <div class="actions"><button type="submit" id="opening-check" class="primary">ตรวจ (ยังไม่บันทึก)</button></div>
    </form>
    <div id="opening-result"></div>`;
  }

  render(
    el,
    html`<div class="screen-head"><h1>ยอดยกมา (พิมพ์เอง)</h1>
        <a class="button quiet" href="#/import" data-key="Escape"><kbd>Esc</kbd>กลับ นำเข้าจาก Excel</a></div>
      ${status(view)}
      ${tabs(part)}
      ${posted ? html`<p class="ok notice" id="opening-posted" role="status">บันทึกยอดยกมา${spec.title}แล้ว:
        ${posted.totals.map((t) => html`${t.label} ${baht(t.amount)} บาท `)}</p>` : ''}
      <h2>${spec.title}</h2>
      ${body}`,
  );

  const form = el.querySelector('#opening-form');
  if (!form) return;
  const result = el.querySelector('#opening-result');

  if (part === 'loans') {
    el.querySelector('#add-loan').addEventListener('click', () => {
      const tbody = el.querySelector('#grid-loans tbody');
      const line = tbody.querySelectorAll('tr[data-line]').length + 1;
      tbody.insertAdjacentHTML('beforeend', String(loanRow(line, products)));
      tbody.querySelector(`tr[data-line="${line}"] input[name=member]`).focus();
    });
  }

  const rowsOf = () => (part === 'funds' ? fundsRows(el) : part === 'members' ? membersRows(el) : loansRows(el));
  const fields = spec.fields.map(([n]) => n);

  // Any change after a check throws the preview away: what is posted is what was checked.
  form.addEventListener('input', () => render(result, ''));

  // The cut-over is read by its id: the loans grid has its own `date` cells (the payout).
  bindForm(form, async () => {
    const cutover = form.querySelector('#opening-date').value.trim();
    typedCutover = cutover;
    render(result, '');
    const rows = rowsOf();
    if (rows.length === 0) throw { message: 'ยังไม่ได้ใส่ตัวเลข — ใส่ยอดยกมาในตารางก่อน' };
    const r = await api.openingEnter(spec.kind, cutover, fields, rows, false);
    if (r.errors.length) {
      markErrors(form, part, r.errors);
      return;
    }
    markErrors(form, part, []);
    clearErrors(form);
    render(result, preview(part, r));
    const post = result.querySelector('#opening-post');
    post.focus();
    post.addEventListener('click', async () => {
      const done = await confirmDialog(el, {
        title: `บันทึกยอดยกมา${spec.title}`,
        body: html`<p>ยอดยกมาลงบัญชีวันที่ ${thaiDate(r.date)} แล้ว<strong>แก้หรือลบไม่ได้</strong>
          (แก้ได้ด้วยการกลับรายการพร้อมเหตุผลเท่านั้น) และวันก่อนวันยกยอดจะถูกปิด บันทึกรายการไม่ได้อีก</p>
          ${r.totals.map((t) => html`<p>${t.label} ${baht(t.amount)} บาท</p>`)}`,
        confirmLabel: 'บันทึกยอดยกมา',
        danger: false,
        focus: 'cancel',
        onConfirm: async () => {
          const posted = await api.openingEnter(spec.kind, cutover, fields, rows, true);
          if (posted.errors.length) throw { message: posted.errors.map((e) => e.message).join(' · ') };
          return posted;
        },
      });
      if (!done) return;
      justPosted = { part, totals: done.totals };
      await ctx.refresh();
      ctx.go(`#/opening/${part}`);
    });
  });
}
