"use client";

import { useId, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FORMAT_IDS } from "@/lib/ingest/types";
import type { FormatId } from "@/lib/ingest/types";
import { formatBytes, reportView, uploadPercent } from "@/lib/view/ingest";
import type { UploadChoice } from "@/lib/view/ingest";
import { uploadFile } from "./api";
import { AFTER_DATA_CHANGE } from "./queries";
import { ImportedReport, RejectedReport } from "./report-view";
import styles from "./ingest.module.css";

type Progress = { phase: "sending"; loaded: number; total: number } | { phase: "processing" };

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}

/**
 * Upload one file: pick or drop it, choose the options, watch it go up, read what happened. The page
 * renders it only for roles that may ingest; the API checks again.
 */
export function UploadPanel() {
  const id = useId();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [format, setFormat] = useState<FormatId | "detect">("detect");
  const [partial, setPartial] = useState(false);
  const [acceptNewModels, setAcceptNewModels] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  const upload = useMutation({
    mutationFn: ({ file, choice }: { file: File; choice: UploadChoice }) => {
      const controller = new AbortController();
      abort.current = controller;
      setProgress({ phase: "sending", loaded: 0, total: file.size });
      return uploadFile(file, choice, {
        signal: controller.signal,
        onProgress: (loaded, total) => setProgress({ phase: "sending", loaded, total: total || file.size }),
        onSent: () => setProgress({ phase: "processing" }),
      });
    },
    onSuccess: async (outcome) => {
      if (outcome.kind === "imported")
        await Promise.all(AFTER_DATA_CHANGE.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onSettled: () => {
      abort.current = null;
      setProgress(null);
    },
  });

  function choose(files: FileList | null) {
    setFile(files?.[0] ?? null);
    upload.reset();
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file || upload.isPending) return;
    upload.mutate({ file, choice: { filename: file.name, format, partial, acceptNewModels } });
  }

  const pct = progress?.phase === "sending" ? uploadPercent(progress.loaded, progress.total) : null;
  const outcome = upload.data;

  return (
    <>
      <form className={styles.form} onSubmit={onSubmit} aria-busy={upload.isPending}>
        <div
          className={styles.dropzone}
          data-dragging={dragging}
          onDragEnter={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const dropped = e.dataTransfer.files;
            if (dropped.length === 0) return;
            // Mirror the drop into the input, so the form shows the same file a click would have chosen.
            if (input.current) input.current.files = dropped;
            choose(dropped);
          }}
        >
          <label htmlFor={`${id}-file`}>Results file</label>
          <p className={styles.hint} id={`${id}-file-hint`}>
            Drop a file here, or choose one. Scores (CSV, JSON, JSONL), Inspect logs (.json, .eval), lm-eval
            harness results, METR YAML, Epoch, Observational Scaling, Safetywashing and simple-evals exports,
            and model metadata CSV.
          </p>
          <input
            ref={input}
            id={`${id}-file`}
            name="file"
            type="file"
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => choose(e.currentTarget.files)}
            disabled={upload.isPending}
          />
          {file && (
            <p className={styles.hint} aria-live="polite">
              Selected: <strong>{file.name}</strong> ({formatBytes(file.size)})
            </p>
          )}
        </div>

        <fieldset className={styles.options} disabled={upload.isPending}>
          <legend>Options</legend>
          <label className={styles.field}>
            Format
            <select value={format} onChange={(e) => setFormat(e.currentTarget.value as FormatId | "detect")}>
              <option value="detect">detect from name and content</option>
              {FORMAT_IDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.check}>
            <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.currentTarget.checked)} />
            <span>
              Partial: import the valid rows and report the rest (default: one bad row rejects the file)
            </span>
          </label>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={acceptNewModels}
              onChange={(e) => setAcceptNewModels(e.currentTarget.checked)}
            />
            <span>Accept new models: create models whose names look like an existing one</span>
          </label>
        </fieldset>

        <div className={styles.actions}>
          <button type="submit" disabled={!file || upload.isPending}>
            Upload
          </button>
          {upload.isPending && (
            <button type="button" className="secondary" onClick={() => abort.current?.abort()}>
              Cancel upload
            </button>
          )}
        </div>

        {progress && file && (
          <div className={styles.progress}>
            <label htmlFor={`${id}-progress`}>
              {progress.phase === "sending"
                ? `Uploading ${file.name}: ${pct ?? 0}% of ${formatBytes(file.size)}`
                : `Importing ${file.name} on the server…`}
            </label>
            {progress.phase === "sending" ? (
              <progress id={`${id}-progress`} max={100} value={pct ?? 0} />
            ) : (
              <progress id={`${id}-progress`} />
            )}
          </div>
        )}
      </form>

      <div aria-live="polite">
        {upload.isError &&
          (isAbort(upload.error) ? (
            <p className="state" role="status">
              Upload cancelled. Nothing was imported.
            </p>
          ) : (
            <p className="error" role="alert">
              {upload.error.message}
            </p>
          ))}
        {outcome?.kind === "imported" && (
          <>
            <h3>Result</h3>
            {outcome.reports.map((r, i) => (
              <ImportedReport key={i} report={reportView(r)} />
            ))}
          </>
        )}
        {outcome?.kind === "rejected" && (
          <>
            <h3>Result</h3>
            {outcome.reports.map((r, i) => (
              <RejectedReport key={i} report={reportView(r)} message={outcome.message} />
            ))}
          </>
        )}
        {outcome?.kind === "error" && (
          <div className="error" role="alert">
            <p>
              <strong>Nothing was imported.</strong> {outcome.message}
            </p>
            {outcome.issues.length > 0 && (
              <ul>
                {outcome.issues.map((i, k) => (
                  <li key={k}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </>
  );
}
