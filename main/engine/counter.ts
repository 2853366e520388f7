/** Hands out 1, 2, 3, …: connection, run and script ids, shared by every part that needs them. */
export function createCounter(): () => number {
  let last = 0;
  return () => {
    last += 1;
    return last;
  };
}
