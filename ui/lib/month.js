// Months in พ.ศ. for the month pickers: a text box the treasurer types into ("10/2569",
// "ต.ค. 2569"; the core reads any Thai form) with PageUp / PageDown for the month before / after.

import { MONTHS_SHORT } from './format.js';

// "2026-10" -> "ต.ค. 2569" (a form the core reads back).
export function typedMonth(isoMonth) {
  const m = /^(\d{4})-(\d{2})/.exec(isoMonth || '');
  if (!m) return isoMonth || '';
  return `${MONTHS_SHORT[Number(m[2]) - 1]} ${Number(m[1]) + 543}`;
}

// "2026-10", +1 -> "2026-11"; -10 -> "2025-12".
export function shiftMonth(isoMonth, n) {
  const [y, m] = isoMonth.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// The month of an ISO date: "2026-10-05" -> "2026-10".
export const monthOf = (iso) => String(iso || '').slice(0, 7);

// PageUp / PageDown in `input` move the month; `current()` gives the month shown ("YYYY-MM"),
// `go(typed)` shows another.
export function bindMonthKeys(input, current, go) {
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    const now = current();
    if (!now) return;
    e.preventDefault();
    const next = typedMonth(shiftMonth(now, e.key === 'PageUp' ? -1 : 1));
    input.value = next;
    go(next);
  });
}
