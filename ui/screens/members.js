// สมาชิก: the list, filtered live by number or name. Enter in the search box opens the first
// match; arrow keys move through the rows.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { arrowsAlong } from '../lib/arrows.js';

let lastSearch = '';
// Drawing thousands of rows on every keystroke would make typing lag; show the first ones.
const SHOW_AT_MOST = 300;

function statusBadge(row) {
  return row.status === 'active'
    ? html`<span class="status active">เป็นสมาชิก</span>`
    : html`<span class="status left">พ้นสภาพ</span>`;
}

function rows(list) {
  if (list.length === 0) {
    return html`<tr><td colspan="5" class="muted" id="no-members">ไม่พบสมาชิก</td></tr>`;
  }
  return list.slice(0, SHOW_AT_MOST).map(
    (m) => html`<tr data-number="${m.number}">
      <td class="num">${m.number}</td>
      <td><a href="#/members/${m.number}" class="member-link">${m.full_name}</a></td>
      <td>${thaiDate(m.joined)}</td>
      <td class="num">${m.shares}</td>
      <td>${statusBadge(m)}</td>
    </tr>`,
  );
}

export async function show(el, ctx) {
  const first = await api.members(lastSearch);
  render(
    el,
    html`<div class="screen-head">
        <h1>สมาชิก</h1>
        <a class="button primary" href="#/members/new" data-key="F3" id="add-member"><kbd>F3</kbd>เพิ่มสมาชิกใหม่</a>
      </div>
      <div class="search-row">
        <div class="field">
          <label for="member-search">ค้นหาด้วยเลขที่หรือชื่อ</label>
          <input id="member-search" type="search" value="${lastSearch}" autocomplete="off" autofocus
            placeholder="เช่น 12 หรือ สมชาย">
        </div>
        <p class="muted small">Enter เปิดคนแรกในรายการ · ลูกศรขึ้น/ลง เลือกคน</p>
      </div>
      <p class="count" id="member-count"></p>
      <table id="member-list">
        <thead><tr>
          <th class="num">เลขที่</th><th>ชื่อ–นามสกุล</th><th>วันที่สมัคร</th>
          <th class="num">หุ้น/เดือน</th><th>สถานะ</th>
        </tr></thead>
        <tbody></tbody>
      </table>`,
  );

  const input = el.querySelector('#member-search');
  const body = el.querySelector('tbody');
  const count = el.querySelector('#member-count');
  let list = first;
  const draw = () => {
    render(body, rows(list));
    count.textContent =
      (lastSearch ? `พบ ${list.length} คน` : `ทั้งหมด ${list.length} คน`) +
      (list.length > SHOW_AT_MOST ? ` · แสดง ${SHOW_AT_MOST} คนแรก พิมพ์เลขที่หรือชื่อเพื่อค้นหาคนอื่น` : '');
  };
  draw();

  let asked = 0;
  // The latest search, so Enter opens the first of what the box says now, never of the list
  // still on screen from the letters before.
  let searching = Promise.resolve();
  const search = async () => {
    const my = ++asked;
    const q = input.value.trim();
    try {
      const found = await api.members(q);
      if (my !== asked || !ctx.alive()) return;
      lastSearch = q;
      list = found;
      draw();
    } catch (err) {
      count.textContent = err.message;
    }
  };
  input.addEventListener('input', () => {
    searching = search();
  });

  const links = () => [...el.querySelectorAll('a.member-link')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && input.value) {
      // Esc first clears the search; a second Esc has nothing to back out of here.
      e.stopPropagation();
      input.value = '';
      input.dispatchEvent(new Event('input'));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const latest = searching;
      latest.then(() => {
        if (latest !== searching || !ctx.alive()) return; // typed on meanwhile
        const l = links();
        if (l.length) l[0].click();
      });
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      links()[0]?.focus();
    }
  });
  body.addEventListener('keydown', (e) => arrowsAlong(e, links(), input));
}
