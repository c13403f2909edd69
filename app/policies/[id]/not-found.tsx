import Link from "next/link";

export default function PolicyNotFound() {
  return (
    <>
      <h1>Policy not found</h1>
      <p className="state">
        No published policy has this id. <Link href="/policies">See the published policies</Link>.
      </p>
    </>
  );
}
