"use client";

import { useId, useState } from "react";
import styles from "./auth.module.css";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "error"; message: string };

async function messageFor(res: Response): Promise<string> {
  if (res.status === 429) {
    const wait = res.headers.get("retry-after") ?? res.headers.get("x-retry-after");
    return `Too many sign-in attempts. Try again in ${wait ?? "a minute"}${wait ? " seconds" : ""}.`;
  }
  if (res.status === 401) return "Wrong email or password.";
  if (res.status === 403) return "This sign-in request was refused (it did not come from this site).";
  return `Sign-in failed (HTTP ${res.status}). Try again.`;
}

/** Email + password to better-auth's /api/auth/sign-in/email, which sets the httpOnly session cookie. */
export function LoginForm({ next }: { next: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const id = useId();
  const errorId = `${id}-error`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setState({ kind: "busy" });
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: data.get("email"), password: data.get("password") }),
      });
      if (!res.ok) {
        setState({ kind: "error", message: await messageFor(res) });
        return;
      }
      // A full navigation, so the header and every server component render as the new user.
      window.location.assign(next);
    } catch {
      setState({ kind: "error", message: "The server could not be reached. Try again." });
    }
  }

  const failed = state.kind === "error";
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-describedby={failed ? errorId : undefined}>
      <div className={styles.field}>
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={failed || undefined}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={failed || undefined}
        />
      </div>
      <div role="alert" id={errorId}>
        {failed ? <p className="error">{state.message}</p> : null}
      </div>
      <button type="submit" className={styles.submit} disabled={state.kind === "busy"}>
        {state.kind === "busy" ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
