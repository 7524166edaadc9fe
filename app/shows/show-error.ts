import { ExplainedError } from "~/lib/explained-error";

/** A show command the show's state refuses, in words for the merchant. */
export class ShowError extends ExplainedError {
  override name = "ShowError";
}
