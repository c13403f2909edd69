import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { z } from "zod";
import { DomainError, type ErrorIssue } from "@/lib/errors";
import { canonicalJson, sha256Hex } from "./canonical-json";
import { HASH_PATTERN, isCanonicalAt } from "./chain";
import type { ChainHead } from "./verify";

/**
 * Domain separation: the signed bytes name what they are, so a signature over a head can never be
 * replayed as a signature over some other JSON document signed with the same key.
 */
export const SIGNED_HEAD_TYPE = "scalegate.audit-head.v1";

export const SignedHead = z
  .object({
    seq: z.number().int().positive(),
    hash: z.string(),
    at: z.string(),
    signature: z.string(),
    alg: z.literal("Ed25519"),
    key_id: z.string(),
  })
  .strict();
export type SignedHead = z.infer<typeof SignedHead>;

export type HeadVerification =
  | { ok: true; key_id: string }
  | { ok: false; reason: "malformed" | "key_id_mismatch" | "bad_signature"; detail: string };

/**
 * The exact bytes signed: UTF-8 of canonicalJson({ at, hash, seq, type: SIGNED_HEAD_TYPE }), e.g.
 * {"at":"2025-01-01T00:00:00.000Z","hash":"<64 hex>","seq":42,"type":"scalegate.audit-head.v1"}.
 * An auditor can reproduce it and check the signature with any Ed25519 implementation.
 */
export function headMessage(head: ChainHead): Buffer {
  return Buffer.from(
    canonicalJson({ at: head.at, hash: head.hash, seq: head.seq, type: SIGNED_HEAD_TYPE }),
    "utf8",
  );
}

function headIssues(head: ChainHead): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (!Number.isSafeInteger(head.seq) || head.seq < 1)
    issues.push({ path: "seq", message: "must be a positive integer" });
  if (typeof head.hash !== "string" || !HASH_PATTERN.test(head.hash))
    issues.push({ path: "hash", message: "must be 64 lower-case hex characters" });
  if (typeof head.at !== "string" || !isCanonicalAt(head.at))
    issues.push({ path: "at", message: "must be a UTC timestamp as Date#toISOString prints it" });
  return issues;
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== "ed25519")
    throw new DomainError(
      "VALIDATION",
      `${what} is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`,
    );
  return key;
}

function loadPrivateKey(pem: string): KeyObject {
  try {
    return ed25519(createPrivateKey(pem), "private key");
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("VALIDATION", "private key is not a readable PEM key");
  }
}

function loadPublicKey(pem: string): KeyObject {
  try {
    return ed25519(createPublicKey(pem), "public key");
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("VALIDATION", "public key is not a readable PEM key");
  }
}

function keyIdOfKey(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: "spki", format: "der" })).slice(0, 16);
}

/** First 16 hex chars of sha256 over the public key's SPKI DER. Accepts a public or private key PEM. */
export function keyId(pem: string): string {
  const key = pem.includes("PRIVATE KEY") ? createPublicKey(loadPrivateKey(pem)) : loadPublicKey(pem);
  return keyIdOfKey(key);
}

export interface SigningKeys {
  publicKeyPem: string;
  privateKeyPem: string;
  key_id: string;
}

/** A fresh Ed25519 key pair (PKCS#8 / SPKI PEM). */
export function generateSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    key_id: keyIdOfKey(publicKey),
  };
}

/** Sign a chain head (typically verifyChain's `head`) so a later truncation or rewrite is detectable. */
export function signHead(head: ChainHead, privateKeyPem: string): SignedHead {
  const issues = headIssues(head);
  if (issues.length > 0) throw new DomainError("VALIDATION", "invalid chain head", issues);
  const privateKey = loadPrivateKey(privateKeyPem);
  return {
    seq: head.seq,
    hash: head.hash,
    at: head.at,
    signature: sign(null, headMessage(head), privateKey).toString("base64"),
    alg: "Ed25519",
    key_id: keyIdOfKey(createPublicKey(privateKey)),
  };
}

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Checks the signature over { seq, hash, at } and that key_id names the given key. Does not check
 * the head against a chain: the caller compares seq/hash with the entry at that seq.
 * Throws only when the public key itself is unusable (a caller error, not a property of the head).
 */
export function verifyHead(signed: SignedHead, publicKeyPem: string): HeadVerification {
  const publicKey = loadPublicKey(publicKeyPem);
  const shape = SignedHead.safeParse(signed);
  if (!shape.success) return { ok: false, reason: "malformed", detail: shape.error.issues[0]?.message ?? "" };
  const issues = headIssues(signed);
  if (issues.length > 0)
    return {
      ok: false,
      reason: "malformed",
      detail: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
    };
  if (!BASE64_SIGNATURE.test(signed.signature))
    return { ok: false, reason: "malformed", detail: "signature is not 64 bytes of base64" };
  const expectedKeyId = keyIdOfKey(publicKey);
  if (signed.key_id !== expectedKeyId)
    return {
      ok: false,
      reason: "key_id_mismatch",
      detail: `signed by ${signed.key_id}, key is ${expectedKeyId}`,
    };
  const ok = verify(null, headMessage(signed), publicKey, Buffer.from(signed.signature, "base64"));
  return ok
    ? { ok: true, key_id: expectedKeyId }
    : { ok: false, reason: "bad_signature", detail: "signature does not match seq, hash and at" };
}
