// Thai digits (๐–๙) read as 0–9, so a treasurer may type either kind. The one place the UI
// converts them; the core does the same for everything it parses (sajja_thai::to_arabic_digits).

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

// "๑๒/๓" -> "12/3"; everything else is kept as is.
export function toArabicDigits(text) {
  return String(text ?? '').replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
}
