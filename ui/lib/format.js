// Display-only formatting: Thai dates in พ.ศ. Amounts are shown exactly as the core sends them
// (strings); there is no money arithmetic here.

export const MONTHS = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
];
export const MONTHS_SHORT = [
  'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.',
  'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.',
];

function parseIso(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso || '');
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: m[3] ? Number(m[3]) : null };
}

// "2025-03-15" -> "15 มี.ค. 2568"; anything else is shown as it came.
export function thaiDate(iso) {
  if (!iso) return '';
  const p = parseIso(iso);
  if (!p || p.d === null) return String(iso);
  return `${p.d} ${MONTHS_SHORT[p.m - 1]} ${p.y + 543}`;
}

// "2025-03-15" -> "15 มีนาคม 2568"
export function thaiDateLong(iso) {
  const p = parseIso(iso);
  if (!p || p.d === null) return iso ? String(iso) : '';
  return `${p.d} ${MONTHS[p.m - 1]} ${p.y + 543}`;
}

// "2025-03" -> "มีนาคม 2568"
export function thaiMonth(isoMonth) {
  const p = parseIso(isoMonth);
  if (!p) return isoMonth ? String(isoMonth) : '';
  return `${MONTHS[p.m - 1]} ${p.y + 543}`;
}

// "2025-03-15" -> "15/3/2568", the form a treasurer types (used to prefill date fields).
export function typedDate(iso) {
  const p = parseIso(iso);
  if (!p || p.d === null) return iso ? String(iso) : '';
  return `${p.d}/${p.m}/${p.y + 543}`;
}

// The core's "today" and the open accounting month's working date ("YYYY-MM-DD"), set from the
// app status, so the forms agree with the books: every date field starts in the open month
// (today when today falls in it, else its collection day), not on the computer's date.
let today = null;
let workDate = null;
let openMonth = null;
export function setToday(iso, { work = null, month = null } = {}) {
  today = iso || null;
  workDate = work || null;
  openMonth = month || null;
}

// The open accounting month, "YYYY-MM" (null before books are open).
export function currentOpenMonth() {
  return openMonth;
}

// The date a form offers, as typed: "15/3/2568" (the open month's working date).
export function workDateTyped() {
  if (workDate) return typedDate(workDate);
  if (today) return typedDate(today);
  const now = new Date();
  return `${now.getDate()}/${now.getMonth() + 1}/${now.getFullYear() + 543}`;
}

// The computer's (or the core's pinned) today, as typed: Ctrl+; in a date field.
export function todayTyped() {
  if (today) return typedDate(today);
  const now = new Date();
  return `${now.getDate()}/${now.getMonth() + 1}/${now.getFullYear() + 543}`;
}

// The later of two typed-or-ISO dates' as typed form: a loan is never approved before it
// was applied for, whatever the working date.
export function notBefore(iso, typed) {
  const t = parseTypedDate(typed);
  return iso && t && t < iso ? typedDate(iso) : typed;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const MONTH_WORDS = [
  ['มกราคม', 'มกรา', 'มค'], ['กุมภาพันธ์', 'กุมภา', 'กพ'], ['มีนาคม', 'มีนา', 'มีค'],
  ['เมษายน', 'เมษา', 'เมย'], ['พฤษภาคม', 'พฤษภา', 'พค'], ['มิถุนายน', 'มิถุนา', 'มิย'],
  ['กรกฎาคม', 'กรกฎา', 'กค'], ['สิงหาคม', 'สิงหา', 'สค'], ['กันยายน', 'กันยา', 'กย'],
  ['ตุลาคม', 'ตุลา', 'ตค'], ['พฤศจิกายน', 'พฤศจิกา', 'พย'], ['ธันวาคม', 'ธันวา', 'ธค'],
];

// Reads a typed date the way the core does (15/3/2568, 15-3-68, 15 มี.ค. 68, 2025-03-15,
// Thai digits) to "YYYY-MM-DD", or null when it cannot. Only used to ask before a date
// outside the open month is sent; the core still reads and checks every date itself.
export function parseTypedDate(text) {
  const s = String(text || '')
    .replace(/[๐-๙]/g, (c) => String(THAI_DIGITS.indexOf(c)))
    .replace(/พ\.ศ\./g, ' ')
    .trim();
  let y;
  let m;
  let d;
  let iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (iso) [, y, m, d] = iso.map(Number);
  else {
    const num = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(s);
    const word = /^(\d{1,2})\s*([^\d\s]+)\s*(\d{2}|\d{4})$/.exec(s);
    if (num) [, d, m, y] = num.map(Number);
    else if (word) {
      const w = word[2].replace(/\./g, '');
      const i = MONTH_WORDS.findIndex((names) => names.some((n) => w === n || (n.length > 3 && w.startsWith(n))));
      if (i < 0) return null;
      d = Number(word[1]);
      m = i + 1;
      y = Number(word[3]);
    } else return null;
    if (y < 100) y += 2500;
  }
  if (y >= 2400) y -= 543;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// Member number shown with a leading "เลขที่" elsewhere; here only zero-free digits.
export function memberNo(n) {
  return String(n);
}

// Thai national ID "1101700203451" -> "1-1017-00203-45-1" (display only).
export function idCard(id) {
  const s = String(id || '');
  if (!/^\d{13}$/.test(s)) return s;
  return `${s[0]}-${s.slice(1, 5)}-${s.slice(5, 10)}-${s.slice(10, 12)}-${s[12]}`;
}

// The working date of the open month as ISO (from the app status the screens get in `ctx`):
// what month and year pickers start from.
export function workDay(ctx) {
  const s = ctx && ctx.status;
  return String((s && s.overview && s.overview.work_date) || (s && s.today) || '');
}
