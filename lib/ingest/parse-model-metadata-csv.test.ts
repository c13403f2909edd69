import { describe, expect, it } from "vitest";
import { parseModelMetadataCsv } from "./parse-model-metadata-csv";

const HEADER =
  "model,name,family,developer,release_date,params_b,active_params_b,training_tokens,training_flop";

describe("parseModelMetadataCsv", () => {
  it("reads every column; empty numbers stay absent, never 0", () => {
    const r = parseModelMetadataCsv(
      `${HEADER}\nmixtral-8x7b,Mixtral 8x7B,Mixtral,Mistral AI,2023-12-11,46.7,12.9,,\nllama-3-70b,,Llama 3,Meta,2024-04-18,70,,15e12,6.3e24\n`,
      { fileName: "models.csv" },
    );
    expect(r.errors).toEqual([]);
    expect(r.models).toEqual([
      {
        name: "mixtral-8x7b",
        display_name: "Mixtral 8x7B",
        family: "Mixtral",
        developer: "Mistral AI",
        release_date: "2023-12-11",
        params_b: 46.7,
        active_params_b: 12.9,
        source: { row: 1, file: "models.csv" },
      },
      {
        name: "llama-3-70b",
        family: "Llama 3",
        developer: "Meta",
        release_date: "2024-04-18",
        params_b: 70,
        training_tokens: 15e12,
        training_flop: 6.3e24,
        source: { row: 2, file: "models.csv" },
      },
    ]);
  });

  it.each([
    { label: "empty file", text: "", errors: [{ row: 0, message: "file is empty" }] },
    {
      label: "no model column",
      text: "name,params_b\nx,1\n",
      errors: [{ row: 0, field: "model", message: 'missing required column "model"' }],
    },
    {
      label: "bad release date",
      text: "model,release_date\nm,2024-02-31\n",
      errors: [
        { row: 1, field: "release_date", message: 'release_date is not a real calendar date: "2024-02-31"' },
      ],
    },
    {
      label: "infinite FLOP",
      text: "model,training_flop\nm,inf\n",
      errors: [
        { row: 1, field: "training_flop", message: 'training_flop must be a finite number, got "inf"' },
      ],
    },
    {
      label: "negative parameter count",
      text: "model,params_b\nm,-7\n",
      errors: [{ row: 1, field: "params_b", message: "params_b must not be negative, got -7" }],
    },
    {
      label: "model described twice",
      text: "model,params_b\nm,7\nn,8\nm,7\n",
      errors: [{ row: 3, field: "model", message: 'model "m" is already described in row 1' }],
    },
    {
      label: "ragged row",
      text: "model,params_b\nm,7,9\n",
      errors: [{ row: 1, message: "has 3 cells but the header has 2 columns" }],
    },
  ])("$label", ({ text, errors }) => {
    expect(parseModelMetadataCsv(text).errors).toEqual(errors);
  });
});
