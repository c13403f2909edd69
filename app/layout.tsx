import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { Providers } from "./providers";
import { UserMenu } from "./_components/user-menu";

export const metadata: Metadata = {
  title: { default: "Scalegate", template: "%s · Scalegate" },
  description: "Govern frontier AI models against responsible scaling thresholds",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Scalegate
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/compare">Compare</Link>
            <Link href="/policies">Policies</Link>
            <Link href="/ingest">Ingest</Link>
            <Link href="/projections">Projections</Link>
            <Link href="/audit">Audit</Link>
          </nav>
          <UserMenu />
        </header>
        <main id="main">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
