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

// The core's "today" ("YYYY-MM-DD"), set at start-up from the app status, so the forms agree
// with the books even when the core's clock is pinned.
let today = null;
export function setToday(iso) {
  today = iso || null;
}

// Today's date as typed in a form: "15/3/2568".
export function todayTyped() {
  if (today) return typedDate(today);
  const now = new Date();
  return `${now.getDate()}/${now.getMonth() + 1}/${now.getFullYear() + 543}`;
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
