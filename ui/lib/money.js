// Amounts as the core sends them ("1234.50", "-1200.00"), dressed for reading: thousands
// separators, and a Thai word instead of a bare minus. The core computes every figure it
// keeps; the one sum made here (a row's running total while it is typed, `satang`/`fromSatang`)
// is done in whole satang as BigInt, never in floating point.

import { html } from './html.js';
import { toArabicDigits } from './digits.js';

const AMOUNT = /^(-?)(\d+)(\.\d+)?$/;

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// "1234.50" -> "1,234.50"; "-1200.00" -> "-1,200.00". Anything else is shown as it came.
export function baht(amount) {
  const s = amount === null || amount === undefined ? '' : String(amount);
  const m = AMOUNT.exec(s);
  if (!m) return s;
  return `${m[1]}${group(m[2])}${m[3] || ''}`;
}

// Is this amount zero ("0.00", "0", "-0.00")?
export function isZero(amount) {
  return /^-?0*(\.0*)?$/.test(String(amount ?? '0').trim() || '0');
}

export function isNegative(amount) {
  return String(amount ?? '').trim().startsWith('-') && !isZero(amount);
}

// The amount without its sign, grouped: "-50.00" -> "50.00".
export function unsigned(amount) {
  return baht(String(amount ?? '').trim().replace(/^-/, ''));
}

// Grouped, or blank when zero (for columns where an empty cell reads better than 0.00).
export function bahtOrBlank(amount) {
  return isZero(amount) ? '' : baht(amount);
}

// An amount as a form value: what the user would type ("1234.50"), blank when zero.
export function typedAmount(amount) {
  return isZero(amount) ? '' : String(amount).replace(/^-/, '');
}

// A signed amount in words: positive = `plus` (e.g. "รับ"), negative = `minus` (e.g. "จ่าย").
export function signed(amount, plus, minus) {
  if (isZero(amount)) return baht(amount);
  return isNegative(amount) ? `${minus} ${unsigned(amount)}` : `${plus} ${baht(amount)}`;
}

// An amount that is normally positive; when it is negative, a word says why instead of a
// bare minus (e.g. "คืน 1,300.00" for savings paid back, "ยกเลิก 100.00" for a reversal).
export function orWord(amount, word) {
  return isNegative(amount) ? `${word} ${unsigned(amount)}` : baht(amount);
}

// A cash count difference: counted − expected. Never a bare minus, never hidden.
export function difference(amount) {
  if (isZero(amount)) return html`<span class="diff even">ตรงกัน ไม่มีผลต่าง</span>`;
  return isNegative(amount)
    ? html`<span class="diff short">⚠ เงินขาด ${unsigned(amount)} บาท</span>`
    : html`<span class="diff over">⚠ เงินเกิน ${unsigned(amount)} บาท</span>`;
}

// An amount as typed ("1,200", "๕๐.๕", "") in whole satang (BigInt); blank is 0n; null when
// it is not an amount the core would take (more than two decimals, letters, a minus).
export function satang(typed) {
  const t = toArabicDigits(typed).replace(/[,\s]/g, '');
  if (t === '') return 0n;
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] || '').padEnd(2, '0'));
}

// Whole satang (BigInt) back to an amount as the core writes it: 123450n -> "1234.50".
export function fromSatang(n) {
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
