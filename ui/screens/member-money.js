// The money part of a member's view: balances today, the account history (F6) and, for an
// active member, leaving the group (F8). Drawn by member.js below the member's details.

import * as api from '../api.js';
import { html } from '../lib/html.js';
import { baht } from '../lib/money.js';

export async function memberMoneyPanel(m) {
  const b = await api.memberBalance(m.number, '');
  return html`<section class="panel" id="member-money">
    <h2>เงินของสมาชิก <span class="muted small">ณ วันนี้</span></h2>
    <div class="cards position-cards">
      <div class="card"><div class="label">เงินสัจจะสะสม</div><div class="big num" id="money-sajja">${baht(b.sajja)}</div></div>
      <div class="card"><div class="label">เงินฝาก</div><div class="big num" id="money-deposits">${baht(b.deposits)}</div></div>
      <div class="card"><div class="label">ค่าปรับค้างชำระ</div><div class="big num">${baht(b.fines_owed)}</div></div>
    </div>
    <div class="actions">
      <a class="button" href="#/members/${m.number}/account" data-key="F7" id="member-account"><kbd>F7</kbd>ประวัติบัญชี (สมุดคู่ฝาก)</a>
      ${m.status === 'active'
        ? html`<a class="button danger-outline" href="#/members/${m.number}/exit" id="member-exit">พ้นสภาพ: ลาออก / เสียชีวิต / ให้ออก…</a>`
        : ''}
    </div>
  </section>`;
}
