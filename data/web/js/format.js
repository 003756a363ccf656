// Dates and money for Japan: Asia/Tokyo dates, 和暦 (令和…) and 年度 in
// Japanese, yen.  No DOM here: tests/browser/format.test.mjs runs it under
// node and checks the era arithmetic against Intl's Japanese calendar.
//
// Why not Intl.DateTimeFormat('ja-JP-u-ca-japanese') for every date: building
// that formatter loads ICU's Japanese calendar, about 70 ms of main-thread
// time on a phone-class CPU before the home page can paint its due date.
// The eras since 1926 are four fixed dates, so the arithmetic is done here
// (and compared with Intl in the test).

const TZ = 'Asia/Tokyo';
const isoFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false });

let lang = 'ja';
export function setFormatLang(l) {
  lang = l;
}

export function todayISO() {
  return isoFmt.format(new Date());
}

// The current time rounded down to a quarter hour, "HH:MM".
export function nowHHMM() {
  const [hh, mm] = timeFmt.format(new Date()).split(':').map(Number);
  const q = Math.floor(mm / 15) * 15;
  return `${String(hh % 24).padStart(2, '0')}:${String(q).padStart(2, '0')}`;
}

export function thisMonth() {
  return todayISO().slice(0, 7);
}

export function addMonths(month, n) {
  let [y, m] = month.split('-').map(Number);
  m += n;
  while (m < 1) { m += 12; y -= 1; }
  while (m > 12) { m -= 12; y += 1; }
  return `${y}-${String(m).padStart(2, '0')}`;
}

// The fiscal year (年度) that contains a date: April to March.
export function fiscalYearOf(iso) {
  const [y, m] = iso.split('-').map(Number);
  return m >= 4 ? y : y - 1;
}

// First days of the eras (the day the new era began), newest first.
const ERAS = [
  ['2019-05-01', '令和', 'Reiwa'],
  ['1989-01-08', '平成', 'Heisei'],
  ['1926-12-25', '昭和', 'Shōwa'],
  ['1912-07-30', '大正', 'Taishō'],
];

// {era, eraEn, year, yearText} of an ISO date; year 1 is 元年.
export function wareki(iso) {
  const e = ERAS.find(([from]) => iso >= from) || ERAS[ERAS.length - 1];
  const year = Number(iso.slice(0, 4)) - Number(e[0].slice(0, 4)) + 1;
  return { era: e[1], eraEn: e[2], year, yearText: year === 1 ? '元' : String(year) };
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_EN_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(iso) {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return { y, m, d, w: new Date(Date.UTC(y, m - 1, d || 1)).getUTCDay() };
}

// 令和7年11月25日 / 25 Nov 2025
export function fmtDate(iso) {
  if (!iso) return '—';
  const { y, m, d } = parts(iso);
  if (lang === 'ja') {
    const w = wareki(iso.slice(0, 10));
    return `${w.era}${w.yearText}年${m}月${d}日`;
  }
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

// 11/25(火) / Tue 25 Nov
export function fmtShortDate(iso) {
  if (!iso) return '—';
  const { m, d, w } = parts(iso);
  return lang === 'ja' ? `${m}/${d}(${WEEKDAYS_JA[w]})` : `${WEEKDAYS_EN[w]} ${d} ${MONTHS_EN[m - 1]}`;
}

// 令和7年11月 / November 2025
export function fmtMonth(month) {
  if (!month) return '—';
  const [y, m] = month.split('-').map(Number);
  if (lang === 'ja') {
    const w = wareki(`${month}-01`);
    return `${w.era}${w.yearText}年${m}月`;
  }
  return `${MONTHS_EN_LONG[m - 1]} ${y}`;
}

// 2025 → 令和7年度 / FY2025 (Reiwa 7).  A fiscal year is named after the era
// of its April–March span's later part when an era began inside it
// (FY2019 is 令和元年度), so July is taken.
export function fmtFiscalYear(fy) {
  const w = wareki(`${fy}-07-01`);
  return lang === 'ja' ? `${w.era}${w.yearText}年度` : `FY${fy} (${w.eraEn} ${w.year})`;
}

const dateTimeFmt = {};
export function fmtDateTime(ts) {
  if (!ts) return '—';
  const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
  dateTimeFmt[locale] ||= new Intl.DateTimeFormat(locale, { timeZone: TZ, dateStyle: 'medium', timeStyle: 'short' });
  return dateTimeFmt[locale].format(new Date(ts));
}

let yenFmt = null;
export function yen(n) {
  if (n === null || n === undefined) return '—';
  yenFmt ||= new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });
  return yenFmt.format(n);
}

export function num(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US').format(n);
}

// Labels for a money axis of a chart (issue 14): the ticks in one unit for
// the whole axis, chosen from the largest.  Japanese: 万円 from 10万円 up,
// 千円 below (never "k", which reads as nothing in Japanese), with the
// decimals the step between ticks needs; English: ¥120k, ¥1.5M, ¥800.
// Zero is "0" in either.
// @ticks: the axis values in yen; @step: the distance between two ticks
// (uPlot's foundIncr), or worked out from the ticks.
export function yenAxis(ticks, step) {
  const vals = ticks.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0));
  const max = Math.max(0, ...vals.map(Math.abs));
  const incr = step || (vals.length > 1 ? Math.abs(vals[1] - vals[0]) : max) || 1;
  let div;
  let unit;
  if (lang === 'ja') {
    [div, unit] = max >= 100000 ? [10000, '万円'] : [1000, '千円'];
  } else {
    [div, unit] = max >= 1e6 ? [1e6, 'M'] : max >= 1000 ? [1000, 'k'] : [1, ''];
  }
  // The fewest decimals (up to 3) that write the step exactly: 0.25千円.
  let digits = 0;
  while (digits < 3 && Math.abs(Math.round((incr / div) * 10 ** digits) - (incr / div) * 10 ** digits) > 1e-6) digits++;
  const nf = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-GB',
    { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return ticks.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '';
    if (v === 0) return '0';
    const n = nf.format(v / div);
    return lang === 'ja' ? `${n}${unit}` : `${v < 0 ? '-' : ''}¥${n.replace('-', '')}${unit}`;
  });
}
