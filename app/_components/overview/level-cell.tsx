import Link from "next/link";
import { LevelBadge } from "@/app/_components/level-badge";
import type { CellView } from "@/lib/view/overview-schema";
import styles from "./overview.module.css";

/**
 * One matrix cell: the level as text and colour with its markers, the evidenced level beside it when it
 * differs, and a link to the evidence. The link's name says all of it in words.
 */
export function LevelCellLink({ cell, levelIds }: { cell: CellView; levelIds: string[] }) {
  return (
    <Link
      href={cell.href}
      // Hundreds of cells: prefetching every model page would cost more than it saves.
      prefetch={false}
      className={styles.cell}
      aria-label={cell.label}
      title={cell.detail.length > 0 ? cell.detail.join("\n") : undefined}
    >
      <LevelBadge
        level={cell.level}
        levels={levelIds}
        tone={cell.tone}
        markers={cell.markers}
        evidenced={cell.evidenced}
      />
      {cell.evidenced_differs && (
        <span className={styles.evidenced} aria-hidden="true">
          evidenced: {cell.evidenced}
        </span>
      )}
    </Link>
  );
}
