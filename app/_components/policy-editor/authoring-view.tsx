"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UseQueryResult } from "@tanstack/react-query";
import type { PolicyComparison } from "@/lib/api/policy-compare";
import type { PolicyDraft, PublishResponse } from "@/lib/api/policy-draft-schemas";
import { policyDraftKeys } from "@/lib/api/policy-draft-schemas";
import { PolicyEditor } from "./policy-editor";
import type { CheckResult } from "./yaml-code-editor";
import { labelTakenBy } from "./problems";
import { ReviewPanel } from "./review-panel";
import { VersionsTable } from "./versions-table";
import {
  DraftApiError,
  afterDraftDiscarded,
  afterDraftSaved,
  afterPublish,
  discardDraft,
  draftQuery,
  publishDraft,
  reviewQuery,
  saveDraft,
  versionsQuery,
} from "./drafts-api";
import { countsText, reviewCounts } from "./review-summary";
import styles from "./policy-editor.module.css";

export interface PublishedText {
  policyVersionId: number;
  version: string;
  yaml: string;
  sha256: string;
}

export interface AuthoringPermissions {
  /** policy authors: save a draft */
  draft: boolean;
  /** policy authors and administrators: publish a saved draft */
  publish: boolean;
  /** policy authors: discard a draft */
  discard: boolean;
}

interface Props {
  policyId: string;
  /** "OpenAI Preparedness Framework (Beta)" */
  name: string;
  published: PublishedText | null;
  /** the draft named in the address (`?draft=`), already checked to be a positive integer */
  draftId: number | null;
  can: AuthoringPermissions;
  /** why the viewer may not change the policy ("Policy authors can …"), null when they may */
  readOnlyNote: string | null;
}

/** The text the editor starts from: the published version, or a stored draft. */
interface Base {
  text: string;
  /** changes when another document is opened */
  revision: string;
  draft: PolicyDraft | null;
}

type Notice = { tone: "success" | "error"; text: string; issues?: { path: string; message: string }[] };

function editHref(policyId: string, draftId?: number): string {
  const base = `/policies/${encodeURIComponent(policyId)}/edit`;
  return draftId === undefined ? base : `${base}?draft=${draftId}`;
}

function errorNotice(e: unknown, what: string): Notice {
  if (e instanceof DraftApiError) return { tone: "error", text: `${what}: ${e.message}`, issues: e.issues };
  return { tone: "error", text: `${what}: ${e instanceof Error ? e.message : String(e)}` };
}

/**
 * The authoring page: the policy text in the editor, Save draft / Review changes / Publish / Discard,
 * and the policy's versions. The server decides what the viewer may do (and checks again on every
 * call); this component only hides what would be refused.
 */
export function AuthoringView(props: Props) {
  const { policyId, draftId, published } = props;
  const draft = useQuery({ ...draftQuery(policyId, draftId ?? 0), enabled: draftId !== null });

  if (draftId !== null && draft.isPending)
    return (
      <p role="status" className="state">
        Loading draft {draftId}…
      </p>
    );
  if (draftId !== null && draft.isError) {
    const notFound = draft.error instanceof DraftApiError && draft.error.status === 404;
    return (
      <div className="error" role="alert">
        <p>
          {notFound ? `There is no draft ${draftId} of ${policyId}.` : "The draft could not be loaded"}
          {notFound ? "" : `: ${draft.error.message}`}
        </p>
        <p>
          {!notFound && (
            <>
              <button type="button" onClick={() => void draft.refetch()}>
                Try again
              </button>{" "}
              or{" "}
            </>
          )}
          <Link href={editHref(policyId)}>start from the published version</Link>.
        </p>
      </div>
    );
  }
  const d = draftId !== null ? (draft.data?.draft ?? null) : null;
  let base: Base;
  if (d) base = { text: d.yaml, revision: `v${d.policy_version_id}:${d.sha256}`, draft: d };
  else if (published)
    base = {
      text: published.yaml,
      revision: `v${published.policyVersionId}:${published.sha256}`,
      draft: null,
    };
  else return <NothingPublished policyId={policyId} />;
  return <Workspace {...props} base={base} />;
}

/** A retired policy, or one only drafted so far: its versions, to open one of them. */
function NothingPublished({ policyId }: { policyId: string }) {
  const versions = useQuery(versionsQuery(policyId));
  return (
    <>
      <p className="state">
        No version of {policyId} is published, so there is no text to start from. Open one of its stored
        versions below: a draft to go on editing it, a former version to start a new draft from its text.
      </p>
      <VersionsTable
        policyId={policyId}
        query={versions}
        openId={null}
        editHref={(id) => editHref(policyId, id)}
        publishedHref={editHref(policyId)}
      />
    </>
  );
}

function Workspace({ policyId, name, published, can, readOnlyNote, base }: Props & { base: Base }) {
  const uid = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [navigating, startNavigation] = useTransition();

  const [text, setText] = useState(base.text);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [showReview, setShowReview] = useState(false);
  const [confirm, setConfirm] = useState<"publish" | "discard" | null>(null);

  // Another document was opened (a draft from the list, or the published text after a discard): the
  // editor shows it and the review and confirmations of the previous one close. Saving keeps the
  // author's own text, so a save that lands does not reset anything.
  const [seen, setSeen] = useState(base.revision);
  if (seen !== base.revision) {
    setSeen(base.revision);
    if (text !== base.text) {
      setText(base.text);
      setShowReview(false);
      setConfirm(null);
    }
  }

  const d = base.draft;
  const isDraft = d?.status === "draft";
  const draftId = isDraft ? d.policy_version_id : null;
  const dirty = text !== base.text;
  const checked = check !== null && check.text === text;
  const problems = check?.problems ?? null;
  const valid = checked && check.problems.length === 0;
  const editable = can.draft;

  const versions = useQuery(versionsQuery(policyId));
  const taken = checked
    ? labelTakenBy(
        check.version,
        versions.data?.versions ?? [],
        d && !dirty ? { id: d.policy_version_id, sha256: d.sha256 } : null,
      )
    : null;

  const review = useQuery({
    ...reviewQuery(policyId, draftId ?? 0),
    enabled: draftId !== null && !dirty && (showReview || confirm === "publish"),
  });

  const onChecked = useCallback((r: CheckResult) => setCheck(r), []);
  const onChange = useCallback((t: string) => setText(t), []);

  const save = useMutation({
    mutationFn: () => saveDraft(policyId, draftId, text),
    onMutate: () => setNotice(null),
    onSuccess: async ({ draft: saved }) => {
      queryClient.setQueryData(policyDraftKeys.draft(policyId, saved.policy_version_id), { draft: saved });
      await afterDraftSaved(queryClient, policyId, saved.policy_version_id);
      setNotice({
        tone: "success",
        text:
          draftId === null
            ? `Saved as draft ${saved.policy_version_id} (version ${saved.version}). Nothing changes for evaluations until it is published.`
            : `Saved draft ${saved.policy_version_id} (version ${saved.version}).`,
      });
      if (draftId !== saved.policy_version_id)
        startNavigation(() => router.replace(editHref(policyId, saved.policy_version_id), { scroll: false }));
    },
    onError: (e) => setNotice(errorNotice(e, "The draft was not saved")),
  });

  const publish = useMutation({
    mutationFn: () => publishDraft(policyId, draftId!),
    onMutate: () => setNotice(null),
    onSuccess: async (r: PublishResponse) => {
      setConfirm(null);
      setShowReview(false);
      setNotice({
        tone: "success",
        text: `Published version ${r.policy.version} of ${r.policy.title} (policy version ${r.policy.policy_version_id})${r.replaced !== null ? `; it replaces policy version ${r.replaced}, now retired` : ""}. Evaluations use it from now on.`,
      });
      await afterPublish(queryClient, policyId, r.policy.policy_version_id);
      startNavigation(() => {
        router.replace(editHref(policyId), { scroll: false });
        router.refresh();
      });
    },
    onError: async (e) => {
      setNotice(errorNotice(e, "The draft was not published"));
      // A conflict means someone published meanwhile: show the versions as they are now.
      await queryClient.invalidateQueries({ queryKey: policyDraftKeys.policy(policyId) });
    },
  });

  const discard = useMutation({
    mutationFn: () => discardDraft(policyId, draftId!),
    onMutate: () => setNotice(null),
    onSuccess: async ({ draft: gone }) => {
      setConfirm(null);
      setShowReview(false);
      setNotice({
        tone: "success",
        text: `Discarded draft ${gone.policy_version_id} (version ${gone.version}). It stays in the history, and cannot be published.`,
      });
      await afterDraftDiscarded(queryClient, policyId, gone.policy_version_id);
      startNavigation(() => router.replace(editHref(policyId), { scroll: false }));
    },
    onError: (e) => setNotice(errorNotice(e, "The draft was not discarded")),
  });

  const busy = save.isPending || publish.isPending || discard.isPending || navigating;

  // Unsaved edits are not lost silently: closing or reloading the tab asks first, and so does opening
  // another version from the list below.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  const mayLeave = () =>
    !dirty || window.confirm("Your edits are not saved. Leave them and open another version?");

  // Why each action is unavailable, in words, next to the buttons (a disabled button alone explains nothing).
  const saveBlockers: string[] = [];
  if (!dirty) saveBlockers.push(isDraft ? "No unsaved edits." : "Edit the text to start a draft.");
  else if (!checked) saveBlockers.push("Checking the latest edit…");
  else if (!valid) saveBlockers.push("Fix the problems listed under the editor to save.");

  const publishBlockers: string[] = [];
  if (!isDraft)
    publishBlockers.push("Only a saved draft can be published: save your edits as a draft first.");
  else {
    if (dirty) publishBlockers.push("Save your edits first: publishing publishes the saved draft.");
    if (checked && !valid) publishBlockers.push("The policy has problems: fix them first.");
    if (!checked) publishBlockers.push("Checking the latest edit…");
    if (taken)
      publishBlockers.push(
        `Version ${taken.version} was already published${taken.published_at ? ` on ${taken.published_at.slice(0, 10)}` : ""}: change the version: label before publishing.`,
      );
    if (d?.superseded_by)
      publishBlockers.push(
        `Version ${d.superseded_by.version} was published after this draft was made: save it again as a new draft, review it against that version, then publish.`,
      );
  }

  const reviewBlocker = !isDraft
    ? "Save a draft to review what it changes."
    : dirty
      ? "Save your edits to review them: the review compares the saved draft."
      : null;

  const headingId = `${uid}-editor-heading`;
  const editingWhat = isDraft
    ? `draft ${d.policy_version_id} (version ${d.version}), by ${d.author}, started ${d.created_at.slice(0, 10)}`
    : d
      ? `stored version ${d.policy_version_id} (version ${d.version}, ${d.status}); saving starts a new draft from it`
      : published
        ? `the published version ${published.version}; saving starts a draft, and nothing changes for evaluations until a draft is published`
        : "";

  return (
    <>
      {readOnlyNote && (
        <p className={styles.warning} role="note">
          {readOnlyNote}
        </p>
      )}
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>Policy text</h2>
        <p className="meta">Showing {editingWhat}.</p>
        {d?.superseded_by && (
          <p className={styles.warning} role="note">
            <span aria-hidden="true">⚠ </span>
            Version {d.superseded_by.version} was published on {d.superseded_by.published_at.slice(0, 10)},
            after this draft was made. Review the draft against it and save it again as a new draft before
            publishing.
          </p>
        )}
        <PolicyEditor
          label={`YAML of ${name}${isDraft ? `, draft ${d.policy_version_id}` : ""}`}
          text={text}
          revision={base.revision}
          policyId={policyId}
          readOnly={!editable}
          problems={problems}
          checking={!checked && check !== null}
          onChange={onChange}
          onChecked={onChecked}
        />

        <div className={styles.actions}>
          {can.draft && (
            <button type="button" onClick={() => save.mutate()} disabled={busy || saveBlockers.length > 0}>
              {save.isPending ? "Saving…" : "Save draft"}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            aria-expanded={showReview}
            aria-controls={`${uid}-review`}
            onClick={() => setShowReview((s) => !s)}
            disabled={reviewBlocker !== null && !showReview}
          >
            {showReview ? "Hide the review" : "Review changes"}
          </button>
          {can.publish && (
            <button
              type="button"
              onClick={() => setConfirm("publish")}
              disabled={busy || publishBlockers.length > 0 || confirm === "publish"}
            >
              Publish…
            </button>
          )}
          {can.discard && isDraft && (
            <button
              type="button"
              className="secondary"
              onClick={() => setConfirm("discard")}
              disabled={busy || confirm === "discard"}
            >
              Discard draft…
            </button>
          )}
        </div>
        <Blockers
          lines={[
            ...(can.draft && dirty ? saveBlockers.map((s) => `Save draft: ${s}`) : []),
            ...(reviewBlocker ? [`Review: ${reviewBlocker}`] : []),
            ...(can.publish ? publishBlockers.map((s) => `Publish: ${s}`) : []),
          ]}
        />

        {confirm === "publish" && isDraft && (
          <PublishConfirm
            name={name}
            label={d.version}
            publishedLabel={published?.version ?? null}
            review={review}
            pending={publish.isPending}
            onPublish={() => publish.mutate()}
            onCancel={() => setConfirm(null)}
          />
        )}
        {confirm === "discard" && isDraft && (
          <DiscardConfirm
            draftId={d.policy_version_id}
            label={d.version}
            dirty={dirty}
            pending={discard.isPending}
            onDiscard={() => discard.mutate()}
            onCancel={() => setConfirm(null)}
          />
        )}

        <div role="status" aria-live="polite">
          {notice?.tone === "success" && <p className={styles.success}>{notice.text}</p>}
          {navigating && <p className="meta">Updating the page…</p>}
        </div>
        {notice?.tone === "error" && (
          <div className="error" role="alert">
            <p>{notice.text}</p>
            {notice.issues && notice.issues.length > 0 && (
              <ul>
                {notice.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    {i.path}: {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      {showReview && isDraft && !dirty && (
        <ReviewPanel id={`${uid}-review`} draftId={d.policy_version_id} label={d.version} review={review} />
      )}

      <VersionsTable
        policyId={policyId}
        query={versions}
        openId={d?.policy_version_id ?? published?.policyVersionId ?? null}
        editHref={(id) => editHref(policyId, id)}
        publishedHref={editHref(policyId)}
        mayLeave={mayLeave}
      />
    </>
  );
}

function Blockers({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <div className={styles.why}>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

type ReviewQuery = UseQueryResult<PolicyComparison, Error>;

function PublishConfirm({
  name,
  label,
  publishedLabel,
  review,
  pending,
  onPublish,
  onCancel,
}: {
  name: string;
  label: string;
  publishedLabel: string | null;
  review: ReviewQuery;
  pending: boolean;
  onPublish: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const uid = useId();
  useEffect(() => heading.current?.focus(), []);
  const counts = review.data ? reviewCounts(review.data) : null;
  return (
    <div
      className={styles.confirm}
      role="group"
      aria-labelledby={`${uid}-title`}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <h3 id={`${uid}-title`} ref={heading} tabIndex={-1}>
        Publish version {label}?
      </h3>
      <p>
        Version {label} of {name} becomes the version in force
        {publishedLabel ? `, replacing version ${publishedLabel}` : ""}. Every evaluation, gate and sign-off
        from now on uses it; the publication is written to the audit log.
      </p>
      {review.isPending ? (
        <p role="status">Counting the models it changes…</p>
      ) : review.isError ? (
        <p className="error" role="alert">
          The review could not be made, so the models it changes are unknown: {review.error.message}
        </p>
      ) : counts ? (
        <p>
          <strong>{countsText(counts)}</strong>
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="button" onClick={onPublish} disabled={pending || !counts}>
          {pending ? "Publishing…" : `Publish version ${label}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function DiscardConfirm({
  draftId,
  label,
  dirty,
  pending,
  onDiscard,
  onCancel,
}: {
  draftId: number;
  label: string;
  dirty: boolean;
  pending: boolean;
  onDiscard: () => void;
  onCancel: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const uid = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <div
      className={`${styles.confirm} ${styles.danger}`}
      role="group"
      aria-labelledby={`${uid}-title`}
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <h3 id={`${uid}-title`} ref={heading} tabIndex={-1}>
        Discard draft {draftId}?
      </h3>
      <p>
        Draft {draftId} (version {label}) will be marked discarded: it stays in the history but can no longer
        be edited or published.{dirty ? " Your unsaved edits are lost as well." : ""}
      </p>
      <div className={styles.actions}>
        <button type="button" className={styles.dangerButton} onClick={onDiscard} disabled={pending}>
          {pending ? "Discarding…" : `Discard draft ${draftId}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={pending}>
          Keep the draft
        </button>
      </div>
    </div>
  );
}
