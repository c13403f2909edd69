import Link from "next/link";
import { currentViewer } from "@/app/_lib/auth/viewer";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";
import styles from "./user-menu.module.css";

/** The header's account corner: who is signed in, in which role, and sign-out; or a sign-in link. */
export async function UserMenu() {
  const viewer = await currentViewer();
  if (!viewer)
    return (
      <div className={styles.menu}>
        <Link href="/login">Sign in</Link>
      </div>
    );
  return (
    <div className={styles.menu}>
      <span>
        {viewer.name} <span className={styles.role}>({ROLE_LABELS[viewer.role]})</span>
      </span>
      {viewer.kind === "user" ? <SignOutButton className={styles.signOut} /> : null}
    </div>
  );
}
