import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS } from "./accounts";

/**
 * Signs every e2e account in through the real sign-in endpoint and saves its cookies, so the specs
 * start signed in (as admin unless they choose another account with `test.use({ storageState })`).
 */
for (const account of Object.values(ACCOUNTS)) {
  setup(`sign in as ${account.role}`, async ({ request, baseURL }) => {
    const res = await request.post("/api/auth/sign-in/email", {
      data: { email: account.email, password: account.password },
      headers: { origin: baseURL! },
    });
    expect(res.status(), await res.text()).toBe(200);
    const session = await request.get("/api/auth/get-session");
    expect(await session.json()).toMatchObject({ user: { email: account.email, role: account.role } });
    mkdirSync(path.dirname(account.state), { recursive: true });
    await request.storageState({ path: account.state });
  });
}
