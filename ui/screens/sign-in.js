// Who is at the keyboard (เข้าใช้งาน): once the group has users, the app opens here and after
// every lock. The person picks their name and types their PIN; every write afterwards is
// recorded as theirs. A wrong PIN is refused in Thai and logged for the audit committee.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';

export async function show(el, ctx) {
  const users = await api.userList();
  const ov = ctx.status.overview;
  render(
    el,
    html`<div class="start sign-in">
      <div class="start-title">
        <h1>สัจจะ</h1>
        <p id="sign-in-group">${ov.group.name}</p>
      </div>
      <form id="sign-in-form" class="panel" novalidate>
        <h2>ใครใช้งานอยู่</h2>
        <p class="muted">เลือกชื่อของท่าน แล้วใส่ PIN — ทุกรายการที่บันทึกจะมีชื่อผู้บันทึก
          ใส่ PIN ผิดจะถูกบันทึกไว้ให้คณะกรรมการตรวจสอบ</p>
        ${errorSummary}
        <div class="form-grid">
          ${selectField({
            name: 'member',
            label: 'ผู้ใช้',
            options: users.map((u) => [u.member, `${u.member} · ${u.name} (${u.role_label})`]),
          })}
          ${field({ name: 'pin', label: 'PIN', type: 'password', width: 'w2', attrs: { id: 'sign-in-pin', inputmode: 'numeric', autofocus: true } })}
        </div>
        <div class="actions">
          <button type="submit" class="primary" id="sign-in-go" data-key="F2"><kbd>F2</kbd>เข้าใช้งาน</button>
        </div>
      </form>
      <p class="start-foot muted small">${ctx.status.overview ? ctx.status.overview.group.name : ''} · เก็บไว้ที่<span id="db-path" data-path="${ctx.status.path}" title="${ctx.status.path}">${ctx.status.place}</span></p>
    </div>`,
  );
  const form = el.querySelector('#sign-in-form');
  bindForm(form, async (v) => {
    await api.signIn(Number(v.member), v.pin);
    await ctx.refresh();
    ctx.go('#/');
  });
}
