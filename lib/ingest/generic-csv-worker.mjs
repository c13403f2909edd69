// A worker thread does not inherit its parent's TypeScript loader: register tsx, then load the worker.
import { register } from "tsx/esm/api";

register();
await import("./generic-csv-worker.ts");
