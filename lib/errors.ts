/** The one error vocabulary: mapped to HTTP statuses by the API and to exit codes by the CLI. */
export const ERROR_CODES = [
  "VALIDATION",
  "NOT_FOUND",
  "CONFLICT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "TOO_LARGE",
  "UNSUPPORTED_FORMAT",
  "RATE_LIMITED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  /** where: a file, line, row, field or JSON path */
  path: string;
  message: string;
}

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** CLI: 1 for anything the input got wrong, 2 is reserved for usage errors, 70 (EX_SOFTWARE) for bugs. */
export function exitCodeFor(code: ErrorCode): number {
  return code === "INTERNAL" ? 70 : 1;
}
