import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A second build beside the first (e.g. two checks on one machine) can use its own directory.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
