/**
 * CSRF defence for cookie-authenticated API mutations. A browser attaches the session cookie to a
 * cross-site form post, so such a request must prove it came from our own pages: `Sec-Fetch-Site:
 * same-origin`, or an `Origin` whose host is the host the request was sent to (or a configured trusted
 * origin). A request carrying neither header is refused too (fail closed): scripts use bearer tokens,
 * which a browser never attaches by itself.
 */
export interface OriginFacts {
  origin: string | null;
  secFetchSite: string | null;
  /** the Host the request was addressed to (x-forwarded-host when behind a proxy) */
  host: string | null;
  /** exact origins also accepted, e.g. BETTER_AUTH_URL */
  trusted: readonly string[];
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

function originOf(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function checkSameOrigin(f: OriginFacts): OriginVerdict {
  const site = f.secFetchSite?.trim().toLowerCase() || null;
  if (site !== null && site !== "same-origin")
    return { ok: false, reason: `cross-site request refused (Sec-Fetch-Site: ${site})` };
  const origin = f.origin?.trim() || null;
  if (origin !== null && origin !== "null") {
    const o = originOf(origin);
    if (!o) return { ok: false, reason: "cross-site request refused (malformed Origin)" };
    const trusted = f.trusted.some((t) => originOf(t)?.origin === o.origin);
    const sameHost = f.host !== null && o.host.toLowerCase() === f.host.trim().toLowerCase();
    if (!trusted && !sameHost)
      return { ok: false, reason: `cross-site request refused (Origin: ${o.origin})` };
    return { ok: true };
  }
  if (site === "same-origin") return { ok: true };
  return {
    ok: false,
    reason:
      "a cookie-authenticated change needs an Origin or Sec-Fetch-Site header; scripts should use a bearer token",
  };
}

/** Methods that change state and so need the check. */
export function isMutation(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** A `?next=` target that stays on this site: a path, never `//host` or a scheme. */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  return next;
}
