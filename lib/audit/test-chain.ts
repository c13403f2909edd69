import { appendEntry, type AppendFields, type AuditEntry } from "./chain";

const BASE_MS = Date.UTC(2025, 0, 1);

/** Deterministic test chain: entry i (1-based) is at BASE + (i-1) hours. Test helper, not public API. */
export function makeChain(
  n: number,
  fields: (seq: number) => Partial<AppendFields> = () => ({}),
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  for (let seq = 1; seq <= n; seq++) {
    prev = appendEntry(prev, {
      at: new Date(BASE_MS + (seq - 1) * 3_600_000).toISOString(),
      actor: `user-${seq % 3}@example.org`,
      action: "determination.create",
      subject: `model-${seq % 5}`,
      payload: { seq, note: `entry ${seq}`, score: seq / 7 },
      ...fields(seq),
    });
    entries.push(prev);
  }
  return entries;
}
