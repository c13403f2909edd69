import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { handler } from "../_lib/respond";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handler(() => NextResponse.json(openApiDocument()));
