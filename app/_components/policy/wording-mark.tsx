import { wordingLabel } from "@/lib/view/policy";
import type { Threshold } from "@/lib/policy/schema";

/** "paraphrase" or "secondary source" beside a definition that is not a verbatim quote. */
export function WordingMark({ wording }: { wording: Threshold["wording"] }) {
  const label = wordingLabel(wording);
  if (!label) return null;
  return (
    <span
      className="mark mark-none"
      title={
        label === "paraphrase"
          ? "the policy author's paraphrase, not the framework's words"
          : "taken from a summary of the framework, not the primary text"
      }
    >
      {label}
    </span>
  );
}
