import { QueryClient, isServer } from "@tanstack/react-query";

/** One factory for server prefetching and the browser: the same defaults on both sides. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Prefetched data is fresh on arrival; refetching at once would only repeat the server's work.
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
