import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { hasUsers } from "@/db/users";
import { currentViewer } from "@/app/_lib/auth/viewer";
import { safeNextPath } from "@/lib/auth";
import { LoginForm } from "./login-form";
import styles from "./auth.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  if (!hasUsers(getDb())) redirect("/setup");
  if (await currentViewer()) redirect(next);
  return (
    <section className={styles.panel} aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="lede">Scalegate accounts are created by an administrator.</p>
      <LoginForm next={next} />
    </section>
  );
}
