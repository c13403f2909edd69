"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { QueryKey } from "@tanstack/react-query";
import type { z } from "zod";
import styles from "./model.module.css";
import { RecordError, issuesToFields, postRecord, validate } from "./record-api";
import type { FieldErrors } from "./record-api";

/**
 * The life of a form that records one thing through the API (a determination, an attestation):
 * validate with the API's own schema, POST, show the field errors the API names, invalidate the
 * queries that read the record, then re-render the server evaluation.
 */
export function useRecordForm<In, S extends z.ZodType>({
  url,
  request,
  response,
  fields,
  invalidate,
  recorded,
  unreachable,
  reset,
}: {
  url: string;
  request: z.ZodType<In>;
  response: S;
  fields: readonly string[];
  invalidate: QueryKey[];
  /** the confirmation shown once the API answered */
  recorded: (answer: z.infer<S>) => string;
  /** the message when the request never got an answer */
  unreachable: string;
  /** clears what should not be sent twice (a rationale, an evidence note) once recorded */
  reset?: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [refreshing, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (body: In) => postRecord(url, body, response),
    onSuccess: async (answer) => {
      setErrors({});
      reset?.();
      setDone(recorded(answer));
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      startTransition(() => router.refresh());
    },
    onError: (e) => {
      setDone(null);
      setErrors(
        e instanceof RecordError
          ? { _form: e.message, ...issuesToFields(e.issues, fields) }
          : { _form: unreachable },
      );
    },
  });

  /**
   * Validates `body` and sends it; `extra` adds errors the schema cannot know (e.g. "name the person").
   * Returns whether it was sent.
   */
  function submit(body: unknown, extra: FieldErrors = {}): boolean {
    setDone(null);
    const r = validate(request, body, fields);
    const errs: FieldErrors = { ...(r.ok ? {} : r.errors), ...extra };
    if (!r.ok || Object.keys(errs).length > 0) {
      setErrors(errs);
      return false;
    }
    setErrors({});
    mutation.mutate(r.data);
    return true;
  }

  return {
    errors,
    done,
    refreshing,
    pending: mutation.isPending,
    busy: mutation.isPending || refreshing,
    submit,
  };
}

/** The frame of a record form: its title, the form-level error, the live status line and the button. */
export function RecordFormShell({
  uid,
  title,
  form,
  submitLabel,
  onSubmit,
  children,
}: {
  uid: string;
  title: string;
  form: Pick<ReturnType<typeof useRecordForm>, "errors" | "done" | "refreshing" | "pending" | "busy">;
  submitLabel: string;
  onSubmit: () => void;
  children: React.ReactNode;
}) {
  return (
    <form
      className={styles.form}
      onSubmit={(ev) => {
        ev.preventDefault();
        onSubmit();
      }}
      noValidate
      aria-labelledby={`${uid}-title`}
    >
      <h3 id={`${uid}-title`}>{title}</h3>
      {children}
      {form.errors._form && (
        <p className="error" role="alert">
          {form.errors._form}
        </p>
      )}
      <p role="status" className={form.done ? styles.success : undefined}>
        {form.done && !form.refreshing
          ? form.done
          : form.refreshing
            ? "Recorded; updating the evaluation…"
            : ""}
      </p>
      <div>
        <button type="submit" disabled={form.busy}>
          {form.pending ? "Recording…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
