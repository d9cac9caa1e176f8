/**
 * Errors that are the user's input, not claimcheck's fault: the CLI prints them as one line, exit 2.
 * @module
 */

/** A bad TARGET, flag, config file or report file. */
export class InputError extends Error {
  override name = "InputError";
}
