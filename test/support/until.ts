/**
 * Calls `probe` until `done` holds or `timeoutMs` passes, answering the last result either way,
 * so the caller's assertion shows what was seen. For effects that travel between processes.
 */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await probe();
  }
  return value;
}
