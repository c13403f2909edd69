/** What a CLI command may touch: injected so commands are testable without a subprocess. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** true when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** reads a file relative to cwd, as UTF-8 */
  readText: (path: string) => string;
}

/**
 * A command returns its exit code: 0 ok, 1 invalid input, 2 usage; `gate` 0 allow, 3 conditional, 4 pause/block.
 * It throws UsageError for bad arguments (exit 2 with the message).
 */
export type CommandHandler = (argv: string[], io: CliIo) => Promise<number>;

export class UsageError extends Error {
  override name = "UsageError";
}
