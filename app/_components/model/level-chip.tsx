import { levelTone } from "@/lib/view/levels";
import type { Marker } from "@/lib/view/levels";
import { StatusChip } from "./status-chip";

/**
 * A level in words, tone and marker symbols. Used instead of the shared LevelBadge, whose aria-label
 * on a role-less <span> is an axe "aria-prohibited-attr" (serious) violation; the words here are
 * the element's own text, so nothing needs an aria-label.
 */
export function LevelChip({
  level,
  levels,
  title,
  markers = [],
}: {
  level: string | null;
  levels: string[];
  title?: string | undefined;
  markers?: Marker[];
}) {
  return <StatusChip label={title ?? level ?? "none"} tone={levelTone(levels, level)} markers={markers} />;
}
