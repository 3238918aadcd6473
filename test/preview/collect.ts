/** Reads a stream once in the background; `wait` resolves when the text so far contains a needle. */
export function collect(stream: ReadableStream<string>): { text(): string; wait(needle: string, ms?: number): Promise<string> } {
  let seen = '';
  const waiters: (() => void)[] = [];
  void (async () => {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value;
      for (const w of waiters.splice(0)) w();
    }
  })();
  return {
    text: () => seen,
    wait(needle, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no '${needle}' within ${ms} ms; saw: ${seen}`)), ms);
        const check = () => {
          if (seen.includes(needle)) {
            clearTimeout(timer);
            resolve(seen);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
