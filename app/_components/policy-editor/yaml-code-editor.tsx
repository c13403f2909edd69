"use client";

import { useEffect, useRef } from "react";
import { Compartment, EditorState, Transaction } from "@codemirror/state";
import type { Extension } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, linter } from "@codemirror/lint";
import type { Diagnostic } from "@codemirror/lint";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { handleRefresh, stateExtensions } from "codemirror-json-schema";
import { yamlCompletion, yamlSchemaHover, yamlSchemaLinter } from "codemirror-json-schema/yaml";
import type { JSONSchema7 } from "json-schema";
import { policyJsonSchema } from "@/lib/policy/schema";
import { checkPolicyText, problemRange } from "./problems";
import type { EditorProblem } from "./problems";

/**
 * The CodeMirror 6 island of the policy editor. Loaded with next/dynamic (no SSR), so only the edit
 * page downloads CodeMirror and the schema tooling. Two linters mark problems inline:
 * - the JSON Schema of a policy file (generated from the same zod schema), as you type, with key
 *   completion and hover help from `codemirror-json-schema/yaml`;
 * - Scalegate's own loader (`loadPolicyText`), which the API runs on every draft: YAML syntax, the
 *   schema, and the semantic checks the JSON Schema cannot express (an undeclared level, safeguard or
 *   threshold, a reference cycle). Its problems are also handed to the page for the list under the editor.
 */

export interface CheckResult {
  /** the exact text that was checked: a result for older text is stale */
  text: string;
  problems: EditorProblem[];
  version: string | null;
}

export interface EditorApi {
  /** puts the cursor at a line and column and focuses the editor */
  goTo(line: number, col: number): void;
}

export interface YamlCodeEditorProps {
  /** the document; when `revision` changes the editor is reset to it (a different draft was opened) */
  text: string;
  revision: string;
  policyId: string;
  readOnly: boolean;
  labelledBy: string;
  describedBy: string;
  onChange: (text: string) => void;
  onChecked: (result: CheckResult) => void;
  onReady?: (api: EditorApi | null) => void;
}

const LINT_DELAY_MS = 300;

// One schema for every editor on the page; computed from the zod schema rather than importing the
// 37 kB generated file, which the client would otherwise carry twice (zod is already loaded).
let schema: JSONSchema7 | undefined;
function policySchema(): JSONSchema7 {
  schema ??= policyJsonSchema() as JSONSchema7;
  return schema;
}

const theme = EditorView.theme({
  "&": {
    fontSize: "0.9rem",
    border: "1px solid #8a8f99",
    borderRadius: "4px",
    background: "#fff",
  },
  "&.cm-focused": { outline: "3px solid #f0a500", outlineOffset: "2px" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    minHeight: "20rem",
    maxHeight: "70vh",
    overflow: "auto",
  },
  ".cm-gutters": { background: "#f3f4f6", color: "#4b5260", borderRight: "1px solid #d9dbe0" },
  ".cm-tooltip": { maxWidth: "36rem" },
});

/** What may change while the editor lives: whether it is read-only, and the ids that label it. */
function access(p: Pick<YamlCodeEditorProps, "readOnly" | "labelledBy" | "describedBy">): Extension {
  return [
    EditorState.readOnly.of(p.readOnly),
    EditorView.contentAttributes.of({
      // Focusable already (contenteditable), but axe only counts a tabindex as keyboard access to the
      // scrolling region around it.
      tabindex: "0",
      "aria-labelledby": p.labelledBy,
      "aria-describedby": p.describedBy,
      ...(p.readOnly ? { "aria-readonly": "true" } : {}),
    }),
  ];
}

export default function YamlCodeEditor(props: YamlCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const accessConf = useRef(new Compartment());
  // The callbacks change on every render of the page; the editor reads the latest through refs.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const p = latest.current;
    const policyLinter = linter(
      (v): Diagnostic[] => {
        const text = v.state.doc.toString();
        const r = checkPolicyText(text, latest.current.policyId);
        latest.current.onChecked({ text, ...r });
        return r.problems.map((pr) => ({
          ...problemRange(v.state.doc, pr),
          severity: "error",
          source: "Scalegate policy check",
          message: pr.message,
        }));
      },
      { delay: LINT_DELAY_MS },
    );
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: p.text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          history(),
          highlightSelectionMatches(),
          // No indentWithTab: Tab must leave the editor for keyboard users (Mod-] / Mod-[ indent).
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...searchKeymap,
            ...historyKeymap,
            ...completionKeymap,
            ...lintKeymap,
          ]),
          yaml(),
          autocompletion(),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
          stateExtensions(policySchema()),
          linter(yamlSchemaLinter(), { delay: LINT_DELAY_MS, needsRefresh: handleRefresh }),
          policyLinter,
          lintGutter(),
          accessConf.current.of(access(p)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    view.current = v;
    p.onReady?.({
      goTo(line, col) {
        const { from } = problemRange(v.state.doc, { line, col, message: "" });
        v.dispatch({ selection: { anchor: from }, scrollIntoView: true });
        v.focus();
      },
    });
    return () => {
      latest.current.onReady?.(null);
      v.destroy();
      view.current = null;
    };
    // The editor is made once per mount; text, read-only and labels are updated by the effects below.
  }, []);

  // Another draft (or the published text) was opened: replace the document, and start a new history.
  const { revision, text } = props;
  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === text) return;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: text },
      annotations: Transaction.addToHistory.of(false),
    });
    // `text` follows the typing too; only a new revision replaces what is in the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);

  const { readOnly, labelledBy, describedBy } = props;
  useEffect(() => {
    view.current?.dispatch({
      effects: accessConf.current.reconfigure(access({ readOnly, labelledBy, describedBy })),
    });
  }, [readOnly, labelledBy, describedBy]);

  return <div ref={host} data-testid="policy-yaml-editor" />;
}
