/**
 * Retries `check` until it stops throwing, for effects that happen asynchronously (a file watch).
 * The bound only keeps a broken build from hanging; it asserts nothing about speed.
 */
export async function eventually<T>(check: () => T | Promise<T>, boundMs = 10_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
