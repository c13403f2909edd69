import { parseArgs } from "node:util";
import { getDb } from "@/db";
import {
  createToken,
  createUser,
  getUserByEmail,
  listTokens,
  listUsers,
  revokeToken,
  setUserRole,
} from "@/db/users";
import type { TokenSummary } from "@/db/users";
import { parseExpiry, Role, ROLES, TOKEN_SCOPES, TokenScope } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import type { CliIo, CommandHandler } from "../types";
import { UsageError } from "../types";
import { table } from "../format";
import { cliActor } from "./data";

/**
 * Accounts and API tokens. The CLI runs with shell access to the database, so it may create any user,
 * admins included, without signing in; what it does is audited under `cli:<os user>` or `--as`.
 */

const CREATE_USAGE =
  "users create --email <e> --name <n> --role <role> (--password <p> | --password-env <VAR>) [--as <who>] [--json]";
const ROLE_USAGE = "users role <email> <role> [--as <who>] [--json]";
const TOKEN_USAGE =
  "tokens create --name <n> --role <role> [--scope ingest|gate]... [--expires YYYY-MM-DD] --as <admin email> [--json]";

function json(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

function role(text: string | undefined, usage: string): Role {
  const r = Role.safeParse(text);
  if (!r.success) throw new UsageError(`${usage}\n  role: one of ${ROLES.join(", ")}`);
  return r.data;
}

function invalid(e: unknown): never {
  // zod errors from the account schemas: one line per field, exit 1 like any invalid input.
  if (e && typeof e === "object" && "issues" in e && Array.isArray(e.issues))
    throw new DomainError(
      "VALIDATION",
      "invalid account",
      (e.issues as { path: PropertyKey[]; message: string }[]).map((i) => ({
        path: i.path.map(String).join(".") || "(input)",
        message: i.message,
      })),
    );
  throw e;
}

const usersCreate: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      "password-env": { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.email || !values.name || !values.role) throw new UsageError(CREATE_USAGE);
  let password = values.password;
  if (values["password-env"]) {
    password = process.env[values["password-env"]];
    if (password === undefined) throw new UsageError(`--password-env: $${values["password-env"]} is not set`);
  }
  if (password === undefined) throw new UsageError(CREATE_USAGE);
  const r = role(values.role, CREATE_USAGE);
  const user = await createUser(
    getDb(),
    { email: values.email, name: values.name, role: r, password },
    cliActor(values.as),
  ).catch(invalid);
  if (values.json) json(io, { user });
  else io.stdout(`created ${user.email} (${user.role})\n`);
  return 0;
};

const usersList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
  const users = listUsers(getDb());
  if (values.json) json(io, { users });
  else
    io.stdout(
      table(
        ["email", "name", "role", "created"],
        users.map((u) => [u.email, u.name, u.role, u.createdAt]),
      ),
    );
  return 0;
};

const usersRole: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, json: { type: "boolean" } },
  });
  const [email, roleText] = positionals;
  if (!email || !roleText || positionals.length !== 2) throw new UsageError(ROLE_USAGE);
  const user = setUserRole(getDb(), email, role(roleText, ROLE_USAGE), cliActor(values.as));
  if (values.json) json(io, { user });
  else io.stdout(`${user.email} is now ${user.role}\n`);
  return 0;
};

function tokenRow(t: TokenSummary): string[] {
  const state = t.revokedAt
    ? `revoked ${t.revokedAt.slice(0, 10)}`
    : t.expiresAt && Date.parse(t.expiresAt) <= Date.now()
      ? "expired"
      : "active";
  return [
    String(t.id),
    t.name,
    t.role,
    t.scopes.join(",") || "-",
    `${t.hint}…`,
    t.expiresAt?.slice(0, 10) ?? "never",
    state,
    t.createdBy,
  ];
}

const tokensCreate: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      scope: { type: "string", multiple: true },
      expires: { type: "string" },
      as: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (!values.name || !values.role || !values.as) throw new UsageError(TOKEN_USAGE);
  const r = role(values.role, TOKEN_USAGE);
  const scopes = (values.scope ?? []).map((s) => {
    const p = TokenScope.safeParse(s);
    if (!p.success) throw new UsageError(`${TOKEN_USAGE}\n  scope: one of ${TOKEN_SCOPES.join(", ")}`);
    return p.data;
  });
  let expiresAt: string | null = null;
  if (values.expires !== undefined) {
    expiresAt = parseExpiry(values.expires);
    if (!expiresAt)
      throw new DomainError("VALIDATION", "invalid expiry", [
        { path: "--expires", message: "a future date (YYYY-MM-DD) or ISO date-time" },
      ]);
  }
  const db = getDb();
  // A token is issued by a named admin, so the audit log says who is answerable for it.
  const issuer = getUserByEmail(db, values.as);
  if (!issuer) throw new DomainError("NOT_FOUND", `--as: no user with the email ${values.as}`);
  if (issuer.role !== "admin")
    throw new DomainError(
      "FORBIDDEN",
      `--as: ${issuer.email} is ${issuer.role}; only an admin may issue tokens`,
    );
  let minted: ReturnType<typeof createToken>;
  try {
    minted = createToken(db, { name: values.name, role: r, scopes, expiresAt }, issuer.email);
  } catch (e) {
    invalid(e);
  }
  const { token, summary } = minted;
  if (values.json) json(io, { token, ...summary });
  else {
    io.stdout(`${token}\n`);
    io.stderr(
      `token ${summary.id} "${summary.name}" (${summary.role}${summary.scopes.length ? ` + ${summary.scopes.join(", ")}` : ""}, ` +
        `expires ${summary.expiresAt ?? "never"}). Shown once: store it now; only its hash is kept.\n` +
        `use it as: Authorization: Bearer <token>\n`,
    );
  }
  return 0;
};

const tokensList: CommandHandler = async (argv, io) => {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
  const tokens = listTokens(getDb());
  if (values.json) json(io, { tokens });
  else
    io.stdout(
      table(["id", "name", "role", "scopes", "token", "expires", "state", "issued by"], tokens.map(tokenRow)),
    );
  return 0;
};

const tokensRevoke: CommandHandler = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, json: { type: "boolean" } },
  });
  const [idText] = positionals;
  if (!idText || positionals.length !== 1 || !/^\d+$/.test(idText))
    throw new UsageError("tokens revoke <id> [--as <who>] [--json]");
  const t = revokeToken(getDb(), Number(idText), cliActor(values.as));
  if (values.json) json(io, { token: t });
  else io.stdout(`revoked token ${t.id} "${t.name}"\n`);
  return 0;
};

export const accountCommands = {
  users: { create: usersCreate, list: usersList, role: usersRole },
  tokens: { create: tokensCreate, list: tokensList, revoke: tokensRevoke },
};
