import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { hasUsers } from "@/db/users";
import { SetupForm } from "./setup-form";
import styles from "../login/auth.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up" };

/** First start only: there is no default password, the first visitor names the administrator. */
export default function SetupPage() {
  if (hasUsers(getDb())) notFound();
  return (
    <section className={styles.panel} aria-labelledby="setup-title">
      <h1 id="setup-title">Set up Scalegate</h1>
      <p className="lede">
        No account exists yet. Create the first administrator; further accounts are added with{" "}
        <code>scalegate users create</code>. This page disappears once an account exists.
      </p>
      <SetupForm />
    </section>
  );
}
