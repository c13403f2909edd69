import { DomainError } from "@/lib/errors";

const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365.2425;

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD (or full ISO) date; throws VALIDATION when unparseable. */
export function dayNumber(date: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(ms)) throw new DomainError("VALIDATION", `not a date: "${date}"`);
  return ms / MS_PER_DAY;
}

/** YYYY-MM-DD of a (fractional) day number, rounded to the nearest day. */
export function isoDate(day: number): string {
  return new Date(Math.round(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Fractional calendar year, e.g. 2024.5 for early July 2024. */
export function decimalYear(date: string): number {
  return 1970 + dayNumber(date) / DAYS_PER_YEAR;
}
