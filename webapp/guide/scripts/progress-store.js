// The ticked steps, kept on this phone by stable step id as "progress": { done: [ids] }.
import { read, write } from "../../core/scripts/storage.js";

export const STEP_ID = /^[a-z0-9-]{1,64}$/;

const isProgress = (value) =>
  value !== null &&
  typeof value === "object" &&
  Array.isArray(value.done) &&
  value.done.every((id) => typeof id === "string" && STEP_ID.test(id));

// The ids of the steps ticked, as a Set (empty when nothing, or nothing readable, is kept).
export const readDone = () => new Set((read("progress", isProgress) || { done: [] }).done);

export const writeDone = (done) => write("progress", { done: [...done] });
