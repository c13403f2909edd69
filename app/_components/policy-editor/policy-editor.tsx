"use client";

import dynamic from "next/dynamic";
import { useId, useRef, useState } from "react";
import type { EditorApi, YamlCodeEditorProps } from "./yaml-code-editor";
import { problemText } from "./problems";
import type { EditorProblem } from "./problems";
import styles from "./policy-editor.module.css";

// CodeMirror, the YAML grammar and the JSON Schema tooling load only on the edit page, and only in
// the browser: the policy pages that merely show a policy never download them.
const YamlCodeEditor = dynamic(() => import("./yaml-code-editor"), {
  ssr: false,
  loading: () => (
    <p role="status" className={`state ${styles.loading}`}>
      Loading the editor…
    </p>
  ),
});

/**
 * The labelled YAML editor with its keyboard hint and, under it, every problem of the text as
 * "line L: message" (a button that moves the cursor there). The list is what a screen reader announces
 * and what the page's checks read; the markers in the editor show the same problems in place.
 */
export function PolicyEditor({
  label,
  text,
  revision,
  policyId,
  readOnly,
  problems,
  checking,
  onChange,
  onChecked,
}: {
  label: string;
  text: string;
  revision: string;
  policyId: string;
  readOnly: boolean;
  /** the problems of the current text (null until the first check finishes) */
  problems: EditorProblem[] | null;
  /** the text changed since the last check finished */
  checking: boolean;
  onChange: YamlCodeEditorProps["onChange"];
  onChecked: YamlCodeEditorProps["onChecked"];
}) {
  const uid = useId();
  const labelId = `${uid}-label`;
  const hintId = `${uid}-hint`;
  const problemsId = `${uid}-problems`;
  const api = useRef<EditorApi | null>(null);
  const [goLine, setGoLine] = useState("");

  return (
    <div className={styles.editor}>
      <p id={labelId} className={styles.label}>
        {label}
      </p>
      <p id={hintId} className={styles.hint}>
        {readOnly ? (
          "Read only. "
        ) : (
          <>
            Type to edit; suggestions for keys and values appear as you type (<kbd>Ctrl</kbd>+<kbd>Space</kbd>{" "}
            asks for them). Indent with spaces, or <kbd>Ctrl</kbd>+<kbd>]</kbd> and <kbd>Ctrl</kbd>+
            <kbd>[</kbd>; undo with <kbd>Ctrl</kbd>+<kbd>Z</kbd> (<kbd>⌘</kbd> instead of <kbd>Ctrl</kbd> on a
            Mac).{" "}
          </>
        )}
        To leave the editor, press <kbd>Escape</kbd> (closes a suggestion list) and then <kbd>Tab</kbd>: Tab
        moves the focus on, it never indents. <kbd>F8</kbd> jumps to the next problem.
      </p>
      <form
        className={styles.goto}
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(goLine);
          if (Number.isInteger(n) && n > 0) api.current?.goTo(n, 1);
        }}
      >
        <label htmlFor={`${uid}-goto`}>Go to line</label>
        <input
          id={`${uid}-goto`}
          type="number"
          inputMode="numeric"
          min={1}
          value={goLine}
          onChange={(e) => setGoLine(e.target.value)}
        />
        <button type="submit" className="secondary">
          Go
        </button>
      </form>
      <YamlCodeEditor
        text={text}
        revision={revision}
        policyId={policyId}
        readOnly={readOnly}
        labelledBy={labelId}
        describedBy={`${hintId} ${problemsId}`}
        onChange={onChange}
        onChecked={onChecked}
        onReady={(a) => {
          api.current = a;
        }}
      />
      <div id={problemsId} className={styles.problems} aria-live="polite">
        {problems === null ? (
          <p className="meta">Checking the policy…</p>
        ) : problems.length === 0 ? (
          <p className={styles.valid}>
            <span aria-hidden="true">✓ </span>
            {checking ? "Checking the latest edit…" : "No problems: the policy is valid."}
          </p>
        ) : (
          <>
            <h3 className={styles.problemsTitle}>
              <span aria-hidden="true">✗ </span>
              {problems.length} problem{problems.length === 1 ? "" : "s"}
              {checking ? " (checking the latest edit…)" : ""}
            </h3>
            <ul aria-label="Problems in the policy">
              {problems.map((p) => (
                <li key={`${p.line}:${p.col}:${p.message}`}>
                  <button
                    type="button"
                    className={styles.problem}
                    onClick={() => api.current?.goTo(p.line, p.col)}
                    aria-label={`${problemText(p)} (go to line ${p.line})`}
                  >
                    {problemText(p)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
