import { z } from "zod";
import { Role, TokenScope } from "./roles";

/** Passwords: the library hashes them (scrypt); we only bound their length. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "not an email address" }).max(254));

export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(MAX_PASSWORD_LENGTH, { message: `at most ${MAX_PASSWORD_LENGTH} characters` });

// eslint-disable-next-line no-control-regex
const NoControl = /^[^\u0000-\u001f\u007f]*$/;

export const DisplayName = z
  .string()
  .trim()
  .min(1, { message: "required" })
  .max(100, { message: "at most 100 characters" })
  .regex(NoControl, { message: "no control characters" });

export const NewUser = z.object({ email: Email, name: DisplayName, password: Password, role: Role }).strict();
export type NewUser = z.infer<typeof NewUser>;

/** The first account, made on /setup: always an admin. */
export const FirstAdmin = NewUser.omit({ role: true });
export type FirstAdmin = z.infer<typeof FirstAdmin>;

export const TokenName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, {
    message: "1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
  });

export const NewToken = z
  .object({
    name: TokenName,
    role: Role,
    scopes: z.array(TokenScope).default([]),
    /** ISO date or date-time; the token stops working at that instant (a date: its midnight UTC) */
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .strict();
export type NewToken = z.infer<typeof NewToken>;

/** `2026-01-31` or a full ISO date-time → canonical ISO instant; null when unreadable or in the past. */
export function parseExpiry(text: string, now = new Date()): string | null {
  const s = text.trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00.000Z` : s;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t <= now.getTime()) return null;
  const out = new Date(t).toISOString();
  // A calendar-impossible date (2026-02-31) rolls over in Date; refuse it rather than guess.
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && out.slice(0, 10) !== s) return null;
  return out;
}
