"use client";

import { useEffect } from "react";

/**
 * The page streams in behind its loading state, so the browser's own jump to `#domain-…` or
 * `#score-…` finds no element yet on first load; this repeats it once the content is there.
 */
export function ScrollToHash() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
  return null;
}
