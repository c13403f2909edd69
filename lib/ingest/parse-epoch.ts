import { IngestError, fileLabel } from "./errors";
import { splitElicitation } from "./model-names";
import { cellAt, columnIndex, readCsv } from "./read-csv";
import { emptyResult, MetricSet, ModelSet } from "./result";
import { decodeText } from "./text";
import type { ParsedMetric, ParsedScore, ParseOptions, ParseResult } from "./types";
import { isHttpUrl, metricSegment, readIsoDate, readNumber, textOrNull } from "./values";

/**
 * Epoch AI Benchmarking Hub CSV exports (CC-BY-4.0, "Epoch AI, 'AI Benchmarking Hub'").
 * Four layouts, told apart by their header:
 *  - Cybench: "Unguided % Solved", "Subtask-Guided % Solved", "Subtasks % Solved" and the first-solve
 *    time of the hardest task solved, in minutes; per-row "Source" / "Source link".
 *  - Terminal-Bench: "Agent" × "Model version", "Accuracy mean", "Accuracy SE", "Run date"; agent
 *    names (and "Agent Org" / "Model Org") carry untrimmed spaces.
 *  - PostTrainBench: "Scaffold", "Average (%)", "Average SD (%)" (a standard deviation across runs,
 *    not a standard error, so it is kept in the note and not passed off as stderr).
 *  - Epoch's own runs (GPQA Diamond, SWE-bench Verified): "mean_score", "stderr", "Started at",
 *    "Logs"; the two files share one header, so the benchmark comes from the file name or
 *    `options.benchmark`.
 * Every "%" column holds a fraction (0.93, not 93): values are kept as fractions and checked to lie
 * in 0..1. "Model version" suffixes (_high, _32K, ...) become the elicitation; the agent or
 * scaffold is elicitation context too. "Release date" is the model's; the run date is the score's.
 */

type Layout = "cybench" | "terminal-bench" | "posttrainbench" | "epoch-runs";

interface ValueColumn {
  column: string;
  metric: ParsedMetric;
  stderrColumn?: string;
  sdColumn?: string;
}

interface Spec {
  layout: Layout;
  values: ValueColumn[];
  contextColumn?: { column: string; label: "agent" | "scaffold" };
  evaluatedAtColumn?: string;
  sourceNameColumn?: string;
  sourceUrlColumns: string[];
  developerFallbackColumn?: string;
}

const FRACTION_NOTE = 'written as a fraction although the column says "%"; kept as a fraction';

function fraction(
  id: string,
  title: string,
  original: string,
  extra: Partial<ParsedMetric> = {},
): ParsedMetric {
  return {
    id,
    title,
    unit: "fraction",
    original_unit: original,
    normalisation: FRACTION_NOTE,
    continuity: "continuous",
    chance: 0,
    ceiling: 1,
    ...extra,
  };
}

function minutes(id: string, title: string, extra: Partial<ParsedMetric> = {}): ParsedMetric {
  return { id, title, unit: "minutes", continuity: "continuous", chance: 0, ...extra };
}

// Success rates on dangerous-capability evals (offensive cyber, autonomous software and ML
// engineering): a higher rate is a more capable, hence riskier, model.
const CYBER = { domain: "cyber", higher_is_riskier: true } as const;
const AUTONOMY = { domain: "autonomy", higher_is_riskier: true } as const;
const AI_RD = { domain: "ai-rd", higher_is_riskier: true } as const;

function specFor(header: string[], fileName: string | undefined, benchmark: string | undefined): Spec | null {
  const has = (c: string) => header.includes(c);
  if (!has("Model version")) return null;
  if (has("Unguided % Solved")) {
    return {
      layout: "cybench",
      values: [
        {
          column: "Unguided % Solved",
          metric: fraction("cybench.unguided", "Cybench unguided solve rate", "% Solved", CYBER),
        },
        {
          column: "Subtask-Guided % Solved",
          metric: fraction("cybench.subtask_guided", "Cybench subtask-guided solve rate", "% Solved", CYBER),
        },
        {
          column: "Subtasks % Solved",
          metric: fraction("cybench.subtasks", "Cybench subtasks solved", "% Solved", CYBER),
        },
        {
          column: "Unguided most difficult task solved (minutes)",
          metric: minutes(
            "cybench.unguided.hardest_solved_minutes",
            "Cybench unguided: first-solve time of the hardest task solved",
            CYBER,
          ),
        },
        {
          column: "Subtask-Guided most difficult task solved (minutes)",
          metric: minutes(
            "cybench.subtask_guided.hardest_solved_minutes",
            "Cybench subtask-guided: first-solve time of the hardest task solved",
            CYBER,
          ),
        },
      ],
      sourceNameColumn: "Source",
      sourceUrlColumns: ["Source link"],
    };
  }
  if (has("Agent") && has("Accuracy mean")) {
    return {
      layout: "terminal-bench",
      values: [
        {
          column: "Accuracy mean",
          stderrColumn: "Accuracy SE",
          metric: fraction(
            "terminal_bench.accuracy",
            "Terminal-Bench task success rate",
            "Accuracy mean",
            AUTONOMY,
          ),
        },
      ],
      contextColumn: { column: "Agent", label: "agent" },
      evaluatedAtColumn: "Run date",
      sourceNameColumn: "Source",
      sourceUrlColumns: ["Source Link"],
      developerFallbackColumn: "Model Org",
    };
  }
  if (has("Scaffold") && has("Average (%)")) {
    return {
      layout: "posttrainbench",
      values: [
        {
          column: "Average (%)",
          sdColumn: "Average SD (%)",
          metric: fraction("posttrainbench.average", "PostTrainBench average score", "Average (%)", AI_RD),
        },
      ],
      contextColumn: { column: "Scaffold", label: "scaffold" },
      sourceUrlColumns: [],
    };
  }
  if (has("mean_score")) {
    const bench = runBenchmark(fileName, benchmark);
    return {
      layout: "epoch-runs",
      values: [{ column: "mean_score", stderrColumn: "stderr", metric: bench }],
      evaluatedAtColumn: "Started at",
      sourceUrlColumns: ["Logs", "Log viewer"],
    };
  }
  return null;
}

/** GPQA Diamond and SWE-bench Verified exports share a header; the file name tells them apart. */
function runBenchmark(fileName: string | undefined, benchmark: string | undefined): ParsedMetric {
  const key = (benchmark ?? fileName ?? "").toLowerCase();
  if (/gpqa/.test(key)) {
    return fraction("gpqa.diamond", "GPQA Diamond accuracy", "mean_score", {
      continuity: "continuous",
      chance: 0.25,
    });
  }
  if (/swe[-_ ]?bench/.test(key)) {
    return fraction("swe_bench.verified", "SWE-bench Verified resolve rate", "mean_score", AUTONOMY);
  }
  const stem = metricSegment((benchmark ?? fileName ?? "epoch").replace(/^.*\//, "").replace(/\.csv$/i, ""));
  return { id: `${stem}.mean_score`, title: `${stem} mean score`, unit: "fraction", ceiling: 1 };
}

export interface EpochOptions extends ParseOptions {
  /** For Epoch-run exports whose file name does not say the benchmark (e.g. "gpqa_diamond"). */
  benchmark?: string;
}

export function parseEpochCsv(input: string | Uint8Array, opts: EpochOptions = {}): ParseResult {
  const result = emptyResult("epoch-csv");
  const table = readCsv(decodeText(input, opts.fileName));
  result.errors.push(...table.errors);
  if (table.header.length === 0) return result;
  const spec = specFor(table.header, opts.fileName, opts.benchmark);
  if (!spec) {
    throw new IngestError(
      "UNSUPPORTED_FORMAT",
      fileLabel(opts.fileName),
      `has a "Model version" column but no known Epoch layout (columns: ${table.header.join(", ")})`,
    );
  }
  if (spec.layout === "epoch-runs" && table.header.includes("Best score (across scorers)")) {
    result.notes?.push(
      '"Best score (across scorers)" not imported: a maximum over scorers, biased upwards; mean_score is',
    );
  }

  const col = columnIndex(table.header);
  const get = (cells: string[], name: string | undefined) =>
    name === undefined ? "" : cellAt(cells, col.get(name));
  const metrics = new MetricSet();
  const models = new ModelSet();
  const firstSeen = new Map<string, { row: number; value: number; score: ParsedScore }>();
  const repeats: string[] = [];
  let skipped = 0;

  for (const { row, cells } of table.rows) {
    const rawModel = get(cells, "Model version").trim();
    if (rawModel === "") {
      result.errors.push({
        row,
        field: "Model version",
        message: "Model version is empty; the row names no model",
      });
      continue;
    }
    const { model, elicitation: suffix } = splitElicitation(rawModel);
    const context = spec.contextColumn ? textOrNull(get(cells, spec.contextColumn.column)) : null;
    const elicitation =
      [suffix, context === null ? null : `${spec.contextColumn?.label}=${context}`]
        .filter((s) => s !== null)
        .join("; ") || null;

    const rowErrors: { field: string; message: string }[] = [];
    const release = readIsoDate(get(cells, "Release date"));
    if (release.kind === "bad")
      rowErrors.push({ field: "Release date", message: `Release date ${release.message}` });
    const flop = readNumber(get(cells, "Training compute (FLOP)"));
    if (flop.kind === "bad")
      rowErrors.push({
        field: "Training compute (FLOP)",
        message: `Training compute (FLOP) ${flop.message}`,
      });
    let evaluatedAt: string | null = null;
    if (spec.evaluatedAtColumn) {
      const d = readIsoDate(get(cells, spec.evaluatedAtColumn));
      if (d.kind === "bad")
        rowErrors.push({ field: spec.evaluatedAtColumn, message: `${spec.evaluatedAtColumn} ${d.message}` });
      else if (d.kind === "ok") evaluatedAt = d.value;
    }

    const source: ParsedScore["source"] = { row };
    if (opts.fileName !== undefined) source.file = opts.fileName;
    const url = spec.sourceUrlColumns.map((c) => get(cells, c).trim()).find((u) => isHttpUrl(u));
    source.url = url ?? null;
    const noteParts = [
      spec.sourceNameColumn ? textOrNull(get(cells, spec.sourceNameColumn)) : null,
      spec.layout === "epoch-runs" ? `Epoch AI Benchmarking Hub run ${get(cells, "id").trim()}` : null,
      textOrNull(get(cells, "Notes")),
    ];

    const scores: ParsedScore[] = [];
    for (const vc of spec.values) {
      const raw = get(cells, vc.column);
      const v = readNumber(raw);
      if (v.kind === "empty") {
        skipped++;
        continue;
      }
      if (v.kind === "bad") {
        rowErrors.push({ field: vc.column, message: `${vc.column} ${v.message}` });
        continue;
      }
      if (vc.metric.unit === "fraction" && (v.value < 0 || v.value > 1)) {
        rowErrors.push({
          field: vc.column,
          message: `${vc.column} must be a fraction in 0..1, got ${v.value}`,
        });
        continue;
      }
      if (v.value < 0) {
        rowErrors.push({ field: vc.column, message: `${vc.column} must not be negative, got ${v.value}` });
        continue;
      }
      let stderr: number | null = null;
      if (vc.stderrColumn) {
        const se = readNumber(get(cells, vc.stderrColumn));
        if (se.kind === "bad" || (se.kind === "ok" && se.value < 0)) {
          rowErrors.push({
            field: vc.stderrColumn,
            message: `${vc.stderrColumn} ${se.kind === "bad" ? se.message : "must not be negative"}`,
          });
          continue;
        }
        if (se.kind === "ok") stderr = se.value;
      }
      const notes = [...noteParts];
      if (vc.sdColumn) {
        const sd = readNumber(get(cells, vc.sdColumn));
        if (sd.kind === "ok") notes.push(`${vc.sdColumn} (standard deviation across runs) ${sd.value}`);
      }
      const note = notes.filter((s) => s !== null).join("; ");
      scores.push({
        model,
        metric: vc.metric.id,
        value: v.value,
        stderr,
        elicitation,
        evaluated_at: evaluatedAt,
        source: note === "" ? { ...source } : { ...source, note },
      });
      metrics.add(vc.metric);
    }

    if (rowErrors.length > 0) {
      result.errors.push(...rowErrors.map((e) => ({ row, ...e })));
      continue;
    }
    for (const score of scores) {
      // The Terminal-Bench export lists some leaderboard entries twice, once with padded agent
      // names: same model, agent, run date and value (up to float noise). Keep the first.
      const key = [score.model, score.metric, score.elicitation ?? "", score.evaluated_at ?? ""].join(
        "\u0000",
      );
      const first = firstSeen.get(key);
      if (first && Math.abs(first.value - score.value) <= 1e-9 * Math.max(1, Math.abs(score.value))) {
        if (!first.score.source.url && score.source.url) first.score.source.url = score.source.url;
        if (!first.score.source.note && score.source.note) first.score.source.note = score.source.note;
        repeats.push(`${row} (= ${first.row})`);
        skipped++;
        continue;
      }
      if (!first) firstSeen.set(key, { row, value: score.value, score });
      result.scores.push(score);
    }
    const developer =
      textOrNull(get(cells, "Organization")) ?? textOrNull(get(cells, spec.developerFallbackColumn ?? ""));
    models.add({
      name: model,
      release_date: release.kind === "ok" ? release.value : null,
      training_flop: flop.kind === "ok" ? flop.value : null,
      developer,
      source: { ...source, note: `Model version "${rawModel}"` },
    });
  }

  if (repeats.length > 0) {
    result.notes?.push(
      `${repeats.length} rows repeat an earlier row once names are trimmed (same model, elicitation, date and value) ` +
        `and were skipped: rows ${repeats.join(", ")}`,
    );
  }
  result.notes?.push(...models.conflicts);
  result.skipped = skipped + table.blankRows;
  // In the column order of the layout, listing only metrics the file actually has values for.
  result.metrics = spec.values.map((v) => v.metric).filter((m) => metrics.has(m.id));
  result.models = models.list();
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
