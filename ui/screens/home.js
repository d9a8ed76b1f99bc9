// หน้าหลัก: the group at a glance and the next things to do.

import * as api from '../api.js';
import { html, raw, render } from '../lib/html.js';
import { thaiDate, thaiMonth } from '../lib/format.js';

export async function show(el) {
  const [ov, charts] = await Promise.all([api.overview(), api.trendCharts()]);
  const g = ov.group;
  render(
    el,
    html`<div class="screen-head"><h1>${g.name}</h1></div>
      <p class="muted">${g.address}${g.founded ? html` · ก่อตั้งเมื่อ ${thaiDate(g.founded)}` : ''}</p>
      <div class="cards">
        <div class="card"><div class="label">เดือนบัญชีที่เปิดอยู่</div>
          <div class="big" id="home-month">${thaiMonth(ov.open_month)}</div></div>
        <div class="card"><div class="label">สมาชิก</div>
          <div class="big" id="home-members">${ov.active_member_count} คน</div>
          ${ov.member_count !== ov.active_member_count
            ? html`<div class="muted small">พ้นสภาพแล้ว ${ov.member_count - ov.active_member_count} คน</div>`
            : ''}</div>
        <div class="card"><div class="label">มูลค่าหุ้นละ</div>
          <div class="big">${ov.settings.share_value} บาท</div></div>
      </div>
      <section class="panel">
        <h2>ทำอะไรต่อ</h2>
        <div class="actions">
          <a class="button primary" href="#/members/new" data-key="F3" autofocus><kbd>F3</kbd>เพิ่มสมาชิกใหม่</a>
          <a class="button" href="#/members"><kbd>Alt+2</kbd>ดูรายชื่อสมาชิก</a>
          <a class="button" href="#/collect"><kbd>Alt+3</kbd>วันรับเงิน</a>
          <a class="button" href="#/settings"><kbd>Alt+9</kbd>ตั้งค่าระเบียบกลุ่ม</a>
        </div>
      </section>
      <section class="panel">
        <h2>ภาพรวม 24 เดือน (ยอด ณ สิ้นเดือน)</h2>
        <div class="charts" id="home-charts">${charts.map((svg) => html`<figure class="chart">${raw(svg)}</figure>`)}</div>
      </section>`,
  );
}
