// The second person of a two-person operation (reversal, write-off, loan approval, month and
// year close, a rule of the group, a user): a dialog on the same screen where another
// committee member picks their name and types their own PIN. A wrong PIN is refused in Thai
// (and logged by the core); the dialog stays open until a right PIN or Esc.

import * as api from '../api.js';
import { html } from './html.js';
import { field, selectField } from './form.js';
import { confirmDialog } from './dialog.js';

const MAY_CHECK = ['treasurer', 'chair', 'audit'];

// `message`: the core's Thai refusal naming the operation. `me`: the member signed in (not
// offered as checker). Resolves true when the checker confirmed, false when backed out.
export async function askChecker(message, me) {
  const users = (await api.userList()).filter((u) => MAY_CHECK.includes(u.role) && u.member !== me);
  const done = await confirmDialog(document.body, {
    title: 'ต้องมีผู้ตรวจคนที่สองยืนยัน',
    danger: false,
    body: html`<p id="checker-what">${message}</p>
      <p>ให้กรรมการอีกคน (เหรัญญิก ประธาน หรือกรรมการตรวจสอบ) เลือกชื่อของตนเอง แล้วใส่ PIN ของตนเอง
        โปรแกรมจะบันทึกชื่อทั้งสองคนไว้ให้คณะกรรมการตรวจสอบ</p>`,
    fields: html`${selectField({
        name: 'checker',
        label: 'ผู้ตรวจ',
        options: users.map((u) => [u.member, `${u.member} · ${u.name} (${u.role_label})`]),
      })}
      ${field({ name: 'pin', label: 'PIN ของผู้ตรวจ', type: 'password', width: 'w2', attrs: { id: 'checker-pin', inputmode: 'numeric' } })}`,
    confirmLabel: 'ยืนยันด้วย PIN',
    onConfirm: async (v) => {
      await api.confirmChecker(Number(v.checker), v.pin);
      return true;
    },
  });
  return done === true;
}
