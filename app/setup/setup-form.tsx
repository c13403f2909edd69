"use client";

import { useActionState, useId } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/accounts";
import { setupFirstAdmin } from "./actions";
import type { SetupState } from "./actions";
import styles from "../login/auth.module.css";

const INITIAL: SetupState = { fields: {}, form: null, values: { email: "", name: "" } };

export function SetupForm() {
  const [state, action, pending] = useActionState(setupFirstAdmin, INITIAL);
  const id = useId();

  function field(
    name: "email" | "name" | "password" | "confirm",
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) {
    const error = state.fields[name];
    const hintId = `${id}-${name}-hint`;
    const errorId = `${id}-${name}-error`;
    const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
    return (
      <div className={styles.field}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          name={name}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...props}
        />
        {hint ? (
          <span id={hintId} className={styles.hint}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span id={errorId} className={styles.fieldError}>
            {error}
          </span>
        ) : null}
      </div>
    );
  }

  return (
    <form className={styles.form} action={action}>
      {field("name", "Your name", { type: "text", autoComplete: "name", defaultValue: state.values.name })}
      {field("email", "Email", { type: "email", autoComplete: "username", defaultValue: state.values.email })}
      {field(
        "password",
        "Password",
        { type: "password", autoComplete: "new-password", minLength: MIN_PASSWORD_LENGTH },
        `At least ${MIN_PASSWORD_LENGTH} characters.`,
      )}
      {field("confirm", "Repeat the password", { type: "password", autoComplete: "new-password" })}
      <div role="alert">{state.form ? <p className="error">{state.form}</p> : null}</div>
      <button type="submit" className={styles.submit} disabled={pending}>
        {pending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
