export { canonicalJson, sha256Hex, CanonicalJsonError, MAX_CANONICAL_DEPTH } from "./canonical-json";
export {
  GENESIS_HASH,
  HASH_PATTERN,
  AT_PATTERN,
  AUDIT_ACTIONS,
  AuditAction,
  AuditEntry,
  StoredAuditEntry,
  isCanonicalAt,
  hashEntry,
  appendEntry,
  toStoredEntry,
  payloadTextOf,
} from "./chain";
export type { VerifiableEntry, HashedFields, ChainLink, AppendFields } from "./chain";
export { BROKEN_REASONS, ChainVerifier, verifyChain } from "./verify";
export type { BrokenReason, BrokenEntry, ChainHead, VerifyResult, VerifyOptions } from "./verify";
export {
  CSV_COLUMNS,
  CSV_HEADER,
  neutraliseCell,
  restoreCell,
  formatJsonlLine,
  formatCsvRow,
  toJsonl,
  toCsv,
} from "./export";
export type { CsvOptions } from "./export";
export { parseJsonlExport, parseCsvExport } from "./parse-export";
export {
  SIGNED_HEAD_TYPE,
  SignedHead,
  headMessage,
  keyId,
  generateSigningKeys,
  signHead,
  verifyHead,
} from "./sign";
export type { HeadVerification, SigningKeys } from "./sign";
export { AuditFilter, timeBounds, compileFilter, filterEntries } from "./filter";
export type { TimeBounds, FilterableEntry } from "./filter";
export { benchAudit } from "./bench";
export type { AuditBench } from "./bench";
