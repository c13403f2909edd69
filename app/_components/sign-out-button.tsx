"use client";

import { useState } from "react";

/** Ends the session (better-auth clears the cookie and deletes the session row), then goes to /login. */
export function SignOutButton({ className }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      await fetch("/api/auth/sign-out", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
    } finally {
      window.location.assign("/login");
    }
  }
  return (
    <button type="button" className={className} onClick={signOut} disabled={busy}>
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
