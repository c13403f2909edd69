import { DomainError } from "@/lib/errors";

export const ACTOR_HEADER = "x-scalegate-actor";
export const ANONYMOUS_ACTOR = "api (unauthenticated)";

/**
 * Who the audit log names for a request. Until accounts exist the caller's own claim is taken as is
 * (so it proves nothing); this is the one place to replace with the signed-in user.
 */
export function actorFor(req: Request): string {
  const claimed = req.headers.get(ACTOR_HEADER)?.trim();
  if (!claimed) return ANONYMOUS_ACTOR;
  // eslint-disable-next-line no-control-regex
  if (claimed.length > 200 || /[\u0000-\u001f\u007f]/.test(claimed))
    throw new DomainError("VALIDATION", `invalid ${ACTOR_HEADER} header`, [
      { path: ACTOR_HEADER, message: "at most 200 characters, no control characters" },
    ]);
  return claimed;
}
