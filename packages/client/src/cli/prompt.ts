// Reads a secret from the terminal without echoing it: raw mode, so the terminal shows nothing as it is typed
// (not even asterisks, whose count would tell its length), and the secret never reaches the shell's history.
/** The parts of process.stdin a hidden prompt needs; a test may pass a stand-in. */
export interface TerminalInput {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  setEncoding: (encoding: BufferEncoding) => unknown;
  resume: () => unknown;
  pause: () => unknown;
  on: (event: "data", listener: (chunk: string) => void) => unknown;
  off: (event: "data", listener: (chunk: string) => void) => unknown;
}

export class PromptCancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "PromptCancelledError";
  }
}

/**
 * Prompts on `output` and reads one line from the terminal `input` with echo off. Null when `input` is not a
 * terminal (piped or closed): the caller then asks for --password-stdin or the environment instead.
 * Enter (or Ctrl-D) ends the line, Backspace deletes a character, Ctrl-C cancels.
 */
export function readHidden(
  prompt: string,
  input: TerminalInput,
  output: (text: string) => void,
): Promise<string | null> {
  const setRawMode = input.setRawMode?.bind(input);
  if (!input.isTTY || !setRawMode) return Promise.resolve(null);
  const wasRaw = input.isRaw ?? false;
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (error: Error | null) => {
      input.off("data", onData);
      setRawMode(wasRaw);
      input.pause();
      output("\n");
      if (error) reject(error);
      else resolve(chars.join(""));
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return finish(null);
        if (ch === "\u0003") return finish(new PromptCancelledError());
        if (ch === "\u007f" || ch === "\b") chars = chars.slice(0, -1);
        else if (ch >= " ") chars.push(ch);
      }
    };
    // Echo goes off before the prompt shows, so nothing typed after it can ever be echoed.
    setRawMode(true);
    input.setEncoding("utf8");
    input.on("data", onData);
    input.resume();
    output(prompt);
  });
}
