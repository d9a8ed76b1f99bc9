// Bootstrap, hash routing, the frame (header + side menu) and the global keys.
//
// Keys: any visible element with `data-key="F2"` (or "F3", "Escape", "Alt+1", ...) is clicked
// when that key is pressed; buttons show the same key in a <kbd> hint. Each function key has
// one meaning across the app (ui/keys.json, checked by tests/keys.rs); F1 opens the help of the
// screen in front (ui/help-text.js).

import * as api from './api.js';
import { html, render } from './lib/html.js';
import { thaiMonth, setToday } from './lib/format.js';
import * as start from './screens/start.js';
import * as home from './screens/home.js';
import * as members from './screens/members.js';
import * as member from './screens/member.js';
import * as memberForm from './screens/member-form.js';
import * as settings from './screens/settings.js';
import * as loans from './screens/loans.js';
import * as loanApply from './screens/loan-apply.js';
import * as loanCard from './screens/loan-card.js';
import * as loanArrears from './screens/loan-arrears.js';
import * as loanProducts from './screens/loan-products.js';
import * as collect from './screens/collect.js';
import * as money from './screens/money.js';
import * as closeMonth from './screens/close-month.js';
import * as cashbook from './screens/cashbook.js';
import * as register from './screens/register.js';
import * as account from './screens/account.js';
import * as memberExit from './screens/member-exit.js';
import * as print from './screens/print.js';
import * as yearend from './screens/yearend.js';
import * as importScreen from './screens/import.js';
import * as signIn from './screens/sign-in.js';
import * as backup from './screens/backup.js';
import * as checkCode from './screens/check-code.js';
import { askChecker } from './lib/checker.js';
import * as business from './screens/business.js';
import * as businessHome from './screens/business-home.js';
import * as businessSell from './screens/business-sell.js';
import * as businessBuy from './screens/business-buy.js';
import * as businessCount from './screens/business-count.js';
import * as businessRice from './screens/business-rice.js';
import * as businessReport from './screens/business-report.js';
import * as opening from './screens/opening.js';
import * as committee from './screens/committee.js';
import * as meetings from './screens/meetings.js';
import * as meeting from './screens/meeting.js';
import { openHelp } from './lib/help.js';

// The side menu: only screens that exist. Later features add theirs here.
const MENU = [
  { href: '#/', label: 'หน้าหลัก', key: 'Alt+1', match: /^#\/?$/ },
  { href: '#/members', label: 'สมาชิก', key: 'Alt+2', match: /^#\/members/ },
  { href: '#/collect', label: 'วันรับเงิน', key: 'Alt+3', match: /^#\/collect/ },
  { href: '#/loans', label: 'เงินกู้', key: 'Alt+4', match: /^#\/loans/ },
  { href: '#/business', label: 'ธุรกิจกลุ่ม', key: 'Alt+b', match: /^#\/business/ },
  { href: '#/money', label: 'รายรับ-รายจ่าย', key: 'Alt+5', match: /^#\/money/ },
  { href: '#/cashbook', label: 'สมุดเงินสด', key: 'Alt+6', match: /^#\/cashbook/ },
  { href: '#/register', label: 'ทะเบียนคุมเงินสัจจะ', key: 'Alt+7', match: /^#\/register/ },
  { href: '#/close', label: 'ปิดบัญชีเดือน', key: 'Alt+8', match: /^#\/close/ },
  { href: '#/yearend', label: 'สิ้นปีบัญชี', key: 'Alt+y', match: /^#\/yearend/ },
  { href: '#/meetings', label: 'ประชุม', key: 'Alt+m', match: /^#\/meetings/ },
  { href: '#/committee', label: 'คณะกรรมการ', key: 'Alt+k', match: /^#\/committee/ },
  { href: '#/print', label: 'พิมพ์เอกสาร', key: 'Alt+0', match: /^#\/print/ },
  { href: '#/import', label: 'นำเข้าและส่งออก Excel', key: 'Alt+i', match: /^#\/(import|opening)/ },
  { href: '#/settings', label: 'ตั้งค่าระเบียบกลุ่ม', key: 'Alt+9', match: /^#\/settings/ },
  { href: '#/backup', label: 'สำรองข้อมูล', key: 'Alt+s', match: /^#\/backup/ },
  { href: '#/check', label: 'ตรวจรหัสบนเอกสาร', key: 'Alt+c', match: /^#\/check/ },
];

// Routes of the open books: [pattern, screen module, params from the match].
const ROUTES = [
  [/^#?\/?$/, home, () => ({})],
  [/^#\/members$/, members, () => ({})],
  [/^#\/members\/new$/, memberForm, () => ({ number: null })],
  [/^#\/members\/(\d+)$/, member, (m) => ({ number: Number(m[1]) })],
  [/^#\/members\/(\d+)\/edit$/, memberForm, (m) => ({ number: Number(m[1]) })],
  [/^#\/settings$/, settings, () => ({})],
  [/^#\/loans$/, loans, () => ({})],
  [/^#\/loans\/apply$/, loanApply, () => ({})],
  [/^#\/loans\/arrears$/, loanArrears, () => ({})],
  [/^#\/loans\/products$/, loanProducts, () => ({})],
  [/^#\/loans\/(\d{4}\/\d+)$/, loanCard, (m) => ({ number: m[1] })],
  [/^#\/collect$/, collect, () => ({})],
  [/^#\/money$/, money, () => ({})],
  [/^#\/cashbook$/, cashbook, () => ({})],
  [/^#\/register$/, register, () => ({})],
  [/^#\/close$/, closeMonth, () => ({})],
  [/^#\/yearend(?:\/(\d{4}))?$/, yearend, (m) => ({ year: m[1] || '' })],
  [/^#\/import$/, importScreen, () => ({})],
  [/^#\/backup$/, backup, () => ({})],
  [/^#\/check$/, checkCode, () => ({})],
  [/^#\/business$/, business, () => ({})],
  [/^#\/business\/(\d+)$/, businessHome, (m) => ({ number: Number(m[1]) })],
  [/^#\/business\/(\d+)\/sell$/, businessSell, (m) => ({ number: Number(m[1]) })],
  [/^#\/business\/(\d+)\/buy$/, businessBuy, (m) => ({ number: Number(m[1]) })],
  [/^#\/business\/(\d+)\/count$/, businessCount, (m) => ({ number: Number(m[1]) })],
  [/^#\/business\/(\d+)\/rice$/, businessRice, (m) => ({ number: Number(m[1]) })],
  [/^#\/business\/(\d+)\/report$/, businessReport, (m) => ({ number: Number(m[1]) })],
  [/^#\/opening(?:\/([a-z]+))?$/, opening, (m) => ({ part: m[1] || 'funds' })],
  [/^#\/committee$/, committee, () => ({})],
  [/^#\/meetings$/, meetings, () => ({})],
  [/^#\/meetings\/(\d{4}\/\d+)$/, meeting, (m) => ({ number: m[1] })],
  [/^#\/members\/(\d+)\/account$/, account, (m) => ({ number: Number(m[1]) })],
  [/^#\/members\/(\d+)\/exit$/, memberExit, (m) => ({ number: Number(m[1]) })],
  [/^#\/print(?:\/([a-z-]+)(?:\/(.+))?)?$/, print, (m) => ({ doc: m[1] || null, value: m[2] ? decodeURIComponent(m[2]) : '' })],
];

// The help name of each screen module: its file name in ui/screens/ (ui/help-text.js).
const NAMES = new Map([
  [start, 'start'], [home, 'home'], [members, 'members'], [member, 'member'], [memberForm, 'member-form'],
  [settings, 'settings'], [loans, 'loans'], [loanApply, 'loan-apply'], [loanCard, 'loan-card'],
  [loanArrears, 'loan-arrears'], [loanProducts, 'loan-products'], [collect, 'collect'], [money, 'money'],
  [closeMonth, 'close-month'], [cashbook, 'cashbook'], [register, 'register'], [account, 'account'],
  [memberExit, 'member-exit'], [print, 'print'], [yearend, 'yearend'], [importScreen, 'import'],
  [signIn, 'sign-in'], [backup, 'backup'], [checkCode, 'check-code'], [business, 'business'],
  [businessHome, 'business-home'], [businessSell, 'business-sell'], [businessBuy, 'business-buy'],
  [businessCount, 'business-count'], [businessRice, 'business-rice'], [businessReport, 'business-report'],
  [opening, 'opening'], [committee, 'committee'], [meetings, 'meetings'], [meeting, 'meeting'],
]);
let current = 'home'; // the help name of the screen in front

const app = document.getElementById('app');
let status = null; // from api.appStatus()
let token = 0; // increases on every navigation; stale renders are dropped

export function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// The books are open and whoever must be at the keyboard is: the frame (menu, header) shows.
// A group with users and nobody signed in shows only the sign-in screen.
const framed = (s) => Boolean(s && s.open && !(s.users && !s.user));

// Re-read which file is open and the overview (group name, open month) for the header.
export async function refresh() {
  const before = status;
  status = await api.appStatus();
  setToday(status.today, { work: status.overview && status.overview.work_date, month: status.overview && status.overview.open_month });
  if (framed(before) && framed(status) && before.path === status.path
    && (before.user && before.user.member) === (status.user && status.user.member)) updateHeader();
  else drawFrame();
}

// A two-person operation asks the second person on the same screen; a locked app signs in.
api.onCheckerNeeded((message) => askChecker(message, status && status.user ? status.user.member : null));
api.onSignInNeeded(async () => {
  await refresh();
  route();
});

function updateHeader() {
  const ov = status.overview;
  document.getElementById('group-name').textContent = ov.group.name;
  document.getElementById('open-month').textContent = `เดือนบัญชี ${thaiMonth(ov.open_month)}`;
  const place = document.getElementById('db-path');
  place.textContent = status.place;
  place.dataset.path = status.path;
  place.title = status.path;
  const owner = document.querySelector('.books-place strong');
  if (owner) owner.textContent = ov.group.name;
}

function drawFrame() {
  if (!framed(status)) {
    app.className = '';
    render(app, html`<main id="screen"></main>`);
    return;
  }
  const ov = status.overview;
  app.className = 'frame';
  render(
    app,
    html`<header class="topbar">
        <div class="brand">สัจจะ</div>
        <div class="group-name"><span id="group-name">${ov.group.name}</span></div>
        ${status.demo ? html`<div class="demo-badge" id="demo-badge">กลุ่มตัวอย่าง ไม่ใช่บัญชีจริง</div>` : ''}
        <div class="month" id="open-month">เดือนบัญชี ${thaiMonth(ov.open_month)}</div>
        <button type="button" class="menu-button help-button" id="help-button"><kbd>F1</kbd>ช่วยเหลือ</button>
        ${status.user
          ? html`<div class="who" id="who">${status.user.name} <span class="small">(${status.user.role_label})</span></div>
            <button type="button" class="menu-button lock-button" id="lock" data-key="Ctrl+l"><kbd>Ctrl+L</kbd>ล็อก / เปลี่ยนผู้ใช้</button>`
          : ''}
      </header>
      <nav class="menu" aria-label="เมนูหลัก">
        ${MENU.map(
          (m) => html`<a href="${m.href}" data-key="${m.key}" data-menu="${m.href}">
            <span>${m.label}</span><kbd>${m.key}</kbd></a>`,
        )}
        <div class="menu-foot">
          <p class="books-place">${status.demo ? 'กลุ่มตัวอย่าง' : html`บัญชีของ<br><strong>${ov.group.name}</strong>`}<br>
            <span class="small">${status.demo ? '' : 'เก็บไว้ที่'}<span id="db-path" data-path="${status.path}" title="${status.path}">${status.place}</span></span></p>
          <button type="button" class="menu-button" id="open-other">เปิดไฟล์อื่น…</button>
          ${status.start_path
            ? html`<button type="button" class="menu-button" id="close-books">${status.demo ? 'ออกจากกลุ่มตัวอย่าง' : 'กลับไปไฟล์บัญชีหลัก'}</button>`
            : ''}
        </div>
      </nav>
      <main class="screen" id="screen"></main>`,
  );
}

// The file buttons under the menu: another file (dialog), or back to the start-up file.
app.addEventListener('click', async (e) => {
  if (e.target.closest('#help-button')) {
    openHelp(current);
    return;
  }
  const button = e.target.closest('#open-other, #close-books, #lock');
  if (!button) return;
  try {
    if (button.id === 'lock') {
      await api.signOut();
      await refresh();
      go('#/');
      return;
    }
    if (button.id === 'open-other') {
      if (!(await api.openBooksFile())) return; // dialog cancelled
    } else {
      await api.closeBooks();
    }
    await refresh();
    go('#/');
  } catch (err) {
    showFatal(err.message);
  }
});

function markMenu(hash) {
  for (const a of app.querySelectorAll('[data-menu]')) {
    const item = MENU.find((m) => m.href === a.dataset.menu);
    if (item && item.match.test(hash)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const my = ++token;
  const hash = location.hash || '#/';
  if (!status) await refresh();
  if (my !== token) return;

  let screen;
  let params = {};
  if (!status.open) {
    screen = start;
    params = { status, newForm: hash === '#/start/new' };
  } else if (!framed(status)) {
    screen = signIn;
  } else {
    for (const [re, mod, p] of ROUTES) {
      const m = re.exec(hash);
      if (m) {
        screen = mod;
        params = p(m);
        break;
      }
    }
    if (!screen) {
      location.replace('#/');
      return;
    }
    markMenu(hash);
  }

  current = NAMES.get(screen) || 'home';
  // Each screen draws into a fresh element; if the user has moved on meanwhile, it is dropped.
  const holder = document.getElementById('screen');
  const el = document.createElement('div');
  el.className = 'screen-body';
  const ctx = {
    params,
    status,
    go,
    refresh,
    alive: () => my === token,
  };
  render(holder, html`<p class="loading">กำลังโหลด…</p>`);
  try {
    await screen.show(el, ctx);
  } catch (err) {
    render(
      el,
      html`<div class="error-summary" role="alert"><h2>เปิดหน้านี้ไม่ได้</h2>
        <p>${(err && err.message) || String(err)}</p></div>
        <a class="button quiet" href="#/" data-key="Escape"><kbd>Esc</kbd>กลับหน้าหลัก</a>`,
    );
  }
  if (my !== token) return;
  holder.replaceChildren(el);
  holder.scrollTop = 0;
  const first = el.querySelector('[autofocus]') || el.querySelector('h1');
  if (first) {
    if (first.tagName === 'H1') first.setAttribute('tabindex', '-1');
    first.focus();
  }
}

function keyName(e) {
  let k = e.key;
  if (k === 'Esc') k = 'Escape';
  if (e.altKey && /^Digit\d$/.test(e.code)) k = e.code.slice(5);
  return (e.ctrlKey ? 'Ctrl+' : '') + (e.altKey ? 'Alt+' : '') + k;
}

document.addEventListener('keydown', (e) => {
  const name = keyName(e);
  if (name === 'F1') {
    e.preventDefault();
    openHelp(current);
    return;
  }
  const typing = e.target.matches && e.target.matches('input, select, textarea');
  // Plain digits are keys only where nothing is being typed (the first-start choices).
  if (!/^(F\d+|Escape|Alt\+.|Ctrl\+.)$/.test(name) && !(/^\d$/.test(name) && !typing)) return;
  const targets = [...document.querySelectorAll(`[data-key="${CSS.escape(name)}"]`)].filter(
    (el) => el.offsetParent !== null && !el.disabled,
  );
  // The screen's own keys win over the menu's.
  const target = targets.find((el) => el.closest('#screen')) || targets[0];
  if (!target) return;
  e.preventDefault();
  target.click();
});

// Anything that slipped through: say so on screen, in Thai, instead of failing silently.
function showFatal(message) {
  let box = document.getElementById('fatal');
  if (!box) {
    box = document.createElement('div');
    box.id = 'fatal';
    box.className = 'fatal';
    box.setAttribute('role', 'alert');
    document.body.append(box);
  }
  render(box, html`<strong>เกิดข้อผิดพลาดในหน้าจอ</strong> ${message}
    <span class="muted">— ลองกลับหน้าหลัก (Alt+1) แล้วทำใหม่ ข้อมูลที่บันทึกแล้วไม่หาย</span>`);
}
window.addEventListener('error', (e) => showFatal(e.message || String(e.error)));
window.addEventListener('unhandledrejection', (e) => showFatal((e.reason && e.reason.message) || String(e.reason)));

window.addEventListener('hashchange', route);
route();
