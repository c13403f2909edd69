import type { FormatId, ParsedMetric, ParsedModel, ParseResult } from "./types";

export function emptyResult(format: FormatId): ParseResult {
  return { format, scores: [], metrics: [], models: [], errors: [], skipped: 0, notes: [] };
}

/** Metrics of one file, each id once, in order of first use. */
export class MetricSet {
  private readonly byId = new Map<string, ParsedMetric>();

  add(metric: ParsedMetric): void {
    if (!this.byId.has(metric.id)) this.byId.set(metric.id, metric);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): ParsedMetric[] {
    return [...this.byId.values()];
  }
}

type ModelFields = Omit<ParsedModel, "name" | "source">;

/**
 * Models of one file, each name once. Rows repeat a model's metadata (Epoch writes the release date
 * on every run); the first value wins and a disagreeing later value is reported, not merged.
 */
export class ModelSet {
  private readonly byName = new Map<string, ParsedModel>();
  readonly conflicts: string[] = [];

  add(model: ParsedModel): void {
    const have = this.byName.get(model.name);
    if (!have) {
      this.byName.set(model.name, dropEmpty(model));
      return;
    }
    for (const key of Object.keys(model) as (keyof ModelFields | "name" | "source")[]) {
      if (key === "name" || key === "source") continue;
      const next = model[key];
      if (next === undefined || next === null) continue;
      const prev = have[key];
      if (prev === undefined || prev === null) {
        (have as Record<string, unknown>)[key] = next;
      } else if (prev !== next) {
        this.conflicts.push(
          `model "${model.name}": ${key} ${JSON.stringify(next)} at row ${model.source.row ?? "?"} ` +
            `disagrees with ${JSON.stringify(prev)} at row ${have.source.row ?? "?"}; kept the first`,
        );
      }
    }
  }

  list(): ParsedModel[] {
    return [...this.byName.values()];
  }
}

function dropEmpty(model: ParsedModel): ParsedModel {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) if (v !== undefined) out[k] = v;
  return out as ParsedModel;
}
