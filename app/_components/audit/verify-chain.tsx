"use client";

import { useState } from "react";
import { governancePaths } from "@/lib/api/governance-schemas";
import styles from "./audit.module.css";
import { verifyJsonlStream } from "./browser-verify";
import type { BrowserVerifyResult } from "./browser-verify";

type State =
  | { kind: "idle" }
  | { kind: "running"; count: number }
  | { kind: "done"; result: BrowserVerifyResult; ms: number }
  | { kind: "error"; message: string };

/**
 * Downloads the whole log as JSONL and recomputes every hash here, in the browser, so the answer
 * does not depend on trusting the server's own check. Always the whole chain: a filtered export has
 * gaps by design and cannot be verified as a chain.
 */
export function VerifyChain() {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function run() {
    if (!globalThis.crypto?.subtle) {
      setState({
        kind: "error",
        message:
          "this browser offers no Web Crypto here (it needs HTTPS or localhost); the server's check is at " +
          governancePaths.auditVerify,
      });
      return;
    }
    setState({ kind: "running", count: 0 });
    const started = performance.now();
    try {
      const res = await fetch(governancePaths.auditExport("jsonl"), { cache: "no-store" });
      if (!res.ok || !res.body) throw new Error(`the export answered ${res.status}`);
      const result = await verifyJsonlStream(res.body, {
        onProgress: (count) => setState({ kind: "running", count }),
      });
      setState({ kind: "done", result, ms: performance.now() - started });
    } catch (e) {
      setState({ kind: "error", message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <>
      <button type="button" onClick={() => void run()} disabled={state.kind === "running"}>
        {state.kind === "running" ? "Verifying…" : "Verify chain"}
      </button>
      <div role="status" aria-live="polite" style={{ flexBasis: "100%" }}>
        {state.kind === "running" && (
          <p className="meta">Verifying in this browser: {state.count} entries so far…</p>
        )}
        {state.kind === "error" && (
          <p className={`${styles.result} ${styles.bad}`}>
            ✗ The chain could not be verified: {state.message}
          </p>
        )}
        {state.kind === "done" && <Verdict result={state.result} ms={state.ms} />}
      </div>
    </>
  );
}

function Verdict({ result, ms }: { result: BrowserVerifyResult; ms: number }) {
  if (result.ok)
    return (
      <div className={`${styles.result} ${styles.ok}`}>
        <p>
          ✓ Chain intact: {result.count} {result.count === 1 ? "entry" : "entries"} verified in this browser (
          {(ms / 1000).toFixed(1)} s).
        </p>
        {result.head && (
          <p>
            Head: seq {result.head.seq}, at {result.head.at}, hash{" "}
            <code className={styles.hash}>{result.head.hash}</code>. Compare it with a signed head (
            <code>scalegate audit head</code>) to rule out a cut-off tail.
          </p>
        )}
      </div>
    );
  if ("malformed" in result)
    return (
      <p className={`${styles.result} ${styles.bad}`}>
        ✗ The export is not readable at line {result.malformed.line}: {result.malformed.message}.
      </p>
    );
  const b = result.firstBroken;
  return (
    <div className={`${styles.result} ${styles.bad}`}>
      <p>
        ✗ Chain broken at seq {b.seq}: {b.reason.replaceAll("_", " ")}. {result.count}{" "}
        {result.count === 1 ? "entry" : "entries"} verified before it.
      </p>
      {b.expected !== undefined && (
        <p className={styles.hash}>
          Expected <code>{String(b.expected)}</code>, found <code>{String(b.actual)}</code>.
        </p>
      )}
      {b.detail && <p>{b.detail}</p>}
    </div>
  );
}
