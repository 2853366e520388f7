/** CPU time this process used, user plus system, in microseconds: the figure scenario 1 divides. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
