/**
 * Amounts and booleans as CRM exports write them. Each parser returns `null` for an empty cell
 * and `undefined` for text it cannot read, so the caller can reject that row with a reason.
 */

/** Currency signs and ISO codes that may stand before or after an amount. */
const CURRENCY = /[$€£¥₹₩₽₺₪₫฿₦₱]|\b(?:USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|INR|BRL|MXN|ZAR|SGD|HKD|CNY|RMB)\b|\b(?:US|CA|AU|NZ|HK|S)\$/gi;

/**
 * An amount: `$1,234.56`, `1.234,56 €`, `1 234,56`, `USD 12,500`, `1'234.50`, `(500.00)` for a
 * negative. The decimal separator is the last `.` or `,` when both appear; a lone `,` followed
 * by exactly three digits (`1,234`) is a thousands separator, otherwise a decimal comma
 * (`12,5`); a lone `.` is always a decimal point (`1.234` is 1.234, as US-locale CRMs write it).
 *
 * @example parseAmount('$12,500.00') // 12500
 * @example parseAmount('1.234,56 €') // 1234.56
 * @example parseAmount('')            // null
 */
export function parseAmount(text: string): number | null | undefined {
  let value = text.trim();
  if (value === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  value = value.replace(CURRENCY, '').replace(/[\s\u00a0\u202f']/g, '');
  if (value.startsWith('-')) {
    negative = !negative;
    value = value.slice(1);
  } else if (value.endsWith('-')) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(value) || !/\d/.test(value)) return undefined;
  const lastDot = value.lastIndexOf('.');
  const lastComma = value.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [whole, fraction, ...rest] = value.split(decimal);
    if (rest.length > 0 || !validGrouping(whole!, thousands)) return undefined;
    normalized = `${whole!.split(thousands).join('')}.${fraction}`;
  } else if (lastComma >= 0) {
    const parts = value.split(',');
    if (parts.length > 2 || parts[1]!.length === 3) {
      if (!validGrouping(value, ',')) return undefined;
      normalized = parts.join('');
    } else normalized = `${parts[0]}.${parts[1]}`;
  } else {
    const parts = value.split('.');
    if (parts.length > 2) {
      if (!validGrouping(value, '.')) return undefined;
      normalized = parts.join('');
    } else normalized = value;
  }
  const n = Number(normalized);
  if (!Number.isFinite(n) || normalized.startsWith('.') || normalized.endsWith('.')) return undefined;
  return negative ? -n : n;
}

/** `1,234,567`: groups of three after the first group of one to three digits. */
function validGrouping(text: string, separator: string): boolean {
  if (!text.includes(separator)) return /^\d+$/.test(text);
  const groups = text.split(separator);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

const TRUE = new Set(['true', 't', '1', 'yes', 'y', 'x', '✓', 'checked', 'on']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n', 'unchecked', 'off', '-']);

/**
 * A boolean: `true/false`, `1/0`, `yes/no`, `y/n`, `t/f`, `checked/unchecked`, any case.
 *
 * @example parseBoolean('Yes')  // true
 * @example parseBoolean('')     // null
 * @example parseBoolean('maybe') // undefined
 */
export function parseBoolean(text: string): boolean | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}

/**
 * What a deal's stage says about its outcome, for exports without `IsClosed`/`IsWon` columns:
 * Salesforce's `Closed Won`/`Closed Lost`, HubSpot's `closedwon`/`closedlost` stage ids and
 * labels, and other `Closed …` stages (closed, not won). Any other named stage is open.
 *
 * @example stageOutcome('closedwon')   // { isClosed: true, isWon: true }
 * @example stageOutcome('Negotiation') // { isClosed: false, isWon: false }
 */
export function stageOutcome(stage: string | null | undefined): { isClosed: boolean; isWon: boolean } | undefined {
  if (stage === null || stage === undefined) return undefined;
  const s = stage.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (s === '') return undefined;
  if (/^(closed ?won|won)$/.test(s) || /^closed ?won\b/.test(s)) return { isClosed: true, isWon: true };
  if (/^(closed ?lost|lost)$/.test(s) || /^closed\b/.test(s)) return { isClosed: true, isWon: false };
  return { isClosed: false, isWon: false };
}
