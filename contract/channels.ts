/** Every channel that crosses a process boundary, namespaced `domain:action`. */
export const Channels = {
  command: 'lab:command',
  events: 'lab:events',
  menu: 'menu:action',
  sessionFile: 'session-file:opened',
} as const;
