// คณะกรรมการ: the committee register. The four committees as they stand on a date (today
// unless another is typed), each seat with its position and its term; a seat is added with
// its start date (electing a new ประธาน ends the old one's seat the day before) and ended
// with an end date — never deleted, so the history below stays whole. Who may approve a
// loan on a date is read from here.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { confirmDialog } from '../lib/dialog.js';

const COMMITTEES = [
  ['executive', 'คณะกรรมการอำนวยการ'],
  ['loans', 'คณะกรรมการเงินกู้'],
  ['audit', 'คณะกรรมการตรวจสอบ'],
  ['promotion', 'คณะกรรมการส่งเสริม'],
];
const POSITIONS = ['ประธาน', 'รองประธาน', 'เลขานุการ', 'เหรัญญิก', 'ปฏิคม', 'กรรมการ'];

let onDate = ''; // the date typed last, kept while the app runs

const term = (s) => html`${thaiDate(s.from)} – ${s.to ? thaiDate(s.to) : html`<span class="muted">ยังดำรงตำแหน่ง</span>`}`;

function current(seats) {
  return html`<div class="committee-grid" id="committee-now">${COMMITTEES.map(([key, label]) => {
    const list = seats.filter((s) => s.committee === key);
    return html`<section class="panel committee" data-committee="${key}">
      <h2>${label} <span class="muted small">${list.length} คน</span></h2>
      ${list.length
        ? html`<table class="seats">
            <thead><tr><th>ตำแหน่ง</th><th>ชื่อ</th><th>วาระ</th><th></th></tr></thead>
            <tbody>${list.map(
              (s) => html`<tr data-seat="${s.id}">
                <td>${s.position}</td>
                <td class="nowrap"><a href="#/members/${s.member}">${s.member} ${s.name}</a></td>
                <td class="nowrap">${term(s)}${s.meeting ? html`<br><span class="muted">มติการประชุม ${s.meeting}</span>` : ''}</td>
                <td>${s.to ? '' : html`<button type="button" class="quiet small" data-end="${s.id}">พ้นตำแหน่ง…</button>`}</td></tr>`,
            )}</tbody></table>`
        : html`<p class="muted">ยังไม่มีกรรมการในวันนี้</p>`}
    </section>`;
  })}</div>`;
}

function history(seats) {
  return html`<section class="panel">
    <h2>ประวัติทะเบียนกรรมการ <span class="muted small">ทุกวาระ ไม่มีการลบ</span></h2>
    <table id="committee-history">
      <thead><tr><th>คณะ</th><th>ตำแหน่ง</th><th>ชื่อ</th><th>ตั้งแต่</th><th>ถึง</th><th>มติ</th></tr></thead>
      <tbody>${seats.map(
        (s) => html`<tr class="${s.to ? 'muted' : ''}"><td>${s.committee_label}</td><td>${s.position}</td>
          <td>${s.member} ${s.name}</td><td>${thaiDate(s.from)}</td><td>${s.to ? thaiDate(s.to) : '—'}</td>
          <td>${s.meeting || ''}</td></tr>`,
      )}</tbody>
    </table>
  </section>`;
}

export async function show(el, ctx) {
  const date = onDate || workDateTyped();
  const [seats, all] = await Promise.all([api.committee(date), api.committee('')]);
  render(
    el,
    html`<div class="screen-head">
        <h1>คณะกรรมการ</h1>
        <a class="button" href="#/meetings" data-key="F7" id="to-meetings"><kbd>F7</kbd>การประชุม</a>
      </div>
      <form class="search-row" id="committee-date-form" novalidate>
        ${field({ name: 'date', date: true, label: 'กรรมการ ณ วันที่', value: date, hint: 'วัน/เดือน/ปี พ.ศ. · Enter = แสดง', width: 'w2', attrs: { id: 'committee-date' } })}
      </form>
      ${current(seats)}
      <form class="panel action-panel" id="seat-form" novalidate>
        <h2>บันทึกกรรมการ (ได้รับเลือกหรือแต่งตั้ง)</h2>
        <p class="muted small">ตำแหน่งที่มีคนเดียว (ประธาน รองประธาน เลขานุการ เหรัญญิก ปฏิคม) เมื่อบันทึกคนใหม่ ผู้ดำรงตำแหน่งเดิมพ้นตำแหน่งวันก่อนหน้าให้เอง</p>
        ${errorSummary}
        <div class="form-grid">
          ${selectField({ name: 'committee', label: 'คณะกรรมการ', options: COMMITTEES, width: 'w3' })}
          ${field({ name: 'member', label: 'เลขที่สมาชิก', width: 'w1', attrs: { class: 'num', inputmode: 'numeric', id: 'seat-member' } })}
          ${field({ name: 'position', label: 'ตำแหน่ง', value: 'กรรมการ', hint: POSITIONS.join(' · '), width: 'w2', attrs: { list: 'positions', id: 'seat-position' } })}
          ${field({ name: 'from', date: true, label: 'ตั้งแต่วันที่', value: workDateTyped(), width: 'w2', attrs: { id: 'seat-from' } })}
          ${field({ name: 'to', date: true, label: 'ถึงวันที่ (ถ้ามี)', hint: 'เว้นว่าง = จนกว่าจะเลือกตั้งใหม่', width: 'w2', attrs: { id: 'seat-to' } })}
          ${field({ name: 'meeting', label: 'มติการประชุม (ถ้ามี)', hint: 'เลขที่การประชุม เช่น 2568/01', width: 'w2', attrs: { id: 'seat-meeting' } })}
        </div>
        <datalist id="positions">${POSITIONS.map((p) => html`<option value="${p}">`)}</datalist>
        <div class="actions">
          <button type="submit" class="primary" data-key="F2" id="seat-submit"><kbd>F2</kbd>บันทึกกรรมการ</button>
        </div>
      </form>
      ${history(all)}`,
  );

  bindForm(el.querySelector('#committee-date-form'), async (v) => {
    await api.committee(v.date); // a typo is refused here, next to the field
    onDate = v.date;
    ctx.go('#/committee');
  });
  bindForm(el.querySelector('#seat-form'), async (v) => {
    await api.setSeat({ committee: v.committee, member: v.member, position: v.position, from: v.from, to: v.to, meeting: v.meeting });
    ctx.go('#/committee');
  });
  for (const button of el.querySelectorAll('[data-end]')) {
    button.addEventListener('click', async () => {
      const s = seats.find((x) => String(x.id) === button.dataset.end);
      const done = await confirmDialog(el, {
        title: `${s.name} พ้นจากตำแหน่ง${s.position}`,
        body: html`<p>${s.committee_label}: ${s.name} (เลขที่ ${s.member}) ดำรงตำแหน่ง${s.position}ตั้งแต่ ${thaiDate(s.from)}
          ตำแหน่งจะสิ้นสุดในวันที่ใส่ด้านล่าง หลังวันนั้นอนุมัติเงินกู้ในนามคณะนี้ไม่ได้</p>
          <p class="irreversible">ประวัติในทะเบียนกรรมการแก้ไขภายหลังไม่ได้</p>`,
        fields: field({ name: 'to', date: true, label: 'วันที่พ้นตำแหน่ง (วันสุดท้ายที่ดำรงตำแหน่ง)', value: workDateTyped(), width: 'w3' }),
        confirmLabel: 'บันทึกพ้นตำแหน่ง',
        onConfirm: (v) =>
          api.setSeat({ committee: s.committee, member: String(s.member), position: s.position, from: s.from, to: v.to, meeting: '' }),
      });
      if (done) ctx.go('#/committee');
    });
  }
}
