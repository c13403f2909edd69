import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Policy files are read from disk at request time by server components.
  outputFileTracingIncludes: { "/**": ["./policies/**/*"] },
};

export default nextConfig;
